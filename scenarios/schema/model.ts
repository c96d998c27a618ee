/** Which dynamics run: the full social model, or a classic model for validation (docs/model.md §7). */
import { z } from "zod";
import { NonNegativeInt, PositiveInt, Probability } from "./common.ts";

/** Initial active nodes: explicit node ids, k drawn uniformly, or a share of the consumers drawn uniformly. */
export const Seeds = z.union([
  z.array(NonNegativeInt).min(1),
  z.strictObject({ random: PositiveInt }),
  /** round(share × consumers) distinct consumers, drawn as `random` draws them. */
  z.strictObject({ share: Probability.gt(0) }),
]);
export type Seeds = z.infer<typeof Seeds>;

/**
 * How a tick turns a per-tick hazard h into an adoption (or infection) probability: "discrete" uses h
 * itself (Bass 1969's discrete-time model; needs h ≤ 1), "poisson" uses 1 − e^{−h} (contacts arrive as a
 * Poisson process within the tick). Identical as ticks shrink; they differ by about h²/2 per tick.
 */
export const TimeStep = z.enum(["poisson", "discrete"]);
export type TimeStep = z.infer<typeof TimeStep>;

const Bound = z.number().min(0).max(1e9);

/**
 * A Linear Threshold distribution, in the model's `thresholdUnit`: a share of weighted in-ties
 * ("fraction") or a number of active in-neighbours ("count"). Normal and beta are truncated / scaled
 * to [min, max]; min ≥ 0 throughout.
 */
export const ThresholdDist = z.discriminatedUnion("kind", [
  /** Every node the same threshold (Watts 2002). */
  z.strictObject({ kind: z.literal("fixed"), value: Bound }),
  /** Uniform on [min, max) (Kempe, Kleinberg & Tardos 2003: [0, 1)). */
  z.strictObject({ kind: z.literal("uniform"), min: Bound, max: Bound }),
  /** Normal(mean, sd) truncated to [min, max] (default [0, ∞)) (Granovetter 1978). */
  z.strictObject({ kind: z.literal("normal"), mean: z.number().min(-1e9).max(1e9), sd: z.number().positive().max(1e9), min: Bound.optional(), max: Bound.optional() }),
  /** Beta(a, b) scaled to [min, max] (default [0, 1]). */
  z.strictObject({ kind: z.literal("beta"), a: z.number().positive().max(1e6), b: z.number().positive().max(1e6), min: Bound.optional(), max: Bound.optional() }),
]);
export type ThresholdDist = z.infer<typeof ThresholdDist>;

export const Model = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("social") }),
  z.strictObject({
    kind: z.literal("bass"),
    /** Innovation coefficient per tick. */
    p: Probability,
    /** Imitation coefficient per tick: weight of the adopted share of the market (or, on a network, of one's in-ties). */
    q: z.number().min(0).max(10),
    /** Default "poisson": a tick's adoption probability is 1 − e^{−(p + q·F)}; "discrete": p + q·F. */
    timeStep: TimeStep.optional(),
  }),
  z.strictObject({
    kind: z.literal("ic"),
    seeds: Seeds,
    /** Activation probability of every edge; default: each edge's weight. */
    probability: Probability.optional(),
  }),
  z.strictObject({
    kind: z.literal("lt"),
    seeds: Seeds,
    /** Every node's threshold distribution; default uniform on [0, 1). */
    threshold: ThresholdDist.optional(),
    /** Per circle (by name), a distribution that replaces `threshold` for that circle's consumers. */
    circleThresholds: z.record(z.string(), ThresholdDist).optional(),
    /** Default "fraction": thresholds are shares of weighted in-ties; "count": numbers of active in-ties. */
    thresholdUnit: z.enum(["fraction", "count"]).optional(),
  }),
  z.strictObject({
    kind: z.enum(["sir", "sis"]),
    /** Per-tick transmission probability across one tie (or, fully mixed, expected contacts per tick). */
    beta: z.number().min(0).max(100),
    /** Per-tick recovery probability. */
    gamma: Probability.gt(0),
    seeds: Seeds,
    /** Fully mixed only: "poisson" (default), a susceptible is infected with probability 1 − e^{−β·I/N}; "discrete": β·I/N. */
    timeStep: TimeStep.optional(),
  }),
]);
export type Model = z.infer<typeof Model>;
