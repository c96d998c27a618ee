/** Small shared zod pieces: probabilities, Beta distributions, schedules. */
import { z } from "zod";

export const Probability = z.number().min(0).max(1);
export const NonNegative = z.number().min(0);
export const PositiveInt = z.number().int().min(1);
export const NonNegativeInt = z.number().int().min(0);

/** Beta(alpha, beta) distribution of an agent-level attribute in [0, 1]; mean alpha / (alpha + beta). */
export const BetaDist = z.strictObject({
  alpha: z.number().positive(),
  beta: z.number().positive(),
});
export type BetaDist = z.infer<typeof BetaDist>;

/** A tick, or a repeating schedule of ticks: start, start + every, ... (count times). */
export const Schedule = z.union([
  NonNegativeInt,
  z.strictObject({
    start: NonNegativeInt,
    every: PositiveInt.default(1),
    count: PositiveInt.default(1),
  }),
]);
export type Schedule = z.infer<typeof Schedule>;

/** The ticks of a schedule, in order. */
export function scheduleTicks(s: Schedule): number[] {
  if (typeof s === "number") return [s];
  return Array.from({ length: s.count }, (_, k) => s.start + k * s.every);
}
