/**
 * Node ids of an imported network: arbitrary strings mapped to dense indices 0 … n−1 in order of
 * first appearance, and back. Ids are never converted to floating point: "9007199254740993" and
 * "9007199254740992" stay two nodes, and "07" is not "7". Canonical decimal ids of at most 15 digits
 * take a numeric fast path (exact in a double); every other id is kept as its string.
 */
import type { IdTable } from "../../../scenarios/schema/imported-graph.ts";

/** Longest id accepted: a longer "id" is almost always a binary or misparsed file. */
export const MAX_ID_LENGTH = 256;

/**
 * Open-addressing hash of non-negative integers below 2^53 → index (linear probing, load ≤ ½):
 * several times faster than a Map for millions of SNAP ids.
 */
class NumberIndex {
  private keys = new Float64Array(1024).fill(-1);
  private vals = new Int32Array(1024);
  private mask = 1023;
  size = 0;

  private slot(k: number): number {
    const lo = k >>> 0, hi = (k / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let i = h & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== k) i = (i + 1) & this.mask;
    return i;
  }

  get(k: number): number {
    const i = this.slot(k);
    return this.keys[i] === k ? this.vals[i] : -1;
  }

  /** The index of k, or `fresh` stored as its index when k is new. */
  getOrSet(k: number, fresh: number): number {
    const i = this.slot(k);
    if (this.keys[i] === k) return this.vals[i];
    this.keys[i] = k;
    this.vals[i] = fresh;
    if (++this.size * 2 > this.mask) this.grow();
    return fresh;
  }

  private grow(): void {
    const keys = this.keys, vals = this.vals;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.vals = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let j = 0; j < keys.length; j++)
      if (keys[j] !== -1) {
        const i = this.slot(keys[j]);
        this.keys[i] = keys[j];
        this.vals[i] = vals[j];
      }
  }
}

export class IdMap {
  private readonly numeric = new NumberIndex();
  private readonly named = new Map<string, number>();
  /** ids[i] as text, built lazily: numbers for the fast path, strings otherwise. */
  private readonly list: (number | string)[] = [];

  constructor(readonly limit: number) {}

  get size(): number {
    return this.list.length;
  }

  /** Index of the id, or −1. */
  get(id: string): number {
    const k = numericKey(id);
    return k >= 0 ? this.numeric.get(k) : (this.named.get(id) ?? -1);
  }

  /** Index of a numeric fast-path id (a canonical decimal below 10^15), or −1. */
  getNumber(k: number): number {
    return this.numeric.get(k);
  }

  /** Index of the id, adding it if new; −1 when adding would pass the limit. */
  add(id: string): number {
    const k = numericKey(id);
    if (k >= 0) return this.addNumber(k);
    let i = this.named.get(id);
    if (i === undefined) {
      if (this.list.length >= this.limit) return -1;
      i = this.list.length;
      this.named.set(id, i);
      this.list.push(id);
    }
    return i;
  }

  addNumber(k: number): number {
    const fresh = this.list.length;
    const i = this.numeric.getOrSet(k, fresh);
    if (i === fresh) {
      if (fresh >= this.limit) return -1;
      this.list.push(k);
    }
    return i;
  }

  /** The id of index i, as written in the file. */
  id(i: number): string {
    return String(this.list[i]);
  }
}

/** The number a canonical decimal id stands for (no sign, no leading zero, ≤ 15 digits), else −1. */
export function numericKey(id: string): number {
  const L = id.length;
  if (L === 0 || L > 15 || (L > 1 && id.charCodeAt(0) === 48)) return -1;
  let v = 0;
  for (let k = 0; k < L; k++) {
    const d = id.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Pack ids in the order given by `order` (order[newIndex] = old index). */
export function packIds(ids: IdMap, order: Int32Array): IdTable {
  const offsets = new Int32Array(order.length + 1);
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    const s = ids.id(order[i]);
    parts.push(s);
    at += s.length;
    offsets[i + 1] = at;
  }
  return { text: parts.join(""), offsets };
}

export function idAt(t: IdTable, i: number): string {
  return t.text.slice(t.offsets[i], t.offsets[i + 1]);
}

/** id → index for a packed table (built on demand, e.g. to resolve seeds given as file ids). */
export function idIndex(t: IdTable): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < t.offsets.length; i++) m.set(idAt(t, i), i);
  return m;
}
