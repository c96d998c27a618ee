/** Which dynamics run: the full social model, or a classic model for validation (MODEL.md "Special cases"). */
import { z } from "zod";
import { NonNegativeInt, PositiveInt, Probability } from "./common.ts";

/** Initial active nodes: explicit node ids, or k drawn uniformly from the seeded stream. */
export const Seeds = z.union([z.array(NonNegativeInt).min(1), z.strictObject({ random: PositiveInt })]);
export type Seeds = z.infer<typeof Seeds>;

export const Model = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("social") }),
  z.strictObject({
    kind: z.literal("bass"),
    /** Innovation coefficient per tick. */
    p: Probability,
    /** Imitation coefficient per tick. */
    q: z.number().min(0).max(10),
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
  }),
  z.strictObject({
    kind: z.enum(["sir", "sis"]),
    /** Per-tick transmission probability across one tie (or, fully mixed, expected contacts per tick). */
    beta: z.number().min(0).max(100),
    /** Per-tick recovery probability. */
    gamma: Probability.gt(0),
    seeds: Seeds,
  }),
]);
export type Model = z.infer<typeof Model>;
