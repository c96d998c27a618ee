/**
 * Distribution samplers as factories over an explicit source (d3-random style): `gamma(rng)(k)`.
 * Each is tested for mean and variance (the normal also by Kolmogorov–Smirnov) in test/engine/rng.test.ts.
 */
import { log, log1p } from "../libm/log.ts";
import { pow } from "../libm/pow.ts";
import { exp } from "../libm/exp.ts";
import type { Rng, Uniform } from "./stream.ts";
import { uniform } from "./hash.ts";

/**
 * Ziggurat tables (Marsaglia & Tsang 2000, in Doornik's 2005 form): 128 layers of equal area V under
 * the half normal density, the base layer holding the tail beyond R. X[i] is layer i's right edge
 * (X[0] = V/f(R) stands for the base, X[128] = 0) and RATIO[i] = X[i + 1] / X[i]: a point that falls
 * inside the next layer up is accepted without evaluating the density. Built once with libm, so the
 * tables have the same bits everywhere.
 */
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
{
  let f = exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * log(ZIG_V / ZIG_X[i - 1] + f));
    f = exp(-0.5 * ZIG_X[i] * ZIG_X[i]);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) ZIG_RATIO[i] = ZIG_X[i + 1] / ZIG_X[i];
}

/**
 * Standard normal by the ziggurat: two uniforms (the layer from one, the signed abscissa from the
 * other, so the layer and the value never share bits) and no logarithm or cosine in about 99 % of
 * draws; the wedges test the density, the base layer draws Marsaglia's exponential tail.
 *
 * The samplers are classes over a Uniform: hot loops (population traits) call them on an Sfc32, one
 * monomorphic class whose methods V8 inlines. As closures made per call, they were new call targets
 * each time: V8 deoptimised and compiled them again in every worker, and boxed every double returned.
 */
export class Normal {
  constructor(private readonly u: Uniform) {}

  standard(): number {
    const u = this.u;
    for (;;) {
      const layer = Math.floor(u.next() * ZIG_LAYERS);
      const v = 2 * u.next() - 1;
      if (Math.abs(v) < ZIG_RATIO[layer]) return v * ZIG_X[layer];
      if (layer === 0) {
        let x: number, y: number;
        do {
          x = log(1 - u.next()) / ZIG_R;
          y = log(1 - u.next());
        } while (-2 * y < x * x);
        return v < 0 ? x - ZIG_R : ZIG_R - x;
      }
      const x = v * ZIG_X[layer];
      const f0 = exp(-0.5 * (ZIG_X[layer] * ZIG_X[layer] - x * x));
      const f1 = exp(-0.5 * (ZIG_X[layer + 1] * ZIG_X[layer + 1] - x * x));
      if (f1 + u.next() * (f0 - f1) < 1) return x;
    }
  }
}

/** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); shape < 1 via the u^(1/k) boost. */
export class Gamma {
  private readonly norm: Normal;

  constructor(private readonly u: Uniform) {
    this.norm = new Normal(u);
  }

  sample(k: number): number {
    // (1 − u)^(1/k) as e^(ln(1 − u)/k): the same boost without pow's cost.
    if (k < 1) return this.sample(k + 1) * exp(log1p(-this.u.next()) / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.norm.standard();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.u.next();
      // Marsaglia & Tsang's squeeze: inside the acceptance region, so it only skips the two logarithms.
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (log(u) < 0.5 * x2 + d - d * v + d * log(v)) return d * v;
    }
  }
}

/** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export class Beta {
  private readonly g: Gamma;

  constructor(u: Uniform) {
    this.g = new Gamma(u);
  }

  sample(a: number, b: number): number {
    const x = this.g.sample(a);
    const y = this.g.sample(b);
    return x / (x + y);
  }
}

/** Normal(mu, sigma) draws from rng, as a function (d3-random style). */
export function normal(rng: Rng) {
  const n = new Normal({ next: rng });
  return (mu = 0, sigma = 1): number => mu + sigma * n.standard();
}

