/**
 * Worlds of recent runs, by what defines them: the population, the network, the seed and the
 * replicate (engine/core/world.ts builds a world from nothing else, and no run writes to it). Sweep
 * points that vary only plan, product or dynamics parameters under common random numbers (a sweep's
 * `randomNumbers: "common"`) then build each replicate's world once per worker instead of once per run.
 * A world is a pure function of its key, so results are the same with or without the cache.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { buildWorld, type World } from "../core/world.ts";

/** Bytes held by a world's arrays (population columns and network). */
export function worldBytes(w: World): number {
  const { pop, net } = w;
  const arrays: ArrayBufferView[] = [pop.circleStart, pop.circle, pop.kind, pop.trust, pop.skepticism, pop.activity, pop.threshold, net.csr.offsets, net.csr.targets, net.csr.tieClass, net.csr.classWeight];
  return arrays.reduce((a, v) => a + v.byteLength, 0);
}

export class WorldCache {
  private readonly worlds = new Map<string, { world: World; bytes: number }>();
  private bytes = 0;
  /** Worlds built and worlds reused so far. */
  built = 0;
  reused = 0;

  /** Keeps worlds up to `budget` bytes in all (the least recently used go first); a world larger than that is not kept. */
  constructor(private readonly budget = 256 * 1024 * 1024) {}

  /** Replicate r's world of s: a kept one (with s as its scenario) when population, network and seed match. */
  get(s: Scenario, r: number): World {
    // A file network's graph is held by reference and its JSON would be large: such worlds are not kept.
    const key = s.network.kind === "file" ? undefined : JSON.stringify([s.population, s.network, s.seed, r]);
    const hit = key === undefined ? undefined : this.worlds.get(key);
    if (hit) {
      this.reused++;
      this.worlds.delete(key!); // re-insert: Map order is the recency order
      this.worlds.set(key!, hit);
      return { ...hit.world, scenario: s };
    }
    const world = buildWorld(s, r);
    this.built++;
    const bytes = worldBytes(world);
    if (key !== undefined && bytes <= this.budget) {
      this.worlds.set(key, { world, bytes });
      this.bytes += bytes;
      for (const [k, v] of this.worlds) {
        if (this.bytes <= this.budget) break;
        this.worlds.delete(k);
        this.bytes -= v.bytes;
      }
    }
    return world;
  }
}
