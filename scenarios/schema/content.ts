/** Content items (campaign pieces), the product, and the global dynamics parameters. */
import { z } from "zod";
import { BetaDist, NonNegative, Probability } from "./common.ts";

export const Content = z.strictObject({
  id: z.string().min(1),
  /** The campaign idea; pieces sharing a case share its repetition decay. Defaults to `id`. */
  case: z.string().min(1).optional(),
  /** q: intrinsic appeal. A Beta distribution makes it hit-or-miss: drawn once per replicate. */
  quality: z.union([Probability, BetaDist]).default(0.5),
  /** β: how much a persuasive exposure makes people remember the brand, not only the piece. */
  brandFit: Probability.default(0.5),
  /** Paid or brand-voiced: discounted by the audience's skepticism. */
  paid: z.boolean().default(false),
  /** Negative content (crisis) undoes persuasion instead of building it. */
  valence: z.enum(["positive", "negative"]).default("positive"),
  /** Language fit per circle name; circles not listed get `fitDefault`. */
  fit: z.record(z.string(), Probability).default({}),
  fitDefault: Probability.default(1),
});
export type Content = z.infer<typeof Content>;

export const Product = z.strictObject({
  /** Price of one purchase, in the scenario's currency. */
  price: NonNegative.default(100),
  /** Margin of one purchase, in currency (used for ROI). */
  unitMargin: NonNegative.default(30),
  /** γ: per-tick purchase probability of a ready agent, before product affinity. */
  conversionRate: Probability.default(0.1),
  /** Probability that a new customer becomes a fan. */
  fanProbability: Probability.default(0.2),
  /** Mean ticks from purchase to becoming a fan (geometric, ≥ 1). */
  fanDelay: z.number().min(1).default(10),
  /** Reshare multiplier of fans. */
  fanBoost: z.number().min(1).max(20).default(2),
  /** Per-tick probability that a fan posts about the brand unprompted (word of mouth that outlives the spend). */
  fanPostRate: Probability.default(0.01),
  /** Probability that a fan who sees negative content about the brand posts a defence. */
  fanDefense: Probability.default(0.5),
  /** Value tiers of new customers (shares, normalised) and their repurchase probability per persuasive touch. */
  tiers: z
    .strictObject({
      share: z.strictObject({ HV: Probability, MV: Probability, LV: Probability }).default({ HV: 0.2, MV: 0.3, LV: 0.5 }),
      repurchase: z.strictObject({ HV: Probability, MV: Probability, LV: Probability }).default({ HV: 0.3, MV: 0.15, LV: 0.05 }),
    })
    .default({ share: { HV: 0.2, MV: 0.3, LV: 0.5 }, repurchase: { HV: 0.3, MV: 0.15, LV: 0.05 } }),
});
export type Product = z.infer<typeof Product>;

export const Dynamics = z.strictObject({
  /** λ: global persuasion scale. */
  persuasion: Probability.default(1),
  /** Mean ticks between seeing a piece and resharing it (geometric, ≥ 1). */
  shareDelay: z.number().min(1).default(1.5),
});
export type Dynamics = z.infer<typeof Dynamics>;
