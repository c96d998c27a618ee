/**
 * Student's t critical values for confidence intervals of a mean: the exact central probability
 * P(|T| ≤ t) of the t distribution with an integer number of degrees of freedom (Abramowitz &
 * Stegun 26.7.3–4, a finite sum), inverted by bisection to the last bit. Exact where a series
 * approximation is not: Cornish–Fisher is 0.7 % short at 3 degrees of freedom.
 */

/** P(|T| ≤ t) for T ~ Student's t with `df` (a positive integer) degrees of freedom, t ≥ 0. */
export function tCentral(t: number, df: number): number {
  if (t === Infinity) return 1;
  const theta = Math.atan(t / Math.sqrt(df));
  const c = Math.cos(theta), c2 = c * c, s = Math.sin(theta);
  if (df % 2 === 1) {
    if (df === 1) return (2 / Math.PI) * theta;
    // θ + sin θ · (cos θ + (2/3) cos³θ + … + (2·4…(df−3))/(3·5…(df−2)) cos^{df−2}θ)
    let term = c, sum = c;
    for (let k = 3; k <= df - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return Math.min(1, (2 / Math.PI) * (theta + s * sum));
  }
  // sin θ · (1 + (1/2) cos²θ + (1·3)/(2·4) cos⁴θ + … + (1·3…(df−3))/(2·4…(df−2)) cos^{df−2}θ)
  let term = 1, sum = 1;
  for (let k = 2; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return Math.min(1, s * sum);
}

const cache = new Map<string, number>();

/**
 * The t with P(|T| ≤ t) = level (0 < level < 1) at `df` degrees of freedom: a two-sided interval
 * mean ± t·se covers the true mean with probability `level`. NaN when df < 1. Memoised: summaries
 * ask for the same few (level, df) pairs at every tick.
 */
export function tCritical(level: number, df: number): number {
  if (!(df >= 1) || !(level > 0 && level < 1)) return NaN;
  const key = `${level}:${df}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let lo = 0, hi = 1;
  while (tCentral(hi, df) < level) hi *= 2;
  for (;;) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (tCentral(mid, df) < level) lo = mid;
    else hi = mid;
  }
  cache.set(key, hi);
  return hi;
}
