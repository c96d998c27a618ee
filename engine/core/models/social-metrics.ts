/**
 * The social model's per-tick metrics (docs/model.md §6), each declared once with its reader.
 * Conversions are split by their last persuasive touch: bought (a publication of the plan, delivered
 * as bought), earned (a reshare of the plan's content: word of mouth) and fans (fans' unprompted
 * posts and defences, and their reshares).
 */
import { defineCircleMetrics, defineMetrics, metricFamily } from "../metrics.ts";
import { Stage } from "../mechanism/funnel.ts";

/** What the collector reads of a social run (or of one part of a split run). */
export interface SocialTally {
  readonly counts: {
    readonly reported: number; readonly real: number; readonly reach: number; readonly aware: number; readonly engagements: number;
    readonly customers: number; readonly bought: number; readonly earned: number; readonly byFans: number; readonly purchases: number;
    readonly shares: number; readonly harmed: number; readonly spend: number; readonly skipped: number;
  };
  /** Consumers per funnel stage, now. */
  readonly stageCount: Float64Array;
  /** Every part of a split run replays the spending; the leader alone reports it, so that the parts' values add up. */
  readonly leader: boolean;
  readonly reachByCircle: Float64Array;
  readonly customersByCircle: Float64Array;
}

export const SOCIAL_METRICS = defineMetrics<SocialTally>([
  { name: "reportedImpressions", label: "Reported impressions", unit: "impressions", read: (s) => s.counts.reported },
  { name: "realImpressions", label: "Real impressions", unit: "impressions", read: (s) => s.counts.real },
  { name: "reach", label: "Unique real reach", unit: "people", read: (s) => s.counts.reach },
  { name: "brandAware", label: "Brand awareness", unit: "people", read: (s) => s.counts.aware },
  { name: "engagements", label: "Persuasive touches", unit: "touches", read: (s) => s.counts.engagements },
  { name: "interested", label: "Interested", unit: "people", read: (s) => s.stageCount[Stage.interested] },
  { name: "customers", label: "Conversions", unit: "people", read: (s) => s.counts.customers },
  { name: "customersBought", label: "· bought (the plan's publications)", unit: "people", read: (s) => s.counts.bought },
  { name: "customersEarned", label: "· earned (word of mouth)", unit: "people", read: (s) => s.counts.earned },
  { name: "customersFans", label: "· fans' own posts", unit: "people", read: (s) => s.counts.byFans },
  { name: "purchases", label: "Purchases (with repeats)", unit: "purchases", read: (s) => s.counts.purchases },
  { name: "fans", label: "Fans", unit: "people", read: (s) => s.stageCount[Stage.fan] },
  { name: "shares", label: "Shares", unit: "shares", read: (s) => s.counts.shares },
  { name: "harmed", label: "Harmed by negative content", unit: "people", read: (s) => s.counts.harmed },
  { name: "spend", label: "Spend", unit: "money", read: (s) => (s.leader ? s.counts.spend : 0) },
  { name: "skippedForBudget", label: "Publications skipped (budget)", unit: "count", read: (s) => (s.leader ? s.counts.skipped : 0) },
]);

export const SOCIAL_CIRCLE_METRICS = defineCircleMetrics<SocialTally>([
  { name: "reach", label: "Reached", unit: "people", read: (s) => s.reachByCircle },
  { name: "customers", label: "Converted", unit: "people", read: (s) => s.customersByCircle },
]);

/** Per community group, after the metrics above: its replies in the tick. */
export const GROUP_ACTIVITY = metricFamily("activity:", (group) => `Group activity (${group})`, "shares");
