/**
 * The strategy library (docs/strategies.md): each strategy is a replayable schedule of actions with
 * costs. The engine compiles strategies into publications (engine/core/strategies/).
 */
import { z } from "zod";
import { BetaDist, NonNegative, NonNegativeInt, PositiveInt, Probability, Schedule } from "./common.ts";

/** A content item given inline (its id defaults to the strategy's name) or by id from `contents`. */
export const ContentSpec = z.strictObject({
  id: z.string().min(1).optional(),
  case: z.string().min(1).optional(),
  quality: z.union([Probability, BetaDist]).optional(),
  brandFit: Probability.optional(),
  paid: z.boolean().optional(),
  fit: z.record(z.string(), Probability).optional(),
  fitDefault: Probability.optional(),
});
export const ContentRef = z.union([z.string().min(1), ContentSpec]);
export type ContentRef = z.infer<typeof ContentRef>;

/**
 * A content calendar: one piece, or a list of pieces used in turn (publication k carries piece k mod
 * length). Distinct pieces are distinct cases, so a calendar delivers distinct touches where one
 * repeated piece wears out.
 */
export const Calendar = z.union([ContentRef, z.array(ContentRef).min(1).max(1000)]);
export type Calendar = z.infer<typeof Calendar>;

/** A calendar's default piece, and `pieces`: how many distinct pieces one piece is turned into (ids `id#1 … id#k`). */
const calendar = (piece: z.input<typeof ContentSpec>) => ({
  content: Calendar.default(piece),
  pieces: PositiveInt.max(1000).default(1),
});

const named = { name: z.string().min(1).optional() };

/**
 * What the strategy may spend. With a budget, the quantity bought follows from it and the unit prices
 * (docs/strategies.md, "What the money buys"); without one, from the schedule, at the same prices.
 */
const budget = { budget: NonNegative.optional() };

/** Platform frequency cap of paid ads: at most `impressions` per person per `ticks` ticks, per strategy. */
export const FrequencyCap = z.strictObject({ impressions: PositiveInt.max(255), ticks: PositiveInt });
export type FrequencyCap = z.infer<typeof FrequencyCap>;
const frequencyCap = FrequencyCap.default({ impressions: 3, ticks: 7 });

export const BuyReposts = z.strictObject({
  type: z.literal("buyReposts"),
  ...named,
  /** Big accounts paid per scheduled tick, largest follower pool first (default: all). */
  accounts: PositiveInt.optional(),
  /** Price of one repost by one account. */
  pricePerRepost: NonNegative.default(100),
  ...budget,
  /** Rounds of reposts; with a budget, `count` is the most rounds and the budget buys reposts in order. */
  at: Schedule,
  ...calendar({ quality: 0.7, brandFit: 0.1, paid: true }),
  /** Platform crackdown: from this tick on, reposts still cost but reach only `reach` of the followers. */
  crackdown: z.strictObject({ at: NonNegativeInt, reach: Probability.default(0) }).optional(),
});

export const CreativeContent = z.strictObject({
  type: z.literal("creativeContent"),
  ...named,
  /** Pieces published by the brand account, one every `every` ticks from `start`. */
  pieces: PositiveInt.default(4),
  start: NonNegativeInt.default(0),
  every: PositiveInt.default(30),
  /** Quality of each piece, drawn per piece and replicate: hit-or-miss creative. */
  quality: z.union([Probability, BetaDist]).default({ alpha: 1.2, beta: 2.5 }),
  brandFit: Probability.default(0.5),
  productionCost: NonNegative.default(1000),
  /** With a budget, `pieces` is the most pieces and the budget buys pieces (production and promotion) in order. */
  ...budget,
  /** Paid promotion of each piece when it is published. */
  promotion: z
    .strictObject({
      impressions: PositiveInt,
      cpm: z.number().positive().default(5),
      circles: z.array(z.string().min(1)).optional(),
      frequencyCap,
    })
    .optional(),
});

export const KolSeeding = z.strictObject({
  type: z.literal("kolSeeding"),
  ...named,
  /** Target circles; default: the `topCircles` circles with the highest product affinity. */
  circles: z.array(z.string().min(1)).optional(),
  topCircles: PositiveInt.default(2),
  kolsPerCircle: PositiveInt.default(2),
  /**
   * Who posts: "degree", the circle's opinion leaders, best-connected first (absent means this);
   * "spread", the members with the largest expected reach by lazy greedy over live-edge samples.
   */
  select: z.enum(["degree", "spread"]).optional(),
  pricePerPost: NonNegative.default(300),
  ...budget,
  /** Rounds of posts; with a budget, `count` is the most rounds and the budget buys posts in order. */
  at: Schedule,
  ...calendar({ quality: 0.6, brandFit: 0.7 }),
  /** Adapt the piece to each target circle's language (fit 1 there). */
  adaptFit: z.boolean().default(true),
  /** One-off cost of adapting the piece to one circle, charged with the circle's first post. */
  adaptationCost: NonNegative.default(0),
});

