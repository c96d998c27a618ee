/**
 * Distribution samplers as factories over an explicit source (d3-random style): `gamma(rng)(k)`.
 * Each is tested for mean and variance in test/engine/samplers.test.ts.
 */
import { log, log1p } from "../libm/log.ts";
import { pow } from "../libm/pow.ts";
import { cos } from "../libm/trig.ts";
import type { Rng } from "./stream.ts";

/** Standard normal by Box–Muller (one of the pair is used; simpler and stateless). */
export function normal(rng: Rng) {
  return (mu = 0, sigma = 1): number => {
    const u = 1 - rng(); // (0, 1]
    const v = rng();
    return mu + sigma * Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
  };
}

/** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/k) boost. */
export function gamma(rng: Rng) {
  const norm = normal(rng);
  const sample = (k: number): number => {
    if (k < 1) return sample(k + 1) * pow(1 - rng(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = norm();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - rng();
      // Marsaglia & Tsang's squeeze: inside the acceptance region, so it only skips the two logarithms.
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (log(u) < 0.5 * x2 + d - d * v + d * log(v)) return d * v;
    }
  };
  return sample;
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng) {
  const g = gamma(rng);
  return (a: number, b: number): number => {
    const x = g(a);
    const y = g(b);
    return x / (x + y);
  };
}

/**
 * Number of failures before the first success of a Bernoulli(p) process, from one uniform u:
 * floor(ln(1-u) / ln(1-p)). p = 1 gives 0; p = 0 gives Infinity.
 */
export function geometricFromUniform(u: number, p: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return Infinity;
  return Math.floor(log1p(-u) / log1p(-p));
}

/** Pareto (type I) with minimum 1 and tail exponent `alpha` (> 1 for a finite mean). */
export function pareto(rng: Rng) {
  return (alpha: number): number => pow(1 - rng(), -1 / alpha);
}

/** Fisher–Yates shuffle of a[lo, hi) in place, drawing from the last position down. */
export function shuffleRange(a: Int32Array, lo: number, hi: number, rng: Rng): void {
  for (let r = hi - lo - 1; r > 0; r--) {
    const q = lo + Math.floor(rng() * (r + 1));
    const t = a[lo + r];
    a[lo + r] = a[q];
    a[q] = t;
  }
}
