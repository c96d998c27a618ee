/** Readable names of the output metrics and their reading order, shared by the CLI tables and the viewer. */

export const METRIC_LABELS: Record<string, string> = {
  reportedImpressions: "Reported impressions",
  realImpressions: "Real impressions",
  realShare: "Real / reported",
  reach: "Unique real reach",
  brandAware: "Brand awareness",
  engagements: "Persuasive touches",
  purchases: "Purchases (with repeats)",
  harmed: "Harmed by negative content",
  skippedForBudget: "Publications skipped (budget)",
  interested: "Interested",
  customers: "Conversions",
  customersBought: "· bought (the plan's publications)",
  customersEarned: "· earned (word of mouth)",
  customersFans: "· fans' own posts",
  unspent: "Unspent (cap or schedule)",
  fans: "Fans",
  shares: "Shares",
  spend: "Spend",
  revenue: "Revenue",
  costPerReach: "Cost per real reach",
  costPerConversion: "Cost per conversion",
  roi: "ROI",
};

export const METRIC_ORDER = ["reportedImpressions", "realImpressions", "realShare", "reach", "brandAware", "engagements", "interested", "customers", "customersBought", "customersEarned", "customersFans", "purchases", "fans", "shares", "harmed", "spend", "unspent", "skippedForBudget", "revenue", "costPerReach", "costPerConversion", "roi"];

/** Rows that only matter when they are not zero: shown when some plan has some. */
const QUIET = ["skippedForBudget", "harmed", "unspent"];

/**
 * The final-value rows of a comparison, in reading order: every plan's metrics (plans may differ:
 * community activity), METRIC_ORDER first, quiet rows left out when every plan has zero. The CLI's
 * tables and the viewer's share it.
 */
export function finalMetricRows(plans: readonly { final: Record<string, { mean: number }> }[]): string[] {
  const keys = [...new Set(plans.flatMap((p) => Object.keys(p.final)))];
  const quiet = new Set(QUIET.filter((k) => plans.every((p) => !p.final[k] || p.final[k].mean === 0)));
  return [...METRIC_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !METRIC_ORDER.includes(k))].filter((k) => !quiet.has(k));
}
