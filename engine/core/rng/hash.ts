/**
 * Counter-based random draws: MurmurHash3 (x86, 32-bit) of three 32-bit words under a key.
 * A draw is a pure function of (key, a, b, c), so any worker can recompute any draw of a tick
 * without sharing a sequential stream (docs/model.md, "Randomness").
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const INV_2_32 = 1 / 4294967296;

function mix(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * MurmurHash3's finalisation: mix in the length in bytes, then avalanche. The bits as a signed 32-bit
 * integer: a function V8 does not inline returns that without allocating, where an unsigned value of
 * 2³¹ or more would be boxed (half the draws of an exposure were heap numbers to collect).
 */
function fmix(h: number, bytes: number): number {
  h ^= bytes;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * MurmurHash3_x86_32 of the words (a, b, c) with seed `key`, as a signed 32-bit integer (the same bits).
 * The three rounds of `mix` are written out: V8 inlined this function into the large functions that draw
 * (the exposure) but left its three calls of mix as calls there (a 100 k run: 0.94× the instructions so,
 * bench/instructions.ts).
 */
function hash3Bits(key: number, a: number, b: number, c: number): number {
  let h = key | 0;
  let k = Math.imul(a | 0, C1);
  k = Math.imul((k << 15) | (k >>> 17), C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(b | 0, C1);
  k = Math.imul((k << 15) | (k >>> 17), C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  k = Math.imul(c | 0, C1);
  k = Math.imul((k << 15) | (k >>> 17), C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix(h, 12);
}

/** MurmurHash3_x86_32 of the words (a, b, c) with seed `key`, as an unsigned 32-bit integer. */
export function hash3(key: number, a: number, b: number, c: number): number {
  return hash3Bits(key, a, b, c) >>> 0;
}

/** Uniform draw in [0, 1) with 32 bits of resolution, keyed by (key, a, b, c). */
export function uniform(key: number, a: number, b: number, c: number): number {
  return (hash3Bits(key, a, b, c) >>> 0) * INV_2_32;
}

/** 32-bit hash of a string (its UTF-16 code units), for keys derived from names. */
export function hashString(key: number, s: string): number {
  let h = key | 0;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return hash3(h, s.length, 0, 0);
}

/** MurmurHash3_x86_32 of one word under `key`: the cheapest keyed draw, for one decision per tie. */
export function hash1(key: number, a: number): number {
  return fmix(mix(key | 0, a | 0), 4) >>> 0;
}
