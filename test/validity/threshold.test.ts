/**
 * Linear Threshold against exact activation probabilities: closed forms on a small DAG, and the
 * live-edge equivalence (Kempe, Kleinberg & Tardos 2003, Claim 2.6) enumerated on the test graph.
 */
import { describe, expect, it } from "vitest";
import { type Edge, fmt, ltExact, meanSd } from "./analytic.ts";
import { GRAPH, GRAPH_NODES, runOnGraph } from "./graph.ts";

const R = 4000;

/**
 * Per-node tolerance: over R runs the activation count of node v is Binomial(R, P_v), so the
 * frequency has SE = √(P_v(1 − P_v)/R) ≤ 0.0079 at R = 4000; 4.5 SE per node (two-sided 7e-6
 * each, < 1e-4 over a graph's nodes). Mean spread: 5 SE from the sample SD (R = 4000: normal).
 */
function expectNode(f: number, P: number, v: number): number {
  const se = Math.sqrt((P * (1 - P)) / R);
  expect(Math.abs(f - P), `node ${v}: ${f} vs exact ${P}`).toBeLessThan(4.5 * se);
  return (f - P) / se;
}

describe("Linear Threshold", () => {
  it("closed forms on a DAG: P(v active) = Σ b_uv·P(u active) over in-neighbours u", async ({ annotate }) => {
    // θ_v ~ U[0,1) is independent of the in-neighbours' fates in a DAG, so
    // P(v active) = E[Σ_{u active} b_uv] = Σ_u b_uv·P(u active), with b_uv = w_uv / Σ_k w_kv.
    // Seeds 0 and 1; node 2 has no in-ties, so it never activates but dilutes its followers' weights.
    //   node 3 ← 0 (0.2), 1 (0.3), 2 (0.5):  P3 = 0.2 + 0.3 = 0.5  (two seed in-neighbours)
    //   node 4 ← 3 (0.6), 1 (0.1), 2 (0.3):  P4 = 0.1 + 0.6·P3 = 0.4
    //   node 5 ← 3 (0.5), 4 (0.5):           P5 = 0.5·P3 + 0.5·P4 = 0.45
    const edges: Edge[] = [[0, 3, 0.2], [1, 3, 0.3], [2, 3, 0.5], [3, 4, 0.6], [1, 4, 0.1], [2, 4, 0.3], [3, 5, 0.5], [4, 5, 0.5]];
    const sim = runOnGraph({ kind: "lt", seeds: [0, 1] }, R, 6, edges);
    const P3 = 0.5, P4 = 0.1 + 0.6 * P3, P5 = 0.5 * P3 + 0.5 * P4;
    expect(sim.freq.slice(0, 3)).toEqual([1, 1, 0]);
    const z = [expectNode(sim.freq[3], P3, 3), expectNode(sim.freq[4], P4, 4), expectNode(sim.freq[5], P5, 5)];
    // The closed forms agree with the live-edge enumeration (a check of ltExact itself).
    const exact = ltExact(6, edges, [0, 1]);
    expect(exact.prob[3]).toBeCloseTo(P3, 6);
    expect(exact.prob[4]).toBeCloseTo(P4, 6);
    expect(exact.prob[5]).toBeCloseTo(P5, 6);
    await annotate(
      `P3 ${fmt(sim.freq[3])} vs ${P3}, P4 ${fmt(sim.freq[4])} vs ${P4}, P5 ${fmt(sim.freq[5])} vs ${P5} (z = ${z.map((x) => x.toFixed(2)).join(", ")}; R=${R})`,
      "measured",
    );
  });

  it.for([{ seeds: [0] }, { seeds: [0, 6] }])("live-edge enumeration on the 9-node graph with cycles, seeds $seeds", async ({ seeds }, { annotate }) => {
    // Each node with in-ties keeps exactly one, u → v with probability b_uv; 2^8 choices in all.
    const exact = ltExact(GRAPH_NODES, GRAPH, seeds);
    const sim = runOnGraph({ kind: "lt", seeds }, R);
    const { mean, sd } = meanSd(sim.spread);
    const se = sd / Math.sqrt(R);
    expect(Math.abs(mean - exact.spread), `mean spread ${mean} vs exact ${exact.spread}`).toBeLessThan(5 * se);
    let worst = 0;
    sim.freq.forEach((f, v) => {
      if (seeds.includes(v)) return expect(f).toBe(1);
      worst = Math.max(worst, Math.abs(expectNode(f, exact.prob[v], v)));
    });
    await annotate(
      `mean spread ${fmt(mean)} (SD ${fmt(sd, 2)}, R=${R}, z=${((mean - exact.spread) / se).toFixed(2)}) vs exact ${fmt(exact.spread)}; ` +
        `worst node |z| ${worst.toFixed(2)}; P_v sim [${sim.freq.map((x) => fmt(x, 3)).join(" ")}] exact [${Array.from(exact.prob, (x) => fmt(x, 3)).join(" ")}]`,
      "measured",
    );
  });
});
