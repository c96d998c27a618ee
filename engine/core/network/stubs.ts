/**
 * Exact-degree block model (docs/model.md §2.1, "exact degrees and closure"): each consumer has k_i
 * stubs; each circle's stubs are shuffled and cut into blocks of the mixing (2·T_aa inside, T_ab towards
 * circle b), and the blocks are paired stub by stub, so every degree is met exactly (a configuration
 * model within and between circles, rather than the Poisson degrees of independent draws). Pairs that
 * would repeat a tie or loop leave their stubs free; free stubs and the closure share are paired after
 * (closure.ts). Ties are written into rows of fixed capacity k_i: the rows are the network's adjacency.
 */
import { shuffleRange } from "../rng/samplers.ts";
import type { Rng } from "../rng/stream.ts";
import type { Rows } from "./csr.ts";
import { dropRepeats } from "./simple.ts";

/** Rows of fixed capacity: node i's partners are slot[rowOff[i] … fill[i]); [fill[i], rowOff[i + 1]) is free. */
export type Slots = Rows;

/** Is there a tie i–j? Scans the shorter filled row. */
export function linked(s: Slots, i: number, j: number): boolean {
  const { rowOff, fill, slot } = s;
  if (fill[i] - rowOff[i] > fill[j] - rowOff[j]) {
    const t = i;
    i = j;
    j = t;
  }
  for (let x = rowOff[i]; x < fill[i]; x++) if (slot[x] === j) return true;
  return false;
}

/** Add the tie i–j unless it is a loop or a repeat; false when it was refused. */
export function addTie(s: Slots, i: number, j: number): boolean {
  if (i === j || linked(s, i, j)) return false;
  s.slot[s.fill[i]++] = j;
  s.slot[s.fill[j]++] = i;
  return true;
}

/** Expected ties drawn by circle a towards circle b; an unordered pair gets T_ab = m(a, b) + m(b, a), rounded at random. */
export type BlockTies = (a: number, b: number) => number;

/** Stubs each circle needs (not rounded): D_a = 2·m(a, a) + Σ_{b≠a} (m(a, b) + m(b, a)). */
export function circleStubs(C: number, m: BlockTies): Float64Array {
  const D = new Float64Array(C);
  for (let a = 0; a < C; a++)
    for (let b = 0; b < C; b++) {
      const t = m(a, b);
      D[a] += a === b ? 2 * t : t;
      if (a !== b) D[b] += t;
    }
  return D;
}

/**
 * Allocate the rows for stub counts k and pair each circle's stubs block by block: the first 2·T_aa of
 * its shuffled stubs inside the circle, the next T_ab with circle b's stubs for a. A share `closure` of
 * each node's in-circle stubs (at most all but one, so that it has a tie to close a triangle through) is
 * left free for triadic closure. `shuffle(a)` is circle a's stream; `rounding` rounds each T_ab (a < b,
 * in order) up with probability its fractional part, so that the many small blocks of many circles keep
 * their expected ties.
 * Returns the rows and the stub buffer (reused by the closure step).
 */
export function matchBlocks(circleStart: Int32Array, k: Int32Array, m: BlockTies, closure: number, shuffle: (a: number) => Rng, rounding: Rng): { slots: Slots; buffer: Int32Array } {
  const C = circleStart.length - 1;
  const n = k.length;
  const rowOff = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowOff[i + 1] = rowOff[i] + k[i];
  const S = rowOff[n];
  const slots: Slots = { rowOff, fill: rowOff.slice(0, n), slot: new Int32Array(S) };
  // Circle a's stubs are buffer[rowOff[lo] … rowOff[hi]): the same range its rows take in `slot`.
  const buffer = new Int32Array(S);
  const quota = new Int32Array(n);
  const ptr = new Int32Array(C);
  for (let a = 0; a < C; a++) {
    const lo = circleStart[a], hi = circleStart[a + 1];
    const s0 = rowOff[lo], s1 = rowOff[hi];
    for (let i = lo; i < hi; i++) buffer.fill(i, rowOff[i], rowOff[i + 1]);
    const rng = shuffle(a);
    shuffleRange(buffer, s0, s1, rng);
    const inside = Math.min(s1, s0 + 2 * Math.round(m(a, a)));
    ptr[a] = inside;
    // Base in-circle stubs per node: its in-circle stubs q_i less its closure stubs, the systematic
    // rounding of closure·q_i, at most q_i − 1. They are its first ones in shuffled order, moved to the front.
    for (let r = s0; r < inside; r++) quota[buffer[r]]++;
    let acc = closure > 0 ? rng() : 0;
    for (let i = lo; i < hi; i++) {
      const prev = Math.floor(acc);
      acc += closure * quota[i];
      quota[i] -= Math.min(Math.max(0, quota[i] - 1), Math.floor(acc) - prev);
    }
    let w = s0;
    for (let r = s0; r < inside; r++) {
      const i = buffer[r];
      if (quota[i] > 0) {
        quota[i]--;
        buffer[w++] = i;
      }
    }
    for (let p = s0; p + 1 < w; p += 2) pair(slots, buffer[p], buffer[p + 1]);
  }
  for (let a = 0; a < C; a++) {
    const end = rowOff[circleStart[a + 1]];
    for (let b = a + 1; b < C; b++) {
      const x = m(a, b) + m(b, a);
      if (x === 0) continue;
      const t = Math.floor(x + rounding());
      const endB = rowOff[circleStart[b + 1]];
      for (let p = 0; p < t && ptr[a] + p < end && ptr[b] + p < endB; p++) pair(slots, buffer[ptr[a] + p], buffer[ptr[b] + p]);
      ptr[a] += t;
      ptr[b] += t;
    }
  }
  // What is left is what refusing each repeat on arrival leaves: a row lists its ties in the order they
  // were added, so a tie's first copy comes first in both its rows.
  dropRepeats(slots);
  return { slots, buffer };
}

/** Append the tie i–j to both rows unless it is a loop; a repeat is dropped afterwards (dropRepeats). */
function pair(s: Slots, i: number, j: number): void {
  if (i === j) return;
  s.slot[s.fill[i]++] = j;
  s.slot[s.fill[j]++] = i;
}
