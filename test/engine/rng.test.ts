import { describe, expect, it } from "vitest";
import { hash1, hash3, uniform } from "../../engine/core/rng/hash.ts";
import { deriveKey, masterKey, replicateKey } from "../../engine/core/rng/seed.ts";
import { stream } from "../../engine/core/rng/stream.ts";
import { beta, gamma, Geometric, geometricFromUniform, geometricSkip, GeometricSkips, normal } from "../../engine/core/rng/samplers.ts";
import { buildAlias, drawAlias } from "../../engine/core/rng/alias.ts";
import { normalCdf, normalQuantile } from "../../engine/core/rng/normal.ts";
import { log1p } from "../../engine/core/libm/log.ts";
import { thresholdSampler } from "../../engine/core/models/thresholds.ts";

// With n = 10^5 uniform draws the mean's standard error is sqrt(1/12/n) ≈ 9.1e-4; 5 SE ≈ 0.0046.
const N = 100_000;

function moments(xs: ArrayLike<number>) {
  let s = 0, s2 = 0;
  for (let i = 0; i < xs.length; i++) (s += xs[i]), (s2 += xs[i] * xs[i]);
  const mean = s / xs.length;
  return { mean, variance: s2 / xs.length - mean * mean };
}

describe("counter-based hash", () => {
  it("is a pure function of its words and differs when any word changes", () => {
    expect(hash3(1, 2, 3, 4)).toBe(hash3(1, 2, 3, 4));
    const base = hash3(1, 2, 3, 4);
    expect(new Set([base, hash3(2, 2, 3, 4), hash3(1, 3, 3, 4), hash3(1, 2, 4, 4), hash3(1, 2, 3, 5)]).size).toBe(5);
  });

  it("gives uniform draws over consecutive counters (mean, variance, 20-bin chi-square)", () => {
    const xs = Float64Array.from({ length: N }, (_, i) => uniform(12345, 7, i, 0));
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    // Var of the sample variance of U(0,1) ≈ 1/180/n → SE ≈ 2.4e-4; 5 SE ≈ 0.0012.
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.0012);
    const bins = new Float64Array(20);
    for (const x of xs) bins[Math.floor(x * 20)]++;
    const e = N / 20;
    const chi2 = bins.reduce((a, o) => a + ((o - e) * (o - e)) / e, 0);
    expect(chi2).toBeLessThan(43.8); // 99.9th percentile of chi-square with 19 degrees of freedom
  });

  it("the one-word hash1 is uniform over consecutive counters too (it draws IC ties)", () => {
    const xs = Float64Array.from({ length: N }, (_, i) => hash1(777, i) / 4294967296);
    expect(Math.abs(moments(xs).mean - 0.5)).toBeLessThan(0.0046);
    const bins = new Float64Array(20);
    for (const x of xs) bins[Math.floor(x * 20)]++;
    const e = N / 20;
    expect(bins.reduce((a, o) => a + ((o - e) * (o - e)) / e, 0)).toBeLessThan(43.8); // χ²(19) 99.9th percentile
  });

  it("has no lag-1 correlation between neighbouring counters", () => {
    const xs = Float64Array.from({ length: N }, (_, i) => uniform(99, i, 0, 0));
    let c = 0;
    for (let i = 1; i < N; i++) c += (xs[i] - 0.5) * (xs[i - 1] - 0.5);
    const r = c / (N - 1) / (1 / 12);
    expect(Math.abs(r)).toBeLessThan(5 / Math.sqrt(N)); // 5 SE of a null correlation
  });
});

describe("seeding scheme", () => {
  it("derives the same keys for the same seed and different keys otherwise", () => {
    expect(masterKey(42)).toBe(masterKey(42));
    expect(masterKey(42)).not.toBe(masterKey(43));
    expect(replicateKey(42, 0)).not.toBe(replicateKey(42, 1));
    expect(deriveKey(5, 1, 0)).not.toBe(deriveKey(5, 2, 0));
  });

  it("gives every seed below 100 000 its own master key (ARC4 key repetition: 1, 11, 111 must differ)", () => {
    const keys = new Set<number>();
    for (let seed = 0; seed < 100_000; seed++) keys.add(masterKey(seed));
    // 10^5 keys in a 2^32 space: the chance of any birthday collision is about n²/2^33 ≈ 1.2 %,
    // so a few duplicates would be chance but a structural repeat would show up as many.
    expect(keys.size).toBeGreaterThanOrEqual(99_998);
    expect(new Set([1, 11, 111, 12, 1212].map(masterKey)).size).toBe(5);
  });
});

