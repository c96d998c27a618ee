/**
 * The seeding scheme. A scenario's master seed goes through seedrandom (ARC4) once to give a
 * 32-bit master key; every other key is derived from it by hashing (parent, label, index), so
 * each replicate and each purpose has its own independent stream (docs/model.md, "Randomness").
 */
import seedrandom from "seedrandom";
import { hash3 } from "./hash.ts";

/** Purposes that own a key. Values are part of the seeding scheme: never renumber them. */
export const Purpose = {
  replicate: 1,
  population: 2,
  network: 3,
  exposure: 4,
  schedule: 5,
  content: 6,
  model: 7,
  /** Circle detection (Louvain) on an imported network: once per scenario seed, not per replicate. */
  circles: 8,
} as const;
export type Purpose = (typeof Purpose)[keyof typeof Purpose];

/** The name of this scheme, written into every output so a result can be traced. */
export const RNG_SCHEME = 'seedrandom-arc4("circlecast:" + seed) master key; murmur3-x86-32 counter draws; sfc32 setup streams';

/**
 * 32-bit master key from a user seed (any integer). ARC4 repeats its key to fill its state, so the
 * bare digits "1", "11" and "111" would schedule the same state; the prefix makes every seed's key
 * distinct (tested for all seeds below 100 000).
 */
export function masterKey(seed: number): number {
  return seedrandom(`circlecast:${seed}`).int32() >>> 0;
}

/** Child key of `parent` for (label, index): used for replicates and purposes. */
export function deriveKey(parent: number, label: number, index = 0): number {
  return hash3(parent, label, index, 0x5eed);
}

/** Key of replicate r of a run with master seed `seed`. */
export function replicateKey(seed: number, replicate: number): number {
  return deriveKey(masterKey(seed), Purpose.replicate, replicate);
}
