/**
 * Case-repetition decay (docs/model.md §3, step 2): a case the reader has seen m times before has
 * novelty n = δ_c^m. The exposure reads δ_c^m from a per-circle table built once per run.
 */
import { powInt } from "../libm/pow.ts";

/** δ^m by binary powering: the same bits in every engine (Math.pow is not). */
export function novelty(delta: number, timesSeen: number): number {
  return powInt(delta, timesSeen);
}

/** δ_c^m for each circle c (δ_c = delta[c]) and m = 0 … 255, at [c · 256 + m]. */
export function noveltyTable(delta: ArrayLike<number>): Float64Array {
  const table = new Float64Array(delta.length << 8);
  for (let c = 0; c < delta.length; c++) for (let m = 0; m < 256; m++) table[(c << 8) | m] = novelty(delta[c], m);
  return table;
}

/** n = δ_c^m from the table: the novelty of a case seen m times (m ≤ 255) for a reader in circle c. */
export function noveltyAt(table: Float64Array, c: number, timesSeen: number): number {
  return table[(c << 8) | timesSeen];
}
