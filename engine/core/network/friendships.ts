/**
 * The block model's friendship ties (docs/model.md §2.1), drawn in chunks: the E_ab ties of block
 * (a, b) are cut into chunks of TIE_CHUNK ties, each drawn from its own sfc32 stream keyed by
 * (block, chunk). A chunk's ties depend on nothing else, so chunks can be drawn apart: threads that
 * each draw a contiguous range in chunk order, or that draw any chunks into their places in one shared
 * pair record, give exactly the ties one thread would.
 */
import { buildAlias } from "../rng/alias.ts";
import { hash3 } from "../rng/hash.ts";
import { Sfc32 } from "../rng/stream.ts";
import { type Palette, type TieClasses, type TiePart } from "./csr.ts";
import { heapArrays, type Allocator } from "../memory.ts";

/** Ties per stream: large enough that seeding (3 hashes, 12 warm-up steps) costs nothing, small enough to share out. */
export const TIE_CHUNK = 1 << 16;

export interface Friendships {
  /**
   * Walker alias tables of every circle side by side over the consumers, packed so that a draw reads
   * one place: coins[2x] is x's coin as a 32-bit bound (a uniform u = v / 2³² keeps x when v < bound,
   * unsigned), coins[2x + 1] the agent it stands for otherwise.
   */
  readonly coins: Int32Array;
  /** Per block k (ordered circle pair a·C + b with ties): its circles' first member and size, and ties. */
  readonly fromStart: Int32Array;
  readonly fromSize: Int32Array;
  readonly toStart: Int32Array;
  readonly toSize: Int32Array;
  readonly ties: Int32Array;
  readonly label: Int32Array;
  /** Each circle's first consumer (circles are contiguous ranges), and a tie's weight inside a circle and across two. */
  readonly circleStart: Int32Array;
  readonly inside: number;
  readonly across: number;
  /** Block k's chunks are [chunkStart[k], chunkStart[k + 1]); the last entry is the number of chunks. */
  readonly chunkStart: Int32Array;
  /** Ties of the blocks before block k (the last entry: every tie), where block k's first tie is in the draw order. */
  readonly tieStart: Float64Array;
  readonly key: number;
}

export interface FriendshipBlock {
  readonly a: number;
  readonly b: number;
  readonly ties: number;
}

/**
 * Plan the chunks: alias tables over θ within each circle, and the blocks in order (a, then b). A tie
 * weighs `weights.strong` inside a circle and `weights.weak` across two: it follows from the tie's
 * ends, and its class is written in row order after the ties (classifyFriendships).
 */
export function planFriendships(theta: Float64Array, circleStart: Int32Array, blocks: readonly FriendshipBlock[], weights: { readonly strong: number; readonly weak: number }, key: number, alloc: Allocator = heapArrays): Friendships {
  const C = circleStart.length - 1;
  const coins = alloc.int32(2 * theta.length);
  for (let c = 0; c < C; c++) {
    const lo = circleStart[c], hi = circleStart[c + 1];
    const t = buildAlias(theta.subarray(lo, hi));
    for (let x = 0; x < t.n; x++) {
      // u < p exactly when v < ⌈p · 2³²⌉ (v = u · 2³² is a whole number). A bound of 2³² (p within
      // 2⁻³² of 1) does not fit 32 bits: then x stands for itself, and either branch gives x.
      const bound = Math.max(0, Math.ceil(t.prob[x] * 4294967296));
      const self = bound > 0xffffffff;
      coins[2 * (lo + x)] = self ? -1 : bound | 0;
      coins[2 * (lo + x) + 1] = self ? lo + x : lo + t.alias[x];
    }
  }
  const B = blocks.length;
  const column = (f: (b: FriendshipBlock) => number) => Int32Array.from(blocks, f);
  const chunkStart = new Int32Array(B + 1);
  const tieStart = new Float64Array(B + 1);
  blocks.forEach((b, k) => {
    chunkStart[k + 1] = chunkStart[k] + Math.ceil(b.ties / TIE_CHUNK);
    tieStart[k + 1] = tieStart[k] + b.ties;
  });
  return {
    coins,
    fromStart: column((b) => circleStart[b.a]),
    fromSize: column((b) => circleStart[b.a + 1] - circleStart[b.a]),
    toStart: column((b) => circleStart[b.b]),
    toSize: column((b) => circleStart[b.b + 1] - circleStart[b.b]),
    ties: column((b) => b.ties),
    label: column((b) => b.a * C + b.b),
    circleStart,
    inside: weights.strong,
    across: weights.weak,
    chunkStart,
    tieStart,
    key,
  };
}

