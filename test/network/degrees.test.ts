import { describe, expect, it } from "vitest";
import { empiricalPropensities, roundedStubs } from "../../engine/core/network/degrees.ts";
import { undirectedSimple } from "../../engine/core/network/simple.ts";
import { degrees, inCircleShare } from "../../engine/networks/stats.ts";
import { stream } from "../../engine/core/rng/stream.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { loadScenario } from "../../scenarios/parse.ts";

/** A skewed distribution over 1 … 150 (weights ∝ k^-2.2), with isolates. */
const skewed = () => {
  const values = [0, ...Array.from({ length: 150 }, (_, k) => k + 1)];
  return { values, weights: values.map((k) => (k === 0 ? 0.02 : Math.pow(k, -2.2))) };
};

const meanOf = (d: { values: number[]; weights: number[] }) =>
  d.values.reduce((s, v, i) => s + v * d.weights[i], 0) / d.weights.reduce((s, w) => s + w, 0);

/** KS distance between the sample's distribution function and the distribution's, at every value. */
function ksToDistribution(sample: Int32Array, d: { values: number[]; weights: number[] }): number {
  const sorted = Int32Array.from(sample).sort();
  const total = d.weights.reduce((s, w) => s + w, 0);
  let cdf = 0, j = 0, ks = 0;
  d.values.forEach((v, i) => {
    cdf += d.weights[i] / total;
    while (j < sorted.length && sorted[j] <= v) j++;
    ks = Math.max(ks, Math.abs(j / sorted.length - cdf));
  });
  return ks;
}

function friendships(network: object, circles: { name: string; size: number }[], replicate = 0) {
  const s = loadScenario({ name: "deg", horizon: 1, seed: 5, population: { circles: circles.map((c) => ({ ...c, kols: 0 })) }, network: { kind: "circles", brand: { followerShare: 0 }, ...network } });
  const w = buildWorld(s, replicate);
  return { w, simple: undirectedSimple(w.net.csr, w.pop.consumers) };
}

describe("empirical degree distributions", () => {
  it("stratified draws hit every stratum once: each value's count is within 1 of N·p", () => {
    const d = { values: [1, 2, 5, 10, 40], weights: [40, 25, 20, 10, 5] };
    const N = 1000;
    const theta = new Float64Array(N);
    empiricalPropensities(d, theta, 0, N, stream(3));
    d.values.forEach((v, i) => {
      const count = theta.filter((x) => x === v).length;
      expect(Math.abs(count - (N * d.weights[i]) / 100)).toBeLessThanOrEqual(1);
    });
  });

  it("systematic rounding gives floors or ceilings of each share, summing to the total", () => {
    const theta = Float64Array.from({ length: 500 }, (_, i) => 1 + (i % 7) * 0.37);
    const k = new Int32Array(500);
    roundedStubs(theta, k, 0, 500, 1234, stream(9));
    expect(k.reduce((a, b) => a + b, 0)).toBe(1234);
    const scale = 1234 / theta.reduce((a, b) => a + b, 0);
    for (let i = 0; i < 500; i++) {
      expect(k[i]).toBeGreaterThanOrEqual(Math.floor(theta[i] * scale));
      expect(k[i]).toBeLessThanOrEqual(Math.ceil(theta[i] * scale));
    }
  });

  it("a generated network reproduces the given degree distribution (KS below the 5 % critical value 1.36/√N)", () => {
    // An i.i.d. sample of N degrees passes 1.36/√N in 95 % of cases; the generator does better (stratified
    // draws put the targets within 1/N of the distribution, and only stubs it cannot pair move a degree),
    // so this bound is comfortable for it and fails for Pareto or Poisson degrees (KS > 0.1 here).
    const d = skewed();
    const N = 5000;
    const { simple } = friendships({ degrees: d, meanDegree: meanOf(d) }, [{ name: "a", size: N }]);
    const deg = degrees(simple);
    expect(ksToDistribution(deg, d)).toBeLessThan(1.36 / Math.sqrt(N));
    // Isolates (value 0, 2 % of the weight) stay isolated: the Poisson draws of independent ties would add some.
    const isolated = deg.filter((k) => k === 0).length / N;
    expect(Math.abs(isolated - d.weights[0] / d.weights.reduce((s, w) => s + w, 0))).toBeLessThan(1.36 / Math.sqrt(N));
  });

  it("one distribution per circle, with mixing: each circle keeps its own degrees and the in-circle share holds", () => {
    const a = { values: [2, 3, 4], weights: [1, 2, 1] };
    const b = skewed();
    const sizes = [3000, 2000];
    const { w, simple } = friendships(
      { degrees: [a, b], meanDegrees: [meanOf(a), meanOf(b)], mixing: [[0.8, 0.2], [0.2 * (3000 * 3) / (2000 * meanOf(b)), 1 - 0.2 * (3000 * 3) / (2000 * meanOf(b))]] },
      [{ name: "a", size: sizes[0] }, { name: "b", size: sizes[1] }],
    );
    const deg = degrees(simple);
    expect(ksToDistribution(deg.subarray(0, 3000), a)).toBeLessThan(1.36 / Math.sqrt(3000));
    expect(ksToDistribution(deg.subarray(3000), b)).toBeLessThan(1.36 / Math.sqrt(2000));
    // Circle a: 80 % of its 9,000 tie ends inside; b's row is set so that both sides agree on the cross ties.
    let inside = 0, ends = 0;
    for (let i = 0; i < 3000; i++)
      for (let e = simple.offsets[i]; e < simple.offsets[i + 1]; e++, ends++) if (w.pop.circle[simple.targets[e]] === 0) inside++;
    expect(Math.abs(inside / ends - 0.8)).toBeLessThan(0.01);
    const endsB = 2000 * meanOf(b);
    expect(Math.abs(inCircleShare(simple, w.pop.circle) - (9000 * 0.8 + endsB - 1800) / (9000 + endsB))).toBeLessThan(0.01);
  });

  it("is deterministic: the same seed gives the same CSR, another replicate another network", () => {
    const net = { degrees: skewed(), meanDegree: 6, closure: 0.5 };
    const one = friendships(net, [{ name: "a", size: 800 }, { name: "b", size: 400 }]).w.net.csr;
    const two = friendships(net, [{ name: "a", size: 800 }, { name: "b", size: 400 }]).w.net.csr;
    expect(two.offsets).toEqual(one.offsets);
    expect(two.targets).toEqual(one.targets);
    expect(two.tieClass).toEqual(one.tieClass);
    expect(two.classWeight).toEqual(one.classWeight);
    const other = friendships(net, [{ name: "a", size: 800 }, { name: "b", size: 400 }], 1).w.net.csr;
    expect(other.targets).not.toEqual(one.targets);
  });
});
