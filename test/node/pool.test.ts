import { describe, expect, it } from "vitest";
import { createPool, IN_FLIGHT } from "../../engine/node/pool.ts";
import type { SweepRunResponse } from "../../engine/worker/api.ts";
import { runSweepRun } from "../../engine/experiment/sweep-run.ts";
import { loadScenario } from "../../scenarios/parse.ts";

const scenario = {
  name: "pool",
  horizon: 20,
  population: { circles: [{ name: "a", size: 600 }] },
  contents: [{ id: "c", quality: 0.8 }],
  plans: [{ name: "p", actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, every: 4, count: 5 } }] }],
};

describe("worker pool", () => {
  it("runs sweep runs on worker threads: results by index, equal to in-process runs, per-tick columns as typed arrays; abort stops it", async () => {
    const pool = createPool(2);
    try {
      const got = new Map<number, SweepRunResponse>();
      const order: number[] = [];
      const ok = await pool.run(
        [0, 1, 2, 3, 4, 5],
        (api, i) => api.sweepRun({ scenario, seed: 100 + i, replicate: i % 2, perTick: { every: 10, metrics: ["reach"] } }),
        (i, r) => {
          order.push(i);
          got.set(i, r);
        },
      );
      expect(ok).toBe(true);
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      for (const [i, r] of got) {
        if (!r.ok) throw new Error(r.message);
        const local = runSweepRun(loadScenario(scenario), { seed: 100 + i, replicate: i % 2, perTick: { every: 10, metrics: ["reach"] } });
        expect(r.plans[0].final).toEqual(local[0].final);
        expect(r.plans[0].ticks!.values[0]).toBeInstanceOf(Float64Array);
        expect(Array.from(r.plans[0].ticks!.ticks)).toEqual([0, 10, 20]);
      }

      let seen = 0;
      const stopped = await pool.run(
        Array.from({ length: 500 }, (_, i) => i),
        (api, i) => api.sweepRun({ scenario, seed: i, replicate: 0 }),
        () => {
          if (++seen === 3) pool.abort();
        },
      );
      expect(stopped).toBe(false);
      expect(seen).toBeLessThan(10);
    } finally {
      await pool.close();
    }
  });

  it("keeps a second task queued at each worker, so that a worker starts its next run without waiting for this thread", async () => {
    const pool = createPool(2);
    try {
      let inFlight = 0, most = 0;
      const done: number[] = [];
      const ok = await pool.run(
        Array.from({ length: 12 }, (_, i) => i),
        async (api, i) => {
          most = Math.max(most, ++inFlight);
          try {
            return await api.sweepRun({ scenario, seed: i, replicate: 0 });
          } finally {
            inFlight--;
          }
        },
        (i) => done.push(i),
      );
      expect(ok).toBe(true);
      expect(IN_FLIGHT).toBe(2);
      expect(most).toBe(4); // 2 workers × 2
      expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    } finally {
      await pool.close();
    }
  });
});