/** Ties in chunk `local` of block k: TIE_CHUNK, or what is left of the block in its last chunk. */
function chunkTies(f: Friendships, k: number, local: number): number {
  return Math.min(f.ties[k], (local + 1) * TIE_CHUNK) - local * TIE_CHUNK;
}

/** Where a fill writes: the CSR's targets and classes, and the classes of a tie inside a circle and across two. */
export interface FriendshipFill {
  readonly targets: Int32Array;
  readonly tieClass: TieClasses;
  readonly inside: number;
  readonly across: number;
}

/**
 * The fill of a CSR whose palette numbers the classes, or undefined when counting (no targets). The
 * two classes are named in `palette` either way, so a count names them as a TiePart must.
 */
export function friendshipFill(f: Friendships, palette: Palette, targets?: Int32Array, tieClass?: TieClasses): FriendshipFill | undefined {
  const inside = palette.classOf(f.inside), across = palette.classOf(f.across);
  return targets && tieClass && { targets, tieClass, inside, across };
}

/**
 * Draw chunks [c0, c1) in order: each tie picks i in a and j in b in proportion to θ (two draws each:
 * the slot, then the alias coin) and is placed as i → j, then j → i; self-loops are skipped. Without
 * `fill` the ties are counted at the cursors. This draws the ties again for the fill: builds whose
 * pair record fits draw once (drawChunks, then fillFromRecord).
 */
export function placeFriendships(f: Friendships, c0: number, c1: number, cursor: Int32Array, fill?: FriendshipFill): void {
  const rng = new Sfc32(0);
  const start = fill && cursor.slice();
  let k = 0;
  for (let q = c0; q < c1; q++) {
    while (f.chunkStart[k + 1] <= q) k++;
    drawChunk(f, k, q - f.chunkStart[k], rng, cursor, fill?.targets);
  }
  if (fill !== undefined) classifyFriendships(f.circleStart, fill, start!, cursor, 0, cursor.length);
}

/**
 * Draw the chunks that `claim` hands out (in increasing order; −1 when none is left) into the pair
 * record, each tie's (i, j) at its place in the draw order, and count them at the cursors. Threads that
 * share one record and claim from one counter write the record one thread would, whoever drew which
 * chunk; summed, their cursors count every tie.
 */
export function drawChunks(f: Friendships, claim: () => number, pairs: Int32Array, cursor: Int32Array): void {
  const rng = new Sfc32(0);
  const drawn: number[] = []; // the record's segments [from, to) this call wrote
  let k = 0;
  for (let q = claim(); q >= 0; q = claim()) {
    while (f.chunkStart[k + 1] <= q) k++;
    const local = q - f.chunkStart[k];
    const p = 2 * (f.tieStart[k] + local * TIE_CHUNK);
    drawChunk(f, k, local, rng, cursor, undefined, pairs, p);
    drawn.push(p, p + 2 * chunkTies(f, k, local));
  }
  // Counted once every chunk is drawn, not beside the draws nor after each chunk: the coins' and the
  // cursors' misses then share the last-level cache, which both outgrow at 5 M consumers (the count
  // takes 0.63× the time apart, 0.88× chunk by chunk).
  for (let d = 0; d < drawn.length; d += 2) countPairs(pairs, drawn[d], drawn[d + 1], cursor);
}

/**
 * One chunk's ties: written to `pairs` from p on (two entries a tie, self-loops included) when given,
 * else counted at the cursors, or written into `targets` there.
 */
function drawChunk(f: Friendships, k: number, local: number, rng: Sfc32, cursor: Int32Array, targets?: Int32Array, pairs?: Int32Array, p = 0): void {
  const coins = f.coins;
  const la = f.fromStart[k], na = f.fromSize[k], lb = f.toStart[k], nb = f.toSize[k];
  const end = chunkTies(f, k, local);
  rng.seed(hash3(f.key, f.label[k], local, 0x71e5));
  for (let t = 0; t < end; t++) {
    const x = la + Math.floor(rng.next() * na);
    const i = aliasPick(coins, x, rng.nextU32());
    const y = lb + Math.floor(rng.next() * nb);
    const j = aliasPick(coins, y, rng.nextU32());
    if (pairs !== undefined) {
      pairs[p] = i;
      pairs[p + 1] = j;
      p += 2;
    } else if (i !== j) {
      if (targets === undefined) {
        cursor[i]++;
        cursor[j]++;
      } else {
        targets[cursor[i]++] = j;
        targets[cursor[j]++] = i;
      }
    }
  }
}

/** Count the ties of pairs[p0 … p1) at their ends' cursors (self-loops skipped). */
function countPairs(pairs: Int32Array, p0: number, p1: number, cursor: Int32Array): void {
  for (let p = p0; p < p1; p += 2) {
    const i = pairs[p], j = pairs[p + 1];
    if (i === j) continue;
    cursor[i]++;
    cursor[j]++;
  }
}