describe("samplers", () => {
  it("sfc32 stream is uniform and reproducible", () => {
    const a = stream(7), b = stream(7);
    const xs = Float64Array.from({ length: N }, () => a());
    expect(b()).toBe(xs[0]);
    expect(Math.abs(moments(xs).mean - 0.5)).toBeLessThan(0.0046);
  });

  it("normal(0,1) has mean 0 and variance 1", () => {
    const g = normal(stream(1));
    const m = moments(Float64Array.from({ length: N }, () => g()));
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N)); // SE = 1/sqrt(n)
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / N)); // SE of variance = sqrt(2/n)
  });

  it("the ziggurat normal follows Φ (Kolmogorov–Smirnov) in the body, the wedges and the tail beyond R", () => {
    const M = 400_000;
    const g = normal(stream(21));
    const xs = Float64Array.from({ length: M }, () => g()).sort();
    let d = 0;
    for (let i = 0; i < M; i++) d = Math.max(d, Math.abs(normalCdf(xs[i]) - i / M), Math.abs(normalCdf(xs[i]) - (i + 1) / M));
    expect(d).toBeLessThan(1.95 / Math.sqrt(M)); // KS critical value at the 0.1 % level
    // The base layer's tail (|x| > R = 3.4426): about 226 draws expected; 5 SE ≈ 75.
    const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length;
    const expected = 2 * normalCdf(-3.442619855899) * M;
    expect(Math.abs(tail - expected)).toBeLessThan(5 * Math.sqrt(expected));
    expect(xs.filter((x) => x > 3.442619855899).length).toBeGreaterThan(0.35 * expected); // both tails, not one
    expect(xs.filter((x) => x < -3.442619855899).length).toBeGreaterThan(0.35 * expected);
  });

  it.each([0.5, 2, 7])("gamma(%f) has mean k and variance k", (k) => {
    const g = gamma(stream(3));
    const m = moments(Float64Array.from({ length: N }, () => g(k)));
    expect(Math.abs(m.mean - k)).toBeLessThan(5 * Math.sqrt(k / N));
    expect(Math.abs(m.variance - k) / k).toBeLessThan(0.05); // relative SE of the variance ≈ sqrt((2 + 6/k)/n) ≤ 0.011
  });

  it.each([[2, 5], [0.7, 1.3], [5, 3]])("beta(%f, %f) has the right mean and variance", (a, b) => {
    const g = beta(stream(4));
    const m = moments(Float64Array.from({ length: N }, () => g(a, b)));
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / N));
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.03);
  });

  it("geometric has mean (1 − p)/p", () => {
    const p = 0.2;
    const xs = Float64Array.from({ length: N }, (_, i) => geometricFromUniform(uniform(8, i, 0, 0), p));
    const sd = Math.sqrt(1 - p) / p;
    expect(Math.abs(moments(xs).mean - (1 - p) / p)).toBeLessThan((5 * sd) / Math.sqrt(N));
    expect(geometricFromUniform(0.5, 1)).toBe(0);
    expect(geometricFromUniform(0.5, 0)).toBe(Infinity);
  });

  it("GeometricSkips gives geometricSkip's skips, on and around every boundary of its table too", () => {
    const f64 = new Float64Array(1), i64 = new BigInt64Array(f64.buffer);
    const step = (x: number, n: number) => ((f64[0] = x), (i64[0] += BigInt(n)), f64[0]); // n ulps up (x > 0)
    let checked = 0, mismatches = 0;
    for (const p of [1 / 12, 0.1, 0.2, 0.32, 1 / 3, 0.5, 0.8, 0.999, 1 - 2 ** -20, 0.05, 1e-4]) {
      const skips = new GeometricSkips(p), lnq = log1p(-p);
      const same = (u: number) => {
        checked++;
        if (skips.skip(u) !== geometricSkip(u, lnq)) mismatches++;
      };
      for (let i = 0; i < 20_000; i++) same(uniform(9, i, 0, 0));
      same(0);
      // Near boundary k: where the formula turns from k − 1 to k (1 − q^k in exact arithmetic), within
      // a few hundred ulps and at multiples of the table's guard.
      let qk = 1;
      for (let k = 1; k <= 40 && qk > 2 ** -30; k++) {
        qk *= 1 - p;
        const b = 1 - qk;
        for (let n = -300; n <= 300; n++) if (b > 0) same(step(b, n));
        for (const g of [0.25, 0.5, 0.99, 1, 1.01, 2, 4]) for (const sign of [-1, 1]) same(b + sign * g * qk * 2 ** -24);
      }
    }
    expect(checked).toBeGreaterThan(300_000);
    expect(mismatches).toBe(0);
  });

  it("Geometric(p) draws what geometricFromUniform(u, p) gives, for every p a run can hold (0 and 1 included)", () => {
    for (const p of [0, 1e-4, 0.05, 1 / 12, 0.2, 0.5, 2 / 3, 0.999, 1, 1.5]) {
      const g = new Geometric(p);
      for (let i = 0; i < 5000; i++) {
        const u = uniform(11, i, 0, 0);
        expect(g.of(u), `p ${p}, u ${u}`).toBe(geometricFromUniform(u, p));
      }
      expect(g.of(0)).toBe(geometricFromUniform(0, p));
    }
  });

  it("Φ and Φ⁻¹ match published values and invert each other, deep into the lower tail", () => {
    // Φ at −1, −2, −3, −5, −10 (Abramowitz & Stegun 26.2, R's pnorm to 16 digits): relative error < 1e-12.
    const table: [number, number][] = [[-1, 0.15865525393145707], [-2, 0.022750131948179195], [-3, 0.0013498980316301035], [-5, 2.866515718791939e-7], [-10, 7.619853024160527e-24]];
    for (const [x, p] of table) expect(Math.abs(normalCdf(x) / p - 1), `Φ(${x})`).toBeLessThan(1e-12);
    expect(normalCdf(1.5) + normalCdf(-1.5)).toBeCloseTo(1, 15);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    for (const p of [1e-300, 1e-20, 1e-5, 0.01, 0.3, 0.5, 0.8, 1 - 1e-9]) expect(Math.abs(normalCdf(normalQuantile(p)) / p - 1), `p = ${p}`).toBeLessThan(1e-12);
    expect(normalQuantile(0)).toBe(-Infinity);
  });

  it("truncated normal thresholds have the truncated law's mean and stay inside [min, max]", () => {
    // Normal(0.3, 0.2) on [0, 1]: mean μ + σ(φ(a) − φ(b))/(Φ(b) − Φ(a)), a = −1.5, b = 3.5 → 0.32758.
    const draw = thresholdSampler({ kind: "normal", mean: 0.3, sd: 0.2, min: 0, max: 1 }, 11);
    const xs = Float64Array.from({ length: N }, (_, i) => draw(i));
    const pdf = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const mean = 0.3 + (0.2 * (pdf(-1.5) - pdf(3.5))) / (normalCdf(3.5) - normalCdf(-1.5));
    const m = moments(xs);
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(m.variance / N));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    // Far in the upper tail (the interval is mirrored into the lower one): Normal(0, 1) on [4, 5].
    const tail = thresholdSampler({ kind: "normal", mean: 0, sd: 1, min: 4, max: 5 }, 12);
    const ts = Float64Array.from({ length: 1000 }, (_, i) => tail(i));
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...ts)).toBeLessThanOrEqual(5);
    const mt = moments(ts);
    expect(Math.abs(mt.mean - (pdf(4) - pdf(5)) / (normalCdf(-4) - normalCdf(-5)))).toBeLessThan(5 * Math.sqrt(mt.variance / ts.length));
  });

  it("alias table draws in proportion to weights", () => {
    const w = [1, 0, 3, 6];
    const t = buildAlias(w);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[drawAlias(t, uniform(1, i, 0, 0), uniform(1, i, 1, 0))]++;
    expect(counts[1]).toBe(0);
    w.forEach((wi, k) => {
      const p = wi / 10;
      expect(Math.abs(counts[k] / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N) + 1e-12);
    });
  });
});
