/** Case-repetition decay (docs/model.md §3.2): a case seen m times before has novelty δ^m. */
import { powInt } from "../libm/pow.ts";

/** δ^m by binary powering: the same bits in every engine (Math.pow is not). */
export function novelty(delta: number, timesSeen: number): number {
  return powInt(delta, timesSeen);
}

/** caseSeen counters saturate at 255 (δ^255 is 0 for every δ < 0.9). */
export function bumpSeen(count: number): number {
  return count < 255 ? count + 1 : 255;
}
