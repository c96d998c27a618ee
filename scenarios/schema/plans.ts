/**
 * Plans: what a planner compares. A plan is a list of actions, each a scheduled publication with a
 * cost. The strategy library (issue 3) compiles richer strategies into these same actions.
 */
import { z } from "zod";
import { NonNegative, PositiveInt, Schedule } from "./common.ts";
import { FrequencyCap, Strategy } from "./strategies.ts";

export const PostAction = z.strictObject({
  type: z.literal("post"),
  /** Content id. */
  content: z.string().min(1),
  /** Who publishes: the brand account, opinion leaders, or grassroots big accounts. */
  from: z.enum(["brand", "kols", "bigAccounts"]),
  /** For kols: circles whose opinion leaders post (default: all circles). */
  circles: z.array(z.string().min(1)).optional(),
  /** For kols: leaders per circle; for bigAccounts: accounts (largest first). Default: all. */
  count: PositiveInt.optional(),
  at: Schedule,
  /** Cost of one publication by one account, in currency. */
  cost: NonNegative.default(0),
});

export const AdsAction = z.strictObject({
  type: z.literal("ads"),
  content: z.string().min(1),
  /** Impressions bought per scheduled tick, delivered to consumers drawn uniformly in the target circles. */
  impressions: PositiveInt,
  circles: z.array(z.string().min(1)).optional(),
  at: Schedule,
  /** Cost per thousand impressions, in currency. */
  cpm: NonNegative.default(0),
  /** At most this many impressions per person per window; impressions it leaves undeliverable are not bought. */
  frequencyCap: FrequencyCap.default({ impressions: 3, ticks: 7 }),
});

export const Action = z.discriminatedUnion("type", [PostAction, AdsAction]);
export type Action = z.infer<typeof Action>;
export type PostAction = z.infer<typeof PostAction>;
export type AdsAction = z.infer<typeof AdsAction>;

export const Plan = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Total budget: planned costs must fit in it, and no publication that would overspend it runs. */
  budget: NonNegative.optional(),
  strategies: z.array(Strategy).default([]),
  /** Low-level publications (each is its own channel), for cases the strategy library does not cover. */
  actions: z.array(Action).default([]),
});
export type Plan = z.infer<typeof Plan>;
