import { describe, expect, it } from "vitest";
import { buildCsr, tieWeights } from "../../engine/core/network/csr.ts";
import { mixingMatrix } from "../../engine/core/network/circles.ts";
import { Kind } from "../../engine/core/population.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { loadScenario } from "../../scenarios/parse.ts";

const scenario = (network: object, circles = [{ name: "a", size: 6000 }, { name: "b", size: 4000, kols: 3 }]) =>
  loadScenario({ name: "net", horizon: 1, population: { circles }, network: { kind: "circles", ...network } });

describe("CSR", () => {
  it("groups ties by source with an n + 1 offsets sentinel", () => {
    const g = buildCsr(4, (out) => {
      out.add(2, 0, out.classOf(0.5));
      out.add(0, 1, out.classOf(1));
      out.add(2, 3, out.classOf(0.25));
    });
    expect(Array.from(g.offsets)).toEqual([0, 1, 1, 3, 3]);
    expect(Array.from(g.targets)).toEqual([1, 0, 3]);
    expect(Array.from(tieWeights(g))).toEqual([1, 0.5, 0.25]);
    expect(g.tieClass).toBeInstanceOf(Uint8Array); // three weights: three classes, a byte per tie
    expect(Array.from(g.classWeight)).toEqual([0.5, 1, 0.25]); // numbered as first met
  });
});

describe("circle network generator", () => {
  it("has the requested mean degree and in-circle share", () => {
    const w = buildWorld(scenario({ meanDegree: 20, inCircleShare: 0.8, brand: { followerShare: 0 } }), 0);
    const { offsets, targets } = w.net.csr;
    let ties = 0, inside = 0;
    for (let i = 0; i < w.pop.consumers; i++)
      for (let e = offsets[i]; e < offsets[i + 1]; e++) {
        ties++;
        if (w.pop.circle[targets[e]] === w.pop.circle[i]) inside++;
      }
    // KOL follower ties add ~kols·kolReach·size (≈ 0.5 per consumer here) on top of friendships.
    expect(ties / w.pop.consumers).toBeGreaterThan(19.5);
    expect(ties / w.pop.consumers).toBeLessThan(21.5);
    expect(Math.abs(inside / ties - 0.8)).toBeLessThan(0.02);
  });

  it("gives heavy-tailed degrees and makes the best-connected members opinion leaders", () => {
    const w = buildWorld(scenario({ meanDegree: 10, degreeExponent: 2.3 }), 0);
    const { offsets } = w.net.csr;
    const deg = Array.from({ length: w.pop.consumers }, (_, i) => offsets[i + 1] - offsets[i]);
    const sorted = [...deg].sort((a, b) => a - b);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(8 * sorted[Math.floor(sorted.length / 2)]);
    const kols = w.net.accounts.kolsByCircle[1];
    expect(kols.length).toBe(3);
    for (const k of kols) expect(w.pop.kind[k]).toBe(Kind.kol);
    const median = sorted[Math.floor(sorted.length / 2)];
    for (const k of kols) expect(deg[k]).toBeGreaterThan(median);
  });

  it("respects an explicit mixing matrix (isolated circles have no cross ties)", () => {
    const w = buildWorld(scenario({ mixing: [[1, 0], [0, 1]], brand: { followerShare: 0 } }), 0);
    const { offsets, targets } = w.net.csr;
    for (let i = 0; i < w.pop.consumers; i++)
      for (let e = offsets[i]; e < offsets[i + 1]; e++) expect(w.pop.circle[targets[e]]).toBe(w.pop.circle[i]);
  });

  it("default mixing splits cross ties by circle size and rows sum to 1", () => {
    const net = scenario({ inCircleShare: 0.7 }, [{ name: "a", size: 100 }, { name: "b", size: 300 }, { name: "c", size: 100 }]).network;
    if (net.kind !== "circles") throw new Error("expected circles");
    const M = mixingMatrix(net, [100, 300, 100]);
    [0.7, 0.3 * 0.75, 0.3 * 0.25].forEach((v, k) => expect(M[0][k]).toBeCloseTo(v, 12));
    for (const row of M) expect(row.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it("the brand account is followed by about followerShare of consumers", () => {
    const w = buildWorld(scenario({ brand: { followerShare: 0.05 } }), 0);
    const b = w.net.accounts.brand;
    const f = w.net.csr.offsets[b + 1] - w.net.csr.offsets[b];
    expect(Math.abs(f - 500)).toBeLessThan(5 * Math.sqrt(10000 * 0.05 * 0.95)); // binomial, 5 SD
  });
});

describe("opinion leaders", () => {
  it("are exactly the circle's top-k members by degree propensity (same as a full sort)", () => {
    const s = scenario({ meanDegree: 8 }, [{ name: "a", size: 3000, kols: 7 }, { name: "b", size: 50, kols: 60 }]);
    const w = buildWorld(s, 0);
    const { offsets } = w.net.csr;
    // Degree follows θ closely; the leaders' degrees must be non-increasing and at the top of the circle.
    const deg = (i: number) => offsets[i + 1] - offsets[i];
    const kols = Array.from(w.net.accounts.kolsByCircle[0]);
    expect(kols).toHaveLength(7);
    expect(new Set(kols).size).toBe(7);
    const others = Array.from({ length: 3000 }, (_, i) => i).filter((i) => !kols.includes(i));
    expect(Math.min(...kols.map(deg))).toBeGreaterThan(Math.max(...others.map(deg)) * 0.5);
    expect(w.net.accounts.kolsByCircle[1]).toHaveLength(50); // capped at the circle's size
  });
});
