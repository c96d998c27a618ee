/**
 * Fatigue (docs/model.md §3.4): f rises by φ on each seen exposure and fades by a factor (1 − ρ)
 * per tick. The fade is applied lazily, f(t) = f(t0)·(1 − ρ)^(t − t0), when the agent is next
 * touched, so idle agents cost nothing per tick.
 */
import { powInt } from "../libm/pow.ts";

/** f faded from tick `since` to tick t (whole ticks): (1 − ρ)^(t − since) by binary powering, the same bits in every engine. */
export function fatigueAt(f: number, since: number, rho: number, t: number): number {
  return t > since && f > 0 ? f * powInt(1 - rho, t - since) : f;
}

export function addFatigue(f: number, phi: number): number {
  return Math.min(1, f + phi);
}