/**
 * Slot x's agent for the 32 bits v: x when v < coins[2x] (unsigned), else its alias. Branch-free: the
 * coin is a cache miss in a large world, and a branch on it, mispredicted half the time, made every
 * draw wait for the miss before the next tie's loads could start (0.65× the draw time at 1 M without it).
 * The mask is the borrow of the unsigned v − coin, all ones when v < coin.
 */
function aliasPick(coins: Int32Array, x: number, v: number): number {
  const c = coins[2 * x], alias = coins[2 * x + 1];
  v |= 0;
  const borrow = ((~v & c) | (~(v ^ c) & (v - c))) >> 31;
  return alias ^ ((x ^ alias) & borrow);
}

/**
 * The fill of rows [lo, hi) from the pair record: every tie in draw order, each end in the range
 * written at its cursor, so each row lists its ties in the order drawing them would. Threads that
 * fill disjoint row ranges from one record write the CSR one thread would.
 */
export function fillFromRecord(f: Friendships, pairs: Int32Array, cursor: Int32Array, fill: FriendshipFill, lo: number, hi: number): void {
  const start = cursor.slice(lo, hi);
  scatterPairs(pairs, cursor, fill.targets, lo, hi);
  classifyFriendships(f.circleStart, fill, start, cursor, lo, hi);
}

/**
 * fillFromRecord's loop, a function of its own: V8 compiles a long loop while it runs (on-stack
 * replacement), before what follows the loop has run, and code compiled so bailed out at the loop's
 * end in every build of a sweep.
 */
function scatterPairs(pairs: Int32Array, cursor: Int32Array, targets: Int32Array, lo: number, hi: number): void {
  const size = hi - lo;
  for (let p = 0; p < pairs.length; p += 2) {
    const i = pairs[p], j = pairs[p + 1];
    if (i === j) continue;
    if ((i - lo) >>> 0 < size) targets[cursor[i]++] = j;
    if ((j - lo) >>> 0 < size) targets[cursor[j]++] = i;
  }
}

/**
 * Classes of the ties a fill wrote in the segments [start[i − lo], end[i]) of rows [lo, hi), in row
 * order: inside a circle or across two. The fill writes the ties first and their classes after, row by
 * row: a class written beside each scattered tie cost another cache miss per tie. Circles are ranges of
 * consumers, so "j is in i's circle" is a range test, with no read of j.
 */
function classifyFriendships(circleStart: Int32Array, fill: FriendshipFill, start: Int32Array, end: Int32Array, lo: number, hi: number): void {
  const { targets, tieClass, inside, across } = fill;
  for (let c = 0; c + 1 < circleStart.length; c++) {
    const first = circleStart[c], size = circleStart[c + 1] - first;
    for (let i = Math.max(lo, first), last = Math.min(hi, first + size); i < last; i++)
      for (let e = start[i - lo], stop = end[i]; e < stop; e++) tieClass[e] = (targets[e] - first) >>> 0 < size ? inside : across;
  }
}

/**
 * Most pair-record entries a build keeps (2²⁸ Int32, 1 GiB: about 13 M consumers at 20 ties each);
 * larger builds draw their ties twice instead, so the memory ceiling stays the CSR's.
 */
export const MAX_PAIR_RECORD = 1 << 28;

/** A pair record of every chunk (two entries a tie), or undefined when it would pass `limit` entries. */
export function pairRecord(f: Friendships, alloc: Allocator = heapArrays, limit = MAX_PAIR_RECORD): Int32Array | undefined {
  const length = 2 * f.tieStart[f.ties.length];
  return length <= limit ? alloc.int32(length) : undefined;
}

/** The friendship ties as a part of the CSR: counted into a pair record when it fits `pairLimit`, and filled from it. */
export function friendshipPart(f: Friendships, pairLimit = MAX_PAIR_RECORD): TiePart {
  const chunks = f.chunkStart[f.chunkStart.length - 1];
  let pairs: Int32Array | undefined;
  return {
    place(cursor, palette, targets, tieClass) {
      const fill = friendshipFill(f, palette, targets, tieClass);
      if (fill === undefined) {
        pairs = pairRecord(f, heapArrays, pairLimit);
        let q = 0;
        if (pairs !== undefined) drawChunks(f, () => (q < chunks ? q++ : -1), pairs, cursor);
        else placeFriendships(f, 0, chunks, cursor);
      } else if (pairs !== undefined) fillFromRecord(f, pairs, cursor, fill, 0, cursor.length);
      else placeFriendships(f, 0, chunks, cursor, fill);
      if (fill !== undefined) pairs = undefined;
    },
  };
}
