/**
 * Independent Cascade on a small directed graph against the exact expected spread, computed by
 * enumerating all 2^16 live-edge worlds (Kempe, Kleinberg & Tardos 2003).
 */
import { describe, expect, it } from "vitest";
import { fmt, icExact, meanSd } from "./analytic.ts";
import { GRAPH, GRAPH_NODES, runOnGraph } from "./graph.ts";

const R = 4000;

/**
 * Tolerances. Spread: 5 SE with SE = sample SD / √R (R = 4000; measured SD ≈ 2.8 nodes
 * with seed {0}, ≈ 1.9 with seeds {0, 6}, so 5 SE ≈ 0.22 and 0.15 nodes; at this R the mean is
 * normal and |z| > 5 has probability 6e-7). Per node:
 * the activation count is Binomial(R, P_v) with the exact P_v, SE = √(P_v(1 − P_v)/R) ≤ 0.0079;
 * 4.5 SE per node (two-sided 7e-6 each, < 1e-4 over the 9 nodes). Seeds have P_v = 1 exactly.
 */
function check(exact: { prob: Float64Array; spread: number }, sim: { spread: number[]; freq: number[] }, seeds: number[]) {
  const { mean, sd } = meanSd(sim.spread);
  const se = sd / Math.sqrt(R);
  expect(Math.abs(mean - exact.spread), `mean spread ${mean} vs exact ${exact.spread}`).toBeLessThan(5 * se);
  let worst = 0;
  sim.freq.forEach((f, v) => {
    const P = exact.prob[v];
    if (seeds.includes(v)) {
      expect(f).toBe(1);
      return expect(P).toBeCloseTo(1, 9);
    }
    const seV = Math.sqrt((P * (1 - P)) / R);
    worst = Math.max(worst, Math.abs(f - P) / seV);
    expect(Math.abs(f - P), `node ${v}: ${f} vs exact ${P}`).toBeLessThan(4.5 * seV);
  });
  return { mean, sd, z: (mean - exact.spread) / se, worst };
}

describe("Independent Cascade against exact live-edge enumeration", () => {
  it("per-tie probabilities, seed {0}: mean spread and every node's activation probability", async ({ annotate }) => {
    const exact = icExact(GRAPH_NODES, GRAPH, [0]);
    const sim = runOnGraph({ kind: "ic", seeds: [0] }, R);
    const m = check(exact, sim, [0]);
    await annotate(
      `mean spread ${fmt(m.mean)} (SD ${fmt(m.sd, 2)}, R=${R}, z=${m.z.toFixed(2)}) vs exact ${fmt(exact.spread)}; ` +
        `worst node |z| ${m.worst.toFixed(2)}; P_v sim [${sim.freq.map((x) => fmt(x, 3)).join(" ")}] ` +
        `exact [${Array.from(exact.prob, (x) => fmt(x, 3)).join(" ")}]`,
      "measured",
    );
  });

  it("one probability for every tie (model.probability = 0.4), seeds {0, 6}", async ({ annotate }) => {
    const exact = icExact(GRAPH_NODES, GRAPH, [0, 6], 0.4);
    const sim = runOnGraph({ kind: "ic", seeds: [0, 6], probability: 0.4 }, R);
    const m = check(exact, sim, [0, 6]);
    await annotate(
      `mean spread ${fmt(m.mean)} (SD ${fmt(m.sd, 2)}, z=${m.z.toFixed(2)}) vs exact ${fmt(exact.spread)}; worst node |z| ${m.worst.toFixed(2)}`,
      "measured",
    );
  });
});
