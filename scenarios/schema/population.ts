/** Circles: communities with their own trust, fatigue, thresholds and opinion leaders (MODEL.md "Circle"). */
import { z } from "zod";
import { BetaDist, NonNegativeInt, PositiveInt, Probability } from "./common.ts";

export const Circle = z.strictObject({
    name: z.string().min(1),
    /** Number of real consumers in the circle (KOLs included). */
    size: PositiveInt,
    /** How relevant the product is to this circle: scales the conversion rate. */
    productAffinity: Probability.default(0.5),
    /** τ: openness to influence from ties. */
    trust: BetaDist.default({ alpha: 5, beta: 3 }),
    /** σ: discount on paid or brand-voiced content. */
    skepticism: BetaDist.default({ alpha: 2, beta: 3 }),
    /** α: probability of reading the feed in a tick; right-skewed (most read rarely). */
    activity: BetaDist.default({ alpha: 0.7, beta: 1.3 }),
    /** φ: fatigue added by each seen exposure. */
    fatigueRate: Probability.default(0.1),
    /** ρ: share of fatigue that fades per tick. */
    fatigueRecovery: Probability.default(0.1),
    /** k_c: persuasive touches needed before a purchase, drawn uniformly per agent in [min, max]. */
    touchesToConvert: z
      .strictObject({ min: PositiveInt.max(255), max: PositiveInt.max(255) })
      .refine((t) => t.min <= t.max, { message: "expected min ≤ max" })
      .default({ min: 2, max: 3 }),
    /** η: base probability of resharing a piece that was seen. */
    sharePropensity: Probability.default(0.035),
    /** δ: novelty of a case seen m times before is δ^m. */
    repetitionDecay: Probability.default(0.5),
    /** Number of opinion leaders (the circle's best-connected members). */
    kols: NonNegativeInt.default(2),
    /** Share of the circle that follows each opinion leader. */
    kolReach: Probability.default(0.1),
  });
export type Circle = z.infer<typeof Circle>;

/** A circle's parameters without its name and size: the template for the circles of a network file. */
export const CircleTemplate = Circle.omit({ name: true, size: true });

/** Circles a population may have: an agent's circle is a Uint16 index. */
export const MAX_CIRCLES = 65535;

export const Population = z.strictObject({
  /**
   * With a file network, the loader fills this list from the file's circles: an entry named like a
   * file circle gives that circle's parameters (its size may be left out), the others use `template`.
   */
  circles: z.array(Circle).min(1).max(MAX_CIRCLES),
  /** File networks only: parameters of every file circle not listed in `circles`. */
  template: CircleTemplate.optional(),
});
export type Population = z.infer<typeof Population>;

/** Consumers in all: the sum of the circles' sizes. */
export function consumerCount(p: { circles: readonly { size: number }[] }): number {
  return p.circles.reduce((a, c) => a + c.size, 0);
}
