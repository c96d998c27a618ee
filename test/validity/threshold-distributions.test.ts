/**
 * Linear Threshold with threshold distributions, per circle, as shares or counts, against exact
 * results: on a DAG the activation probability of every node is an enumerable sum for any threshold
 * law; with fixed thresholds the process is deterministic, and its final set on a graph with cycles
 * is the least fixed point, computed here independently.
 */
import { describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { circleValue, type Edge, fmt, ltDagExact, ltFixedPoint, scenario, type ThresholdCdf } from "./analytic.ts";
import { GRAPH, GRAPH_NODES, runOnGraph } from "./graph.ts";

const R = 4000;

/** P(θ ≤ x) for Normal(μ, σ) truncated to [lo, hi], by Simpson's rule on the density (independent of the engine's Φ). */
function truncatedNormalCdf(mu: number, sd: number, lo: number, hi: number): ThresholdCdf {
  const top = Math.min(hi, mu + 12 * sd);
  const pdf = (x: number) => Math.exp(-0.5 * ((x - mu) / sd) ** 2);
  const mass = (x: number) => {
    const m = 4000, h = (x - lo) / m; // Simpson's error ~ h⁴: below 1e-12 here
    let s = pdf(lo) + pdf(x);
    for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * pdf(lo + k * h);
    return (s * h) / 3;
  };
  const Z = mass(top);
  return (x) => (x <= lo ? 0 : x >= top ? 1 : mass(x) / Z);
}
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const uniformCdf = (a: number, b: number): ThresholdCdf => (x) => clamp01((x - a) / (b - a));
const fixedCdf = (v: number): ThresholdCdf => (x) => (x >= v ? 1 : 0);
/** Beta(2, 3) on [lo, hi]: F(y) = 6y² − 8y³ + 3y⁴ with y = (x − lo)/(hi − lo). */
const beta23Cdf = (lo: number, hi: number): ThresholdCdf => (x) => {
  const y = clamp01((x - lo) / (hi - lo));
  return 6 * y ** 2 - 8 * y ** 3 + 3 * y ** 4;
};
/** Beta(1/2, 1/2) (arcsine) on [lo, hi]: F(y) = (2/π)·asin(√y). */
const arcsineCdf = (lo: number, hi: number): ThresholdCdf => (x) => (2 / Math.PI) * Math.asin(Math.sqrt(clamp01((x - lo) / (hi - lo))));

/** A DAG (ties from lower to higher ids) where nodes see different mixes of active in-neighbours; node 2 has no in-ties. */
const DAG: Edge[] = [
  [0, 3, 0.2], [1, 3, 0.3], [2, 3, 0.5], [3, 4, 0.6], [1, 4, 0.1], [2, 4, 0.3], [3, 5, 0.5], [4, 5, 0.5],
  [1, 6, 0.4], [4, 6, 0.3], [5, 6, 0.3], [0, 7, 0.5], [5, 7, 0.5], [6, 7, 1],
];
const DAG_NODES = 8;
const SEEDS = [0, 1];

/**
 * Per-node tolerance: over R runs node v's activation count is Binomial(R, P_v), so its frequency
 * has SE √(P_v(1 − P_v)/R) ≤ 0.0079 at R = 4000; 4.5 SE per node (two-sided 7e-6 each, < 1e-4 over
 * the graph). Nodes with P_v = 0 or 1 must match exactly. Returns |z| per node.
 */
function expectNodes(freq: number[], exact: Float64Array): number[] {
  return freq.map((f, v) => {
    const se = Math.sqrt((exact[v] * (1 - exact[v])) / R);
    if (se === 0) {
      expect(f, `node ${v}`).toBe(exact[v]);
      return 0;
    }
    expect(Math.abs(f - exact[v]), `node ${v}: ${f} vs exact ${exact[v]}`).toBeLessThan(4.5 * se);
    return Math.abs(f - exact[v]) / se;
  });
}

describe("Linear Threshold with threshold distributions per circle", () => {
  it.for([
    {
      unit: "fraction" as const,
      // Node v sits alone in circle nv, so circleThresholds gives each node its own law.
      thresholds: {
        n3: { kind: "normal", mean: 0.4, sd: 0.15, max: 1 },
        n4: { kind: "beta", a: 2, b: 3 },
        n5: { kind: "uniform", min: 0.2, max: 0.7 },
        n6: { kind: "beta", a: 0.5, b: 0.5, max: 0.8 },
        n7: { kind: "fixed", value: 0.45 },
      },
      cdf: { 3: truncatedNormalCdf(0.4, 0.15, 0, 1), 4: beta23Cdf(0, 1), 5: uniformCdf(0.2, 0.7), 6: arcsineCdf(0, 0.8), 7: fixedCdf(0.45) },
    },
    {
      unit: "count" as const,
      thresholds: {
        n3: { kind: "normal", mean: 1.5, sd: 0.7 },
        n4: { kind: "uniform", min: 0.5, max: 2.5 },
        n5: { kind: "beta", a: 2, b: 3, max: 3 },
        n6: { kind: "fixed", value: 2 }, // two active in-ties are exactly enough: "reaches" is ≥
        n7: { kind: "normal", mean: 2, sd: 1, min: 0.5, max: 3 },
      },
      cdf: { 3: truncatedNormalCdf(1.5, 0.7, 0, Infinity), 4: uniformCdf(0.5, 2.5), 5: beta23Cdf(0, 3), 6: fixedCdf(2), 7: truncatedNormalCdf(2, 1, 0.5, 3) },
    },
  ])("$unit thresholds on a DAG: P(v active) = E[F_v(influence of v's active in-ties)], enumerated", async ({ unit, thresholds, cdf }, { annotate }) => {
    // In a DAG a node's in-neighbours are settled before it and its threshold is independent of them,
    // so P(v ends active | upstream) = F_v(x_v): summing over all 2^8 histories is exact.
    const cdfs = Array.from({ length: DAG_NODES }, (_, v) => (cdf as Record<number, ThresholdCdf>)[v] ?? uniformCdf(0, 1));
    const exact = ltDagExact(DAG_NODES, DAG, SEEDS, cdfs, unit);
    const sim = runOnGraph({ kind: "lt", seeds: SEEDS, thresholdUnit: unit, circleThresholds: thresholds }, R, DAG_NODES, DAG);
    const z = expectNodes(sim.freq, exact);
    await annotate(
      `P_v sim [${sim.freq.map((x) => fmt(x, 3)).join(" ")}] exact [${Array.from(exact, (x) => fmt(x, 3)).join(" ")}]; ` +
        `SE ≤ ${fmt(Math.sqrt(0.25 / R))}; worst |z| ${Math.max(...z).toFixed(2)} (R=${R})`,
      "measured",
    );
  });

  it.for(["fraction", "count"] as const)("fixed %s thresholds on a graph with cycles: the final set is the least fixed point, for every pair of seeds", (unit) => {
    const theta = unit === "fraction" ? [0.3, 0.55, 0.6, 0.4, 0.7, 0.35, 0.45, 0.42, 0.58] : [1, 2, 1, 2, 1, 2, 1, 1, 2];
    const circleThresholds = Object.fromEntries(theta.map((v, i) => [`n${i}`, { kind: "fixed", value: v }]));
    let active = 0;
    for (let a = 0; a < GRAPH_NODES; a++)
      for (let b = a + 1; b < GRAPH_NODES; b++) {
        const want = ltFixedPoint(GRAPH_NODES, GRAPH, [a, b], theta, unit);
        const sim = runOnGraph({ kind: "lt", seeds: [a, b], thresholdUnit: unit, circleThresholds }, 1);
        expect(sim.freq, `seeds ${a}, ${b}`).toEqual(Array.from(want));
        active += want.reduce((x, y) => x + y, 0) - 2;
      }
    expect(active).toBeGreaterThan(20); // the thresholds let cascades happen: the comparison is not all-seeds-only
  });

  it("seeds as a share: round(share × consumers) distinct consumers, drawn afresh in each replicate", () => {
    // A threshold above 1 can never be reached by a share of in-ties, so exactly the seeds are active;
    // each node alone in its circle shows which ones.
    const N = 200, H = 3, reps = 4;
    const ring: Edge[] = Array.from({ length: N }, (_, i) => [i, (i + 1) % N, 1]);
    const s = scenario({
      horizon: H, replicates: reps,
      model: { kind: "lt", seeds: { share: 0.0625 }, threshold: { kind: "fixed", value: 1.5 } },
      network: { kind: "edges", nodes: N, edges: ring },
      population: { circles: Array.from({ length: N }, (_, i) => ({ name: `n${i}`, size: 1 })) },
    });
    const runs = runReplicates(s)[0];
    const sets = runs.map((r) => {
      expect(Array.from(column(r.series, "active"))).toEqual([13, 13, 13, 13]); // 0.0625 × 200 = 12.5 rounds to 13
      return Array.from({ length: N }, (_, v) => circleValue(r.series, "active", v, H)).join("");
    });
    expect(new Set(sets).size).toBe(reps);
  });
});
