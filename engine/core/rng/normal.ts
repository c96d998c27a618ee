/**
 * The standard normal distribution function Φ and its inverse, to near machine precision in the
 * lower tail (what truncated sampling by inversion needs): a Taylor series near the mean, Laplace's
 * continued fraction for the Mills ratio beyond 3 standard deviations, and Halley's iteration for
 * the inverse.
 */

import { exp } from "../libm/exp.ts";
import { log } from "../libm/log.ts";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function normalPdf(x: number): number {
  return exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x) = P(Z ≤ x); relative error about 1e-13 for x ≤ 0 (Φ(−37) ≈ 6e-300 is still resolved). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 0) return 1 - normalCdf(-x);
  if (x > -3) {
    // Φ(x) = 1/2 + φ(x) · Σ x^{2n+1} / (1·3·…·(2n+1))
    let term = x, sum = x;
    for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (x * x) / (2 * n + 1);
      sum += term;
    }
    return 0.5 + normalPdf(x) * sum;
  }
  if (x < -38.5) return 0;
  // Φ(x) = φ(x) / (z + 1/(z + 2/(z + 3/(z + …)))), z = −x ≥ 3, evaluated from the tail.
  const z = -x;
  let f = z;
  for (let k = 80; k >= 1; k--) f = z + k / f;
  return normalPdf(x) / f;
}

/** Φ⁻¹(p) for 0 < p < 1 (±Infinity at 0 and 1): a rational first guess refined by Halley steps on normalCdf. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) as the starting point.
  const t = Math.sqrt(-2 * log(p));
  let x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  for (let k = 0; k < 8; k++) {
    const e = normalCdf(x) - p;
    const d = normalPdf(x);
    if (d === 0) break;
    const u = e / d;
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}
