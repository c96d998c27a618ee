/**
 * Reshare (docs/model.md §3, step 6): after the fatigue rise, reader i reshares with probability
 *   s = η_c · q_x · n · (1 − f) · b_x · (stage_i = fan ? fanBoost : 1)
 * (b_x: the content's share boost, 5 for red envelopes, else 1), after a delay d = 1 + G,
 * G ~ Geometric(1 / shareDelay) failures (mean shareDelay ticks).
 */
import { Geometric } from "../rng/samplers.ts";

/** s for share propensity η_c, quality q_x, novelty n, fatigue f (after the rise), share boost b_x; `fan` applies fanBoost. */
export function reshare(eta: number, quality: number, nov: number, f: number, boost: number, fan: boolean, fanBoost: number): number {
  return eta * quality * nov * (1 - f) * boost * (fan ? fanBoost : 1);
}

/** The draws of G for a mean delay: made once per run, they take most draws from a table (GeometricSkips). */
export function delayDraws(meanDelay: number): Geometric {
  return new Geometric(1 / meanDelay);
}

/** Ticks until the reshare, d = 1 + G, from one uniform u: G ~ Geometric(1 / meanDelay) failures (draws: delayDraws(meanDelay)). */
export function reshareDelay(u: number, draws: Geometric): number {
  return 1 + draws.of(u);
}
