// How the viewer runs a comparison under "auto" (viz/state.ts): its replicates side by side on engine
// workers where there are several, each run split across threads only where they cannot spread.
import { afterEach, describe, expect, it } from "vitest";
import { estimateCost } from "../../engine/experiment/cost.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { MAX_SPREAD_WORKERS, threadsFor, VIEWER_LIMITS, workersFor } from "../../viz/state.ts";
import { tinySweepBase } from "../helpers.ts";

const g = globalThis as { crossOriginIsolated?: boolean };

describe("the viewer's workers and threads per run", () => {
  const s = loadScenario({ ...tinySweepBase, replicates: 20 });
  const sized = (consumers: number, replicates: number) =>
    loadScenario({ ...tinySweepBase, replicates, population: { circles: [{ name: "a", size: consumers }] } });
  afterEach(() => void delete g.crossOriginIsolated);

  it("spreads the replicates under auto: one worker per core, at most one per replicate and MAX_SPREAD_WORKERS", () => {
    expect(workersFor("auto", s, 4)).toBe(4);
    expect(workersFor("auto", s, 1)).toBe(1);
    expect(workersFor("auto", s, 64)).toBe(MAX_SPREAD_WORKERS);
    expect(workersFor("auto", { ...s, replicates: 3 }, 16)).toBe(3);
    expect(workersFor("auto", { ...s, replicates: 1 }, 16)).toBe(1);
  });

  it("holds no more worlds at once than the tab's memory", () => {
    const big = sized(10_000_000, 20); // about 1.2 GiB a world
    const world = estimateCost(big, { replicates: 1 }).bytes;
    const w = workersFor("auto", big, 64);
    expect(w).toBeGreaterThan(1);
    expect(w * world).toBeLessThanOrEqual(VIEWER_LIMITS.memory);
    expect((w + 1) * world).toBeGreaterThan(VIEWER_LIMITS.memory);
  });

  it("keeps the replicates on one worker when a number of threads is picked", () => {
    for (const t of [1, 2, 4]) {
      expect(workersFor(t, s, 8)).toBe(1);
      expect(threadsFor(t, s, 8)).toBe(t);
    }
  });

  it("splits a large run under auto only where its replicates do not spread, and the page can share memory", () => {
    g.crossOriginIsolated = true;
    expect(threadsFor("auto", sized(150_000, 20), 8)).toBe(1); // its replicates spread instead
    expect(threadsFor("auto", sized(150_000, 1), 8)).toBe(4);
    expect(threadsFor("auto", sized(150_000, 1), 3)).toBe(2);
    expect(threadsFor("auto", sized(50_000, 1), 8)).toBe(1);
    g.crossOriginIsolated = false;
    expect(threadsFor("auto", sized(150_000, 1), 8)).toBe(1);
  });
});
