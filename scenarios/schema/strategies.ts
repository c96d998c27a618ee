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

const named = { name: z.string().min(1).optional() };

export const BuyReposts = z.strictObject({
  type: z.literal("buyReposts"),
  ...named,
  /** Big accounts paid per scheduled tick, largest follower pool first (default: all). */
  accounts: PositiveInt.optional(),
  /** Price of one repost by one account. */
  pricePerRepost: NonNegative.default(100),
  at: Schedule,
  content: ContentRef.default({ quality: 0.7, brandFit: 0.1, paid: true }),
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
  /** Paid promotion of each piece when it is published. */
  promotion: z
    .strictObject({ impressions: PositiveInt, cpm: NonNegative.default(5), circles: z.array(z.string().min(1)).optional() })
    .optional(),
});

export const KolSeeding = z.strictObject({
  type: z.literal("kolSeeding"),
  ...named,
  /** Target circles; default: the `topCircles` circles with the highest product affinity. */
  circles: z.array(z.string().min(1)).optional(),
  topCircles: PositiveInt.default(2),
  kolsPerCircle: PositiveInt.default(2),
  pricePerPost: NonNegative.default(300),
  at: Schedule,
  content: ContentRef.default({ quality: 0.6, brandFit: 0.7 }),
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
  /** Cost per 30 ticks of cultivation. */
  costPerMonth: NonNegative.default(1000),
  /** New club members recruited at each event, in proportion to circle affinity. */
  recruitPerEvent: NonNegativeInt.default(40),
  /** Probability that a customer in the club becomes a fan at an event. */
  fanRate: Probability.default(0.15),
  content: ContentRef.default({ quality: 0.6, brandFit: 0.9 }),
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
  content: ContentRef.default({ quality: 0.6, brandFit: 0.8 }),
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
  /** Testimonials of old customers posted in the group. */
  testimonials: z
    .strictObject({ start: NonNegativeInt.default(0), every: PositiveInt.default(7), count: PositiveInt.default(8), costEach: NonNegative.default(20) })
    .optional(),
});

export const SocialAds = z.strictObject({
  type: z.literal("socialAds"),
  ...named,
  budget: NonNegative,
  cpm: z.number().positive().default(8),
  at: Schedule,
  circles: z.array(z.string().min(1)).optional(),
  /** Target consumers like current customers (circles in proportion to customers so far). */
  lookalike: z.boolean().default(false),
  content: ContentRef.default({ quality: 0.5, brandFit: 0.6, paid: true }),
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
