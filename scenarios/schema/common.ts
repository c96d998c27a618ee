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

/**
 * A tick, or a repeating schedule of ticks: start, start + every, ... (count times). Without a count
 * it runs once, or, for a strategy with a budget, as long as the horizon and the budget allow.
 */
export const Schedule = z.union([
  NonNegativeInt,
  z.strictObject({
    start: NonNegativeInt,
    every: PositiveInt.default(1),
    count: PositiveInt.optional(),
  }),
]);
export type Schedule = z.infer<typeof Schedule>;

/** The last tick of a schedule, computed without listing its ticks (a count may be huge before validation); no count: its start. */
export function lastTick(s: Schedule): number {
  return typeof s === "number" ? s : s.start + ((s.count ?? 1) - 1) * s.every;
}

/** The ticks of a schedule, in order; a schedule without a count runs once, or up to tick `until` when given. */
export function scheduleTicks(s: Schedule, until?: number): number[] {
  if (typeof s === "number") return [s];
  const count = s.count ?? (until === undefined ? 1 : Math.max(0, Math.floor((until - s.start) / s.every) + 1));
  return Array.from({ length: count }, (_, k) => s.start + k * s.every);
}
