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
