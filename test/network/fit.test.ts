import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildCsr } from "../../engine/core/network/csr.ts";
import { compareStats, fitGenerator, powerLawTail } from "../../engine/networks/fit.ts";
import { averageClustering, ksDistance, triangles } from "../../engine/networks/stats.ts";
import { undirectedSimple } from "../../engine/core/network/simple.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { stream } from "../../engine/core/rng/stream.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { readNetworkFile } from "../../engine/node/network-file.ts";
import { main } from "../../engine/node/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-fit-"));

const undirected = (n: number, edges: [number, number][]) =>
  undirectedSimple(buildCsr(n, (out) => edges.forEach(([a, b]) => out.add(a, b, 1))));

describe("structure measures", () => {
  it("clustering and triangles on small graphs (NetworkX conventions: degree < 2 counts 0)", () => {
    const g = undirected(5, [[0, 1], [1, 2], [2, 0], [2, 3], [3, 4]]);
    expect(Array.from(triangles(g))).toEqual([1, 1, 1, 0, 0]);
    // C = (1 + 1 + 1/3 + 0 + 0) / 5
    expect(averageClustering(g)).toBeCloseTo((1 + 1 + 1 / 3) / 5, 12);
    const k4 = undirected(4, [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(averageClustering(k4)).toBe(1);
  });

  it("two-sample KS distance on integer samples", () => {
    expect(ksDistance(Int32Array.from([1, 2, 3]), Int32Array.from([1, 2, 3]))).toBe(0);
    expect(ksDistance(Int32Array.from([1, 1]), Int32Array.from([2, 2]))).toBe(1);
    expect(ksDistance(Int32Array.from([1, 2, 3, 4]), Int32Array.from([3, 4, 5, 6]))).toBe(0.5);
  });

  it("discrete power-law tail MLE recovers α within 0.15 on 20,000 draws", () => {
    // k = floor(U^(-1/(α-1))) is only approximately a discrete power law (P(K ≥ k) → k^(1-α) for large k),
    // and the MLE uses the k − ½ continuity approximation: α̂ lands within 0.15 of 2.5 (its own standard
    // error (α-1)/√n_tail is under 0.03 here; the rest is the discretisation bias).
    const rng = stream(42);
    const ks = Int32Array.from({ length: 20000 }, () => Math.floor(Math.pow(1 - rng(), -1 / 1.5))).sort();
    const fit = powerLawTail(ks);
    expect(Math.abs(fit.alpha - 2.5)).toBeLessThan(0.15);
  });
});

describe("generator fit", () => {
  it("recovers the parameters of a network the generator made, and the twin matches within tolerance", () => {
    const s = loadScenario({
      name: "truth", horizon: 1, seed: 3,
      population: { circles: [{ name: "a", size: 1500, kols: 0 }, { name: "b", size: 1000, kols: 0 }, { name: "c", size: 500, kols: 0 }] },
      network: { kind: "circles", meanDegree: 12, degreeExponent: 2.6, inCircleShare: 0.8, brand: { followerShare: 0 } },
    });
    const w = buildWorld(s, 0);
    const lines: string[] = [];
    for (let i = 0; i < w.pop.consumers; i++)
      for (let e = w.net.csr.offsets[i]; e < w.net.csr.offsets[i + 1]; e++) if (i < w.net.csr.targets[e]) lines.push(`${i} ${w.net.csr.targets[e]}`);
    const net = join(dir, "truth.txt");
    const circles = join(dir, "truth.csv");
    writeFileSync(net, lines.join("\n"));
    writeFileSync(circles, Array.from({ length: w.pop.consumers }, (_, i) => `${i},${"abc"[w.pop.circle[i]]}`).join("\n"));
    // Consumers the generator left without ties are in the circle table only: "add" keeps them.
    const g = readNetworkFile({ path: net, dangling: "add", circles: { from: "file", path: circles } });
    const { fit, real, twin } = fitGenerator(g, { seed: 9 });
    expect(fit.circles).toEqual([{ name: "a", size: 1500 }, { name: "b", size: 1000 }, { name: "c", size: 500 }]);
    // Duplicate draws are merged on import, so the simple graph's mean degree is a little under 12.
    expect(real.meanDegree).toBeGreaterThan(11.5);
    expect(real.inCircleShare).toBeCloseTo(0.8, 1);
    const rows = Object.fromEntries(compareStats(real, twin).map((r) => [r.measure, r]));
    expect(rows["mean degree"].ok).toBe(true);
    expect(rows["in-circle share of ties"].ok).toBe(true);
    expect(rows["degree KS distance"].ok).toBe(true);
    expect(rows["avg clustering"].ok).toBe(true); // the generator's own clustering is reproduced
  });

  it("a clustered network with its own degree distribution: the fit writes both and the twin meets every tolerance", () => {
    const s = loadScenario({
      name: "truth", horizon: 1, seed: 4,
      population: { circles: [{ name: "a", size: 1500, kols: 0 }, { name: "b", size: 1000, kols: 0 }] },
      network: { kind: "circles", meanDegree: 10, inCircleShare: 0.85, closure: 0.7, degrees: { values: [1, 2, 4, 8, 16, 60], weights: [10, 25, 30, 20, 12, 3] }, brand: { followerShare: 0 } },
    });
    const w = buildWorld(s, 0);
    const lines: string[] = [];
    for (let i = 0; i < w.pop.consumers; i++)
      for (let e = w.net.csr.offsets[i]; e < w.net.csr.offsets[i + 1]; e++) if (i < w.net.csr.targets[e]) lines.push(`${i} ${w.net.csr.targets[e]}`);
    const net = join(dir, "clustered.txt");
    const circles = join(dir, "clustered.csv");
    writeFileSync(net, lines.join("\n"));
    writeFileSync(circles, Array.from({ length: w.pop.consumers }, (_, i) => `${i},${"ab"[w.pop.circle[i]]}`).join("\n"));
    const g = readNetworkFile({ path: net, dangling: "add", circles: { from: "file", path: circles } });
    const { fit, real, twin } = fitGenerator(g, { seed: 9 });
    expect(real.clustering).toBeGreaterThan(0.25);
    expect(fit.degrees).toHaveLength(2);
    expect(fit.closureFrom).toBe("calibrated");
    for (const row of compareStats(real, twin)) if (row.ok !== null) expect([row.measure, row.ok]).toEqual([row.measure, true]);
    // Without closure the same fit misses the clustering by far.
    const flat = fitGenerator(g, { seed: 9, closure: false });
    expect(real.clustering - flat.twin.clustering).toBeGreaterThan(0.15);
  });

  it("circlecast fit --out writes a fragment that completes a valid scenario", () => {
    const net = join(dir, "ring.txt");
    writeFileSync(net, Array.from({ length: 60 }, (_, i) => `${i} ${(i + 1) % 60}\n${i} ${(i + 2) % 60}`).join("\n"));
    const out = join(dir, "fragment.json");
    let stdout = "";
    const o = vi.spyOn(process.stdout, "write").mockImplementation((x) => ((stdout += String(x)), true));
    const e = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = main(["fit", net, "--out", out, "--seed", "4"]);
    o.mockRestore();
    e.mockRestore();
    expect(code).toBe(0);
    expect(stdout).toContain("real network vs synthetic twin (seed 4; undirected simple graphs)");
    expect(stdout).toMatch(/mean degree\s+4(\.000)?\s+/);
    const frag = JSON.parse(readFileSync(out, "utf8"));
    expect(frag.network.kind).toBe("circles");
    const s = loadScenario({ name: "twin", horizon: 10, ...frag });
    expect(s.population.circles.reduce((a, c) => a + c.size, 0)).toBe(60);
    // Every node of the ring has 4 ties: each circle's distribution is that one value.
    const dists = Array.isArray(frag.network.degrees) ? frag.network.degrees : [frag.network.degrees];
    expect(dists.map((d: { values: number[] }) => d.values)).toEqual(dists.map(() => [4]));
    expect(frag.network.degreeExponent).toBeUndefined();
  });

  it("circlecast fit --pareto --no-closure writes the power-law fragment without closure", () => {
    const net = join(dir, "ring2.txt");
    writeFileSync(net, Array.from({ length: 60 }, (_, i) => `${i} ${(i + 1) % 60}\n${i} ${(i + 2) % 60}`).join("\n"));
    const out = join(dir, "fragment2.json");
    const o = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const e = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = main(["fit", net, "--out", out, "--pareto", "--no-closure"]);
    o.mockRestore();
    e.mockRestore();
    expect(code).toBe(0);
    const frag = JSON.parse(readFileSync(out, "utf8"));
    expect(frag.network.degrees).toBeUndefined();
    expect(frag.network.closure).toBeUndefined();
    expect(frag.network.degreeExponent).toBeGreaterThan(2);
  });
});
