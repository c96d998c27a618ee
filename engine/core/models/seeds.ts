/**
 * Initial active nodes of a classic model: explicit ids, or k distinct consumers drawn from the model
 * stream (k given, or round(share × consumers)).
 */
import type { Seeds } from "../../../scenarios/schema/model.ts";
import { stream } from "../rng/stream.ts";

/** How many seeds `seeds` gives among `nodes` consumers (at most: repeated explicit ids count once). */
export function seedCount(seeds: Seeds, nodes: number): number {
  if (Array.isArray(seeds)) return seeds.length;
  return Math.min("random" in seeds ? seeds.random : Math.round(seeds.share * nodes), nodes);
}

export function resolveSeeds(seeds: Seeds, nodes: number, key: number): Int32Array {
  if (Array.isArray(seeds)) return Int32Array.from(new Set(seeds));
  const k = seedCount(seeds, nodes);
  const rng = stream(key);
  const chosen = new Set<number>();
  const out: number[] = [];
  while (out.length < k) {
    const i = Math.floor(rng() * nodes);
    if (!chosen.has(i)) {
      chosen.add(i);
      out.push(i);
    }
  }
  return Int32Array.from(out);
}
