import { afterAll, beforeAll } from "vitest";
import { startPool } from "../../engine/split/node-threads.ts";
import type { PartPool } from "../../engine/split/pool.ts";

/** One pool of part threads per count, started before the calling file's tests and closed after them. */
export function threadPools(counts: readonly number[]): Map<number, PartPool> {
  const pools = new Map<number, PartPool>();
  beforeAll(async () => {
    for (const w of counts) pools.set(w, await startPool(w));
  });
  afterAll(async () => {
    for (const p of pools.values()) await p.close();
  });
  return pools;
}