export const FanManagement = z.strictObject({
  type: z.literal("fanManagement"),
  ...named,
  start: NonNegativeInt.default(0),
  /** Ticks of cultivation; events stop after it, but fans keep posting. */
  duration: PositiveInt.default(180),
  /** Ticks between club events (perks, dialogue, value content to members). */
  eventsEvery: PositiveInt.default(7),
  /** Cost of running one event (content, perks, the host's time). */
  costPerEvent: NonNegative.default(100),
  /** Cost of recruiting one club member (sign-up incentive, the click that brought them). */
  costPerRecruit: NonNegative.default(5),
  /** With a budget, what is left after the events' cost buys members, spread evenly over the events. */
  ...budget,
  /** New club members recruited at each event, in proportion to circle affinity (without a budget). */
  recruitPerEvent: NonNegativeInt.default(40),
  /** Circles the club recruits from (default all), in proportion to size × affinity: the circle that needs educating. */
  circles: z.array(z.string().min(1)).optional(),
  /** Probability that a customer in the club becomes a fan at an event. */
  fanRate: Probability.default(0.15),
  /** Value content sent to members, one piece per event. */
  ...calendar({ quality: 0.6, brandFit: 0.9 }),
});

export const Tier = z.enum(["HV", "MV", "LV"]);
export const CrmTiers = z.strictObject({
  type: z.literal("crmTiers"),
  ...named,
  at: Schedule,
  tiers: z.array(Tier).min(1).default(["HV", "MV", "LV"]),
  /** Personalised pushes feel like a friend's note (no skepticism discount, fit 1); synchronised ones are brand broadcasts. */
  mode: z.enum(["personalised", "synchronised"]).default("personalised"),
  costPerMessage: NonNegative.default(0.05),
  /** With a budget, pushes go out in order while the budget covers every member of the tier. */
  ...budget,
  ...calendar({ quality: 0.6, brandFit: 0.8 }),
});

export const CommunityOps = z.strictObject({
  type: z.literal("communityOps"),
  ...named,
  group: z.strictObject({
    /** Prospect groups recruit from the target circles; traffic groups from everyone. */
    kind: z.enum(["prospect", "traffic"]).default("traffic"),
    size: PositiveInt.default(300),
    circles: z.array(z.string().min(1)).optional(),
  }),
  feed: z.enum(["value", "redEnvelope", "none"]).default("value"),
  start: NonNegativeInt.default(0),
  every: PositiveInt.default(3),
  posts: PositiveInt.default(20),
  costPerPost: NonNegative.default(50),
  /** With a budget, `posts` is the most posts and the budget buys posts (then testimonials) in order. */
  ...budget,
  /** Testimonials of old customers posted in the group. */
  testimonials: z
    .strictObject({ start: NonNegativeInt.default(0), every: PositiveInt.default(7), count: PositiveInt.default(8), costEach: NonNegative.default(20) })
    .optional(),
});

export const SocialAds = z.strictObject({
  type: z.literal("socialAds"),
  ...named,
  /** Spend, split evenly over the schedule; impressions a frequency cap leaves undeliverable are not bought. */
  budget: NonNegative,
  cpm: z.number().positive().default(8),
  at: Schedule,
  circles: z.array(z.string().min(1)).optional(),
  /** Target consumers like current customers (circles in proportion to customers so far). */
  lookalike: z.boolean().default(false),
  frequencyCap,
  ...calendar({ quality: 0.5, brandFit: 0.6, paid: true }),
});

export const Crisis = z.strictObject({
  type: z.literal("crisis"),
  ...named,
  at: NonNegativeInt,
  /** Consumers who start spreading the negative story, drawn in `circles` (default all). */
  sharers: PositiveInt.default(30),
  circles: z.array(z.string().min(1)).optional(),
  severity: Probability.default(0.8),
});

export const InstalledBase = z.strictObject({
  type: z.literal("installedBase"),
  ...named,
  /** Share of consumers who are customers at tick 0, drawn in proportion to circle affinity. */
  customers: Probability,
  /** Share of those customers who are fans. */
  fans: Probability.default(0.3),
});

/** A strategy without repeatCase (repeatCase wraps one of these). */
export const BaseStrategy = z.discriminatedUnion("type", [
  BuyReposts, CreativeContent, KolSeeding, FanManagement, CrmTiers, CommunityOps, SocialAds, Crisis, InstalledBase,
]);
export type BaseStrategy = z.infer<typeof BaseStrategy>;

export const RepeatCase = z.strictObject({
  type: z.literal("repeatCase"),
  ...named,
  /** Waves of the same case; wave k runs the strategy shifted by k · spacing ticks. */
  waves: z.number().int().min(2).max(50).default(3),
  spacing: PositiveInt,
  strategy: BaseStrategy,
});

export const Strategy = z.discriminatedUnion("type", [
  BuyReposts, CreativeContent, KolSeeding, FanManagement, CrmTiers, CommunityOps, SocialAds, Crisis, InstalledBase, RepeatCase,
]);
export type Strategy = z.infer<typeof Strategy>;
export type StrategyOf<T extends Strategy["type"]> = Extract<Strategy, { type: T }>;
