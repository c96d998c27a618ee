/**
 * Per-agent state of a social run: one 32-byte record per agent holding every field an exposure
 * touches, the reader's static traits copied in beside its state, so that a delivery costs one cache
 * line where a column per field cost ten (bench/kernel.ts). The record is read through four views
 * of one buffer; R says where each field sits, in elements of the view that reads it: field k of
 * agent i is at f32[8i + k], i32[8i + k], u16[16i + k] or u8[32i + k].
 *
 *   bytes  0–15  activity, trust, skepticism, fatigue   (f32; the traits copied from the population)
 *   bytes 16–19  fatigueTick                            (i32: tick of the last exposure, fatigue fades from there)
 *   bytes 20–21  circle                                 (u16)
 *   bytes 22–25  sightings of repeated cases 0–3        (u8, saturating at 255)
 *   bytes 26–31  flags, seen, stage, touches, threshold, tier   (u8)
 *
 * Sightings of cases 4 and up are columns (caseSeen[case − 4]), and the messages of an agent's first
 * and last persuasive touch, read only when it buys, are a column of pairs (touch[2i], touch[2i + 1]:
 * message + 1, 0 for none). A run split across workers puts the state in SharedArrayBuffers
 * (engine/split/social-part.ts): every worker sees every record and writes only the agents it owns,
 * in blocks of 64 records (2 KiB: no cache line is written by two parts).
 */
import type { Population } from "../population.ts";

/** Bytes per agent record. */
export const RECORD_BYTES = 32;
/** Repeated cases whose sightings sit in the record. */
export const INLINE_CASES = 4;

/** Where each field sits in its view (see the layout above). */
export const R = {
  // f32 and i32, 8 per record
  activity: 0, trust: 1, skepticism: 2, fatigue: 3, fatigueTick: 4,
  // u16, 16 per record
  circle: 10,
  // u8, 32 per record
  cases: 22, flags: 26, seen: 27, stage: 28, touches: 29, threshold: 30, tier: 31,
} as const;

export interface SocialState {
  readonly n: number;
  readonly f32: Float32Array;
  readonly i32: Int32Array;
  readonly u16: Uint16Array;
  readonly u8: Uint8Array;
  /** First and last persuasive touch of agent i at [2i], [2i + 1]: message + 1 (0: none). */
  readonly touch: Uint16Array;
  /** Sightings of case INLINE_CASES + k, saturating at 255 (one column per case beyond the record's). */
  readonly caseSeen: Uint8Array[];
}

/** Where the state lives: ordinary ArrayBuffers, or SharedArrayBuffers for a split run. */
export type Buffers = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
export const heapBuffers: Buffers = (bytes) => new ArrayBuffer(bytes);
export const sharedBuffers: Buffers = (bytes) => new SharedArrayBuffer(bytes);

/**
 * The state of n agents with `cases` repeated cases (reset before use: resetState), in buffers of
 * `buffer`'s kind; the records at byte `at` of `records` when given (the wasm deliveries' memory: delivery-kernel.ts).
 */
export function socialState(n: number, cases: number, buffer: Buffers = heapBuffers, records = buffer(RECORD_BYTES * n), at = 0): SocialState {
  return {
    n,
    f32: new Float32Array(records, at, 8 * n),
    i32: new Int32Array(records, at, 8 * n),
    u16: new Uint16Array(records, at, 16 * n),
    u8: new Uint8Array(records, at, RECORD_BYTES * n),
    touch: new Uint16Array(buffer(4 * n)),
    caseSeen: Array.from({ length: Math.max(0, cases - INLINE_CASES) }, () => new Uint8Array(buffer(n))),
  };
}

/** Put agents [lo, hi) in their initial state, their traits copied from the population (a worker resets the agents it owns before a run). */
export function resetState(s: SocialState, pop: Population, lo: number, hi: number): void {
  s.u8.fill(0, RECORD_BYTES * lo, RECORD_BYTES * hi);
  s.touch.fill(0, 2 * lo, 2 * hi);
  for (const column of s.caseSeen) column.fill(0, lo, hi);
  copyTraits(s, pop, lo, hi);
}

/**
 * The traits of agents [lo, hi) into their records. A function of its own, with nothing after its loop:
 * V8 compiles a long loop while it runs (on-stack replacement), with no feedback yet for what follows
 * it, and that code bailed out at the loop's end in each of a process's first runs.
 */
function copyTraits(s: SocialState, pop: Population, lo: number, hi: number): void {
  const { f32, u16, u8 } = s;
  for (let i = lo; i < hi; i++) {
    f32[8 * i + R.activity] = pop.activity[i];
    f32[8 * i + R.trust] = pop.trust[i];
    f32[8 * i + R.skepticism] = pop.skepticism[i];
    u16[16 * i + R.circle] = pop.circle[i];
    u8[32 * i + R.threshold] = pop.threshold[i];
  }
}

/**
 * How a split run deals its agents to its parts: in blocks of 2^PART_BLOCK_BITS = 64 agents (a cache
 * line of a byte column, so two parts never write one line), block b to part b mod parts. Every
 * circle then spreads over every part, and so does each tick's work, which contiguous ranges (whole
 * circles to one part) left uneven whenever a campaign hit one circle.
 */
export const PART_BLOCK_BITS = 6;

/** The part that owns each block of n agents dealt to `parts` parts. */
export function blockOwners(n: number, parts: number): Uint8Array {
  if (!(Number.isInteger(parts) && parts >= 1 && parts <= 255)) throw new RangeError(`a run splits into 1 … 255 parts, got ${parts}`);
  const owners = new Uint8Array(Math.ceil(n / (1 << PART_BLOCK_BITS)));
  for (let b = 0; b < owners.length; b++) owners[b] = b % parts;
  return owners;
}

/** Calls f(lo, hi) for each block of agents [lo, hi) below `end` that part `index` owns, in agent order. */
export function forOwnedBlocks(owners: Uint8Array, index: number, end: number, f: (lo: number, hi: number) => void): void {
  const B = 1 << PART_BLOCK_BITS;
  for (let b = 0; b < owners.length && b * B < end; b++) if (owners[b] === index) f(b * B, Math.min(end, (b + 1) * B));
}
