/**
 * Fatigue (docs/model.md §3, steps 3 and 5): f rises by φ_c on each seen exposure, f ← min(1, f + φ_c),
 * and fades by a factor (1 − ρ_c) per tick. The fade is applied lazily, f(t) = f(t_i)·(1 − ρ_c)^(t − t_i),
 * when the agent is next touched, so idle agents cost nothing per tick.
 */
import { powInt } from "../libm/pow.ts";

/** f faded from tick `since` to tick t (whole ticks): (1 − ρ)^(t − since) by binary powering, the same bits in every engine. */
export function fatigueAt(f: number, since: number, rho: number, t: number): number {
  return t > since && f > 0 ? f * powInt(1 - rho, t - since) : f;
}

/** (1 − ρ_c)^Δ for each circle c (ρ_c = rho[c]) and Δ = 0 … horizon, at [c · (horizon + 1) + Δ]. */
export function fadeTable(rho: ArrayLike<number>, horizon: number): Float64Array {
  const table = new Float64Array(rho.length * (horizon + 1));
  for (let c = 0; c < rho.length; c++) for (let d = 0; d <= horizon; d++) table[c * (horizon + 1) + d] = fatigueAt(1, 0, rho[c], d);
  return table;
}

/**
 * Fatigue now: f_i · (1 − ρ_c)^(t − t_i) for a reader of circle c whose fatigue f_i was stored at
 * tick t_i ≤ t, the factor read from the fade table (the same bits as fatigueAt).
 */
export function fatigueNow(fade: Float64Array, horizon: number, c: number, fi: number, ti: number, t: number): number {
  return fi * fade[c * (horizon + 1) + t - ti];
}

/** The rise on a seen exposure: f ← min(1, f + φ_c). */
export function addFatigue(f: number, phi: number): number {
  return Math.min(1, f + phi);
}
