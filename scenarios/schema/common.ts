/** Small shared zod pieces: probabilities, Beta distributions, schedules. */
import { z } from "zod";

/**
 * Keys that reach an object's prototype machinery rather than its data: parameter paths and names
 * may not use them (setting `__proto__.x` would change every object in the process).
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "prototype", "constructor"]);

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

/** The last tick of a schedule, computed without listing its ticks (a count may be huge before validation). */
export function lastTick(s: Schedule): number {
  return typeof s === "number" ? s : s.start + (s.count - 1) * s.every;
}

/** The ticks of a schedule, in order. */
export function scheduleTicks(s: Schedule): number[] {
  if (typeof s === "number") return [s];
  return Array.from({ length: s.count }, (_, k) => s.start + k * s.every);
}
