import { describe, expect, it } from "vitest";
import { exp } from "../../engine/core/libm/exp.ts";
import { greedySeeds, type SpreadGraph } from "../../engine/core/strategies/seed-spread.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { runPlan } from "../../engine/core/run.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { format } from "../../engine/node/format.ts";
import { simulateSplit } from "../../engine/split/node-threads.ts";
import { smallScenario } from "../helpers.ts";

/** A CSR from directed ties. */
function graph(n: number, ties: [number, number][]): SpreadGraph {
  const sorted = [...ties].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const offsets = new Int32Array(n + 1);
  for (const [j] of sorted) offsets[j + 1]++;
  for (let j = 0; j < n; j++) offsets[j + 1] += offsets[j];
  return { n, offsets, targets: Int32Array.from(sorted, (t) => t[1]) };
}

/**
 * Exact expected reach of every k-set, by enumerating every live-edge world: each tie is dead,
 * seen only, or seen and passed on, with the model's probabilities (3^E worlds).
 */
function exactReach(g: SpreadGraph, seen: number[], share: number[], k: number): Map<string, number> {
  const E = g.targets.length;
  const sets: number[][] = [];
  const build = (from: number, cur: number[]) => {
    if (cur.length === k) return void sets.push([...cur]);
    for (let s = from; s < g.n; s++) build(s + 1, [...cur, s]);
  };
  build(0, []);
  const value = new Float64Array(sets.length);
  const state = new Int8Array(E);
  const per = new Int32Array(g.n);
  for (let w = 0; w < 3 ** E; w++) {
    let prob = 1;
    for (let e = 0, x = w; e < E; e++, x = Math.floor(x / 3)) {
      state[e] = x % 3;
      const i = g.targets[e];
      prob *= state[e] === 0 ? 1 - seen[i] : state[e] === 1 ? seen[i] - share[i] : share[i];
    }
    if (prob === 0) continue;
    for (let s = 0; s < g.n; s++) {
      let mask = 1 << s;
      let active = 1 << s;
      const queue = [s];
      while (queue.length) {
        const j = queue.pop()!;
        for (let e = g.offsets[j]; e < g.offsets[j + 1]; e++) {
          const i = g.targets[e];
          if (state[e] >= 1) mask |= 1 << i;
          if (state[e] === 2 && !(active & (1 << i))) {
            active |= 1 << i;
            queue.push(i);
          }
        }
      }
      per[s] = mask;
    }
    sets.forEach((set, m) => {
      let mask = 0;
      for (const s of set) mask |= per[s];
      let bits = 0;
      for (let x = mask; x; x &= x - 1) bits++;
      value[m] += prob * bits;
    });
  }
  return new Map(sets.map((set, m) => [set.join(","), value[m]]));
}

// Two overlapping hubs (0 and 1 share their audience), a smaller hub 2 with its own, chains and loners.
const ties: [number, number][] = [
  [0, 3], [0, 4], [0, 5], [0, 6], [1, 3], [1, 4], [1, 5],
  [2, 7], [2, 8], [2, 9], [7, 10], [3, 0],
];
const g = graph(12, ties);
const seen = [0.9, 0.9, 0.9, 0.8, 0.8, 0.7, 0.7, 0.9, 0.6, 0.9, 0.9, 0.5];
const share = [0.4, 0.4, 0.4, 0.2, 0.1, 0.1, 0.1, 0.5, 0.3, 0.2, 0.3, 0.1];
const all = Int32Array.from({ length: 12 }, (_, i) => i);

describe("seed selection by expected spread (CELF over live-edge samples)", () => {
  it.each([1, 2, 3])("greedy's %i seeds reach at least (1 − 1/e) of the exact optimum, by enumeration", (k) => {
    const exact = exactReach(g, seen, share, k);
    const best = Math.max(...exact.values());
    const { seeds } = greedySeeds(g, { seen: Float64Array.from(seen), share: Float64Array.from(share) }, all, k, { key: 11, samples: 4000 });
    const mine = exact.get([...seeds].sort((a, b) => a - b).join(","))!;
    expect(mine).toBeGreaterThanOrEqual((1 - exp(-1)) * best);
    // On this graph greedy finds the optimum, and the worst set is far below the bound: the check can fail.
    expect(mine).toBeCloseTo(best, 6);
    expect(Math.min(...exact.values())).toBeLessThan((1 - exp(-1)) * best);
  });

  it("does not pick two hubs with the same audience", () => {
    const { seeds, reach } = greedySeeds(g, { seen: Float64Array.from(seen), share: Float64Array.from(share) }, all, 2, { key: 3, samples: 2000 });
    expect(new Set(seeds).has(0) && new Set(seeds).has(1)).toBe(false);
    expect(seeds).toContain(2);
    expect(reach[1]).toBeGreaterThan(reach[0]);
  });

  it("is a pure function of its key, and the key matters only through the samples", () => {
    const m = { seen: Float64Array.from(seen), share: Float64Array.from(share) };
    const a = greedySeeds(g, m, all, 3, { key: 5, samples: 32 });
    const b = greedySeeds(g, m, all, 3, { key: 5, samples: 32 });
    expect(b.seeds).toEqual(a.seeds);
    expect(b.reach).toEqual(a.reach);
    const c = greedySeeds(g, m, all, 3, { key: 6, samples: 32 });
    expect(c.reach).not.toEqual(a.reach);
  });

  it("kolSeeding with select spread pays the chosen members; degree (the default) pays the opinion leaders", () => {
    const strategy = { type: "kolSeeding" as const, circles: ["a"], kolsPerCircle: 3, pricePerPost: 10, at: { start: 0, every: 5, count: 2 } };
    const s = smallScenario({
      population: { circles: [{ name: "a", size: 1500, kols: 3 }, { name: "b", size: 1000 }] },
      plans: [
        { name: "degree", strategies: [strategy] },
        { name: "spread", strategies: [{ ...strategy, select: "spread" }] },
      ],
    });
    const w = buildWorld(s, 0);
    const accounts = (p: number) => [...(compilePlan(w, s.plans[p]).at(0)[0] as { accounts: Int32Array }).accounts];
    expect(accounts(0)).toEqual([...w.net.accounts.kolsByCircle[0]]);
    const spread = accounts(1);
    expect(spread).toHaveLength(3);
    for (const i of spread) expect(w.pop.circle[i]).toBe(0);
    expect(accounts(1)).toEqual(spread);
    // Same world, same choice; the run is deterministic.
    const r1 = runPlan(buildWorld(s, 0), s.plans[1]);
    const r2 = runPlan(buildWorld(s, 0), s.plans[1]);
    expect(r2.series).toEqual(r1.series);
  });

  it("a run split across threads picks the same members: its output is the plain run's, byte for byte", async () => {
    const s = smallScenario({
      replicates: 2,
      plans: [{ name: "spread", strategies: [{ type: "kolSeeding", topCircles: 2, kolsPerCircle: 3, pricePerPost: 10, select: "spread", at: { start: 0, every: 5, count: 3 } }] }],
    });
    expect(format(await simulateSplit(s, 2), "json", true)).toBe(format(simulate(s), "json", true));
  });
});
