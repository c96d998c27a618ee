/**
 * Watts' (2002) global cascades: Linear Threshold with one fixed fractional threshold φ on
 * Erdős–Rényi graphs, a single random seed. The generating-function condition gives the cascade
 * window in the mean degree z and, inside it, the chance that one seed starts a global cascade: the
 * share of nodes in or next to the giant vulnerable cluster (the extended vulnerable cluster).
 */
import { describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { type Edge, fmt, meanSd, scenario, wattsCascade } from "./analytic.ts";

const N = 5000, PHI = 0.18, H = 80;
/** A cascade is global above 5 % of N: finite ones stay within a few dozen nodes, global ones reach most of the graph. */
const GLOBAL = 0.05 * N;

/** G(N, M) with M = round(zN/2) distinct undirected ties and no loops, from a small seeded generator (mulberry32). */
function erdosRenyi(z: number, seed: number): Edge[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const M = Math.round((z * N) / 2);
  const seen = new Set<number>();
  const edges: Edge[] = [];
  while (edges.length < M) {
    const i = Math.floor(rnd() * N), j = Math.floor(rnd() * N);
    if (i === j) continue;
    const k = Math.min(i, j) * N + Math.max(i, j);
    if (seen.has(k)) continue;
    seen.add(k);
    edges.push([i, j, 1]);
  }
  return edges;
}

/**
 * Share of the nodes of one graph that are in, or next to, its largest cluster of vulnerable nodes
 * (degree k ≥ 1 with 1/k ≥ φ): a seed there activates a vulnerable neighbour, which needs only one
 * active neighbour, and so the whole cluster. Elsewhere a cascade stays finite (tree-like graph).
 */
function extendedVulnerableCluster(edges: readonly Edge[]): number {
  const adj: number[][] = Array.from({ length: N }, () => []);
  for (const [i, j] of edges) adj[i].push(j), adj[j].push(i);
  const vulnerable = adj.map((a) => a.length >= 1 && 1 / a.length >= PHI);
  const comp = new Int32Array(N).fill(-1);
  const sizes: number[] = [];
  for (let s = 0; s < N; s++) {
    if (!vulnerable[s] || comp[s] >= 0) continue;
    const stack = [s];
    comp[s] = sizes.length;
    let size = 0;
    while (stack.length) {
      const v = stack.pop()!;
      size++;
      for (const w of adj[v]) if (vulnerable[w] && comp[w] < 0) (comp[w] = sizes.length), stack.push(w);
    }
    sizes.push(size);
  }
  const giant = sizes.indexOf(Math.max(...sizes));
  let n = 0;
  for (let v = 0; v < N; v++) if (comp[v] === giant || adj[v].some((w) => comp[w] === giant)) n++;
  return n / N;
}

/** Final cascade sizes of `reps` single-seed runs on each of the given graphs, and each run's cascade finish tick. */
function cascades(graphs: readonly Edge[][], reps: number): { sizes: number[]; lastTick: number } {
  const sizes: number[] = [];
  let lastTick = 0;
  graphs.forEach((edges, g) => {
    const s = scenario({
      horizon: H, replicates: reps, seed: 1 + g,
      model: { kind: "lt", seeds: { random: 1 }, threshold: { kind: "fixed", value: PHI } },
      network: { kind: "edges", nodes: N, edges },
      population: { circles: [{ name: "all", size: N }] },
    });
    for (const r of runReplicates(s)[0]) {
      sizes.push(column(r.series, "active")[H]);
      column(r.series, "newActive").forEach((x, t) => x > 0 && (lastTick = Math.max(lastTick, t)));
    }
  });
  return { sizes, lastTick };
}

describe("Watts' cascade window, φ = 0.18", () => {
  it("the window is 1.02 < z < 5.75, where Σ k(k − 1)ρ_k p_k > z", () => {
    // ρ_k = 1 for 1 ≤ k ≤ 5 (1/k ≥ 0.18), so the condition reads z·P(Poisson(z) ≤ 3) > 1.
    for (const z of [0.7, 1, 6, 8]) expect(wattsCascade(z, PHI).window, `z = ${z}`).toBe(false);
    for (const z of [1.05, 2, 4, 5.7]) expect(wattsCascade(z, PHI).window, `z = ${z}`).toBe(true);
  });

  it.for([2, 4])("z = %s: the generating function gives the extended vulnerable cluster of Erdős–Rényi graphs", async (z, { annotate }) => {
    // The result is for N → ∞; 30 graphs of N = 5000 give its mean with SE = SD/√30 (measured SD
    // ≈ 0.008 between graphs, of the order 1/√N as for a giant component); 4 SE (two-sided 2e-4 at
    // 29 d.o.f.), and the finite-N bias of a giant component's mean share is O(1/N) = 2e-4, inside.
    const shares = Array.from({ length: 30 }, (_, g) => extendedVulnerableCluster(erdosRenyi(z, 5000 + g)));
    const { mean, sd, n } = meanSd(shares);
    const se = sd / Math.sqrt(n);
    const target = wattsCascade(z, PHI).probability;
    expect(Math.abs(mean - target)).toBeLessThan(4 * se);
    await annotate(`mean share ${fmt(mean)} ± ${fmt(se)} over ${n} graphs vs generating function ${fmt(target)}`, "measured");
  });

  it.for([2, 4])("inside, z = %s: a single random seed starts a global cascade exactly when it lands in the extended vulnerable cluster", async (z, { annotate }) => {
    // Given the graphs, each run's seed is uniform, so P(global) is the graphs' mean extended cluster
    // share (up to O(1/N) short-cycle effects); the n runs are independent Bernoulli trials, SE
    // √(P(1 − P)/n) ≈ 0.02 at n = 300; 4 SE (two-sided 6e-5).
    const graphs = [0, 1].map((g) => erdosRenyi(z, 1000 + g));
    const target = graphs.reduce((a, e) => a + extendedVulnerableCluster(e), 0) / graphs.length;
    const { sizes, lastTick } = cascades(graphs, 150);
    expect(lastTick, "every cascade over by the horizon").toBeLessThan(H);
    const n = sizes.length;
    const global = sizes.filter((x) => x > GLOBAL).length / n;
    const se = Math.sqrt((target * (1 - target)) / n);
    expect(Math.max(...sizes.filter((x) => x <= GLOBAL))).toBeLessThan(0.01 * N); // bimodal: nothing in between
    expect(Math.abs(global - target), `P(global) ${global} vs ${target}`).toBeLessThan(4 * se);
    await annotate(`P(global) ${fmt(global)} ± ${fmt(se)} (n=${n} runs on ${graphs.length} graphs of N=${N}) vs their extended vulnerable cluster ${fmt(target)} (generating function ${fmt(wattsCascade(z, PHI).probability)})`, "measured");
  });

  it.for([
    { z: 0.7, why: "below percolation: no giant cluster" },
    { z: 8, why: "above the window: too few vulnerable nodes" },
  ])("outside, z = $z ($why): no global cascade", async ({ z }, { annotate }) => {
    const { sizes } = cascades([erdosRenyi(z, 1000)], 100);
    expect(wattsCascade(z, PHI).probability).toBeLessThan(1e-9);
    expect(sizes.filter((x) => x > GLOBAL)).toEqual([]);
    await annotate(`largest cascade ${Math.max(...sizes)} of N=${N} in ${sizes.length} runs`, "measured");
  });
});