/** Gamma(k) draws from rng, as a function. */
export function gamma(rng: Rng) {
  const g = new Gamma({ next: rng });
  return (k: number): number => g.sample(k);
}

/** Beta(a, b) draws from rng, as a function. */
export function beta(rng: Rng) {
  const s = new Beta({ next: rng });
  return (a: number, b: number): number => s.sample(a, b);
}

/**
 * Number of failures before the first success of a Bernoulli(p) process, from one uniform u:
 * floor(ln(1-u) / ln(1-p)). p = 1 gives 0; p = 0 gives Infinity.
 */
export function geometricFromUniform(u: number, p: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return Infinity;
  return geometricSkip(u, log1p(-p));
}

/** geometricFromUniform for 0 < p < 1 given ln(1 − p) = log1p(−p), for loops that draw many with one p. */
export function geometricSkip(u: number, lnq: number): number {
  return Math.floor(log1p(-u) / lnq);
}

/**
 * geometricSkip for one p, most draws without the logarithm. The skip is k for u between the
 * boundaries b_k = 1 − q^k and b_(k+1) (q = 1 − p); the formula's roundings (log1p within 1 ulp, the
 * division, q^k by products) move where it changes from k to k + 1 by less than q^k · 2⁻⁴⁰. So a u
 * further than GUARD · q^k from every boundary gets k from the table, and one within it, or past the
 * table, gets the formula: the same skips, bit for bit (test/engine/rng.test.ts tries u on and around
 * every boundary). The table stops where q^k < 2⁻¹⁶, well before the guard nears the rounding of u.
 */
export class GeometricSkips {
  private readonly lnq: number;
  /** Boundary k + 1 (k = 0 … K − 1): u below[k] is certainly under it, u above[k] or more certainly not. */
  private readonly below: Float64Array;
  private readonly above: Float64Array;

  /** 0 < p < 1. A p under 1/12 keeps no table: its skips are long, and the scan would pass the table. */
  constructor(p: number) {
    this.lnq = log1p(-p);
    const q = 1 - p;
    const below: number[] = [], above: number[] = [];
    // q^(k + 1) as a running product
    for (let qk = q; p >= 1 / 12 && below.length < SKIP_TABLE && qk >= 1 / 65536; qk *= q) {
      below.push(1 - qk - SKIP_GUARD * qk);
      above.push(1 - qk + SKIP_GUARD * qk);
    }
    this.below = Float64Array.from(below);
    this.above = Float64Array.from(above);
  }

  /** skip(uniform(key, a, b, c)), the draw made here: a double passed to a call V8 does not inline is boxed. */
  skipAt(key: number, a: number, b: number, c: number): number {
    return this.skip(uniform(key, a, b, c));
  }

  /** floor(log1p(−u) / log1p(−p)), as geometricSkip(u, log1p(−p)) gives it. */
  skip(u: number): number {
    const { below, above } = this;
    for (let k = 0; k < below.length; k++) {
      if (u < below[k]) return k;
      if (u < above[k]) break; // near boundary k + 1: the formula decides
    }
    return Math.floor(log1p(-u) / this.lnq);
  }
}
const SKIP_TABLE = 32;
const SKIP_GUARD = 1 / 16777216; // 2⁻²⁴

/**
 * geometricFromUniform(u, p) for one p drawn many times (a run's delays): GeometricSkips's table where
 * 0 < p < 1, so most draws take no logarithm; the same numbers, bit for bit.
 */
export class Geometric {
  private readonly skips: GeometricSkips | undefined;
  private readonly edge: number;

  constructor(p: number) {
    this.skips = p > 0 && p < 1 ? new GeometricSkips(p) : undefined;
    this.edge = p >= 1 ? 0 : Infinity;
  }

  of(u: number): number {
    return this.skips !== undefined ? this.skips.skip(u) : this.edge;
  }
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
