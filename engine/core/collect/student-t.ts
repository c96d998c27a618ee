/**
 * Student's t critical values for confidence intervals of a mean: the exact central probability
 * P(|T| ≤ t) of the t distribution with an integer number of degrees of freedom (Abramowitz &
 * Stegun 26.7.3–4, a finite sum), inverted by bisection to the last bit. Exact where a series
 * approximation is not: Cornish–Fisher is 0.7 % short at 3 degrees of freedom.
 */

/**
 * atan(x) for x ≥ 0 from + − × ÷ and √ only, which every JavaScript engine rounds the same way
 * (Math.sin and Math.cos differ in the last bit between Node's V8 and Chromium's): halve the angle
 * with atan(x) = 2·atan(x / (1 + √(1 + x²))) until x ≤ 0.1, then sum the Taylor series.
 */
function atan(x: number): number {
  if (x > 1) return Math.PI / 2 - atan(1 / x);
  let scale = 1;
  while (x > 0.1) {
    x /= 1 + Math.sqrt(1 + x * x);
    scale *= 2;
  }
  const x2 = x * x;
  let power = x, sum = x;
  for (let n = 3; Math.abs(power / n) > 1e-17 * sum; n += 2) {
    power *= -x2;
    sum += power / n;
  }
  return scale * sum;
}

/** P(|T| ≤ t) for T ~ Student's t with `df` (a positive integer) degrees of freedom, t ≥ 0. */
export function tCentral(t: number, df: number): number {
  if (t === Infinity) return 1;
  // θ = atan(t/√df): cos²θ = df / (df + t²), sin θ = t / √(df + t²), in arithmetic and √ alone.
  const r = Math.sqrt(df + t * t);
  const c2 = df / (df + t * t), s = t / r;
  if (df % 2 === 1) {
    const theta = atan(t / Math.sqrt(df));
    if (df === 1) return (2 / Math.PI) * theta;
    // θ + sin θ · (cos θ + (2/3) cos³θ + … + (2·4…(df−3))/(3·5…(df−2)) cos^{df−2}θ)
    let term = Math.sqrt(df) / r, sum = term;
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
