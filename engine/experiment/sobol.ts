/**
 * Variance-based sensitivity: Sobol' low-discrepancy points (Joe & Kuo 2008 direction numbers),
 * Saltelli's sampling scheme and the first- and total-order estimators of Saltelli et al. (2010),
 * Table 2 (f), and Jansen (1999), with bootstrap confidence intervals as SALib reports them.
 */
import { uniform } from "../core/rng/hash.ts";

/**
 * Joe & Kuo's new-joe-kuo-6.21201 direction numbers for dimensions 2–32: [s, a, m_1 … m_s]
 * (degree, polynomial coefficients, initial direction numbers). Dimension 1 is van der Corput.
 */
const JOE_KUO: readonly (readonly number[])[] = [
  [1, 0, 1], [2, 1, 1, 3], [3, 1, 1, 3, 1], [3, 2, 1, 1, 1], [4, 1, 1, 1, 3, 3], [4, 4, 1, 3, 5, 13],
  [5, 2, 1, 1, 5, 5, 17], [5, 4, 1, 1, 5, 5, 5], [5, 7, 1, 1, 7, 11, 19], [5, 11, 1, 1, 5, 1, 1],
  [5, 13, 1, 1, 1, 3, 11], [5, 14, 1, 3, 5, 5, 31], [6, 1, 1, 3, 3, 9, 7, 49], [6, 13, 1, 1, 1, 15, 21, 21],
  [6, 16, 1, 3, 1, 13, 27, 49], [6, 19, 1, 1, 1, 15, 7, 5], [6, 22, 1, 3, 1, 15, 13, 25], [6, 25, 1, 1, 5, 5, 19, 61],
  [7, 1, 1, 3, 7, 11, 23, 15, 103], [7, 4, 1, 3, 7, 13, 13, 15, 69], [7, 7, 1, 1, 3, 13, 7, 35, 63],
  [7, 8, 1, 3, 5, 9, 1, 25, 53], [7, 14, 1, 3, 1, 13, 9, 35, 107], [7, 19, 1, 3, 1, 5, 27, 61, 31],
  [7, 21, 1, 1, 5, 11, 19, 41, 61], [7, 28, 1, 3, 5, 3, 3, 13, 69], [7, 31, 1, 1, 7, 13, 1, 19, 1],
  [7, 32, 1, 3, 7, 5, 13, 19, 59], [7, 37, 1, 1, 3, 9, 25, 29, 41], [7, 41, 1, 3, 5, 13, 23, 1, 55],
  [7, 42, 1, 3, 7, 3, 13, 59, 17],
];
export const MAX_SOBOL_DIMENSIONS = JOE_KUO.length + 1;

const BITS = 32;

/** Direction numbers V[1..32] of one dimension, scaled by 2^32 (Joe & Kuo's recurrence). */
function directions(dim: number): Uint32Array {
  const v = new Uint32Array(BITS + 1);
  if (dim === 0) {
    for (let i = 1; i <= BITS; i++) v[i] = 0x80000000 >>> (i - 1); // 2^(32 − i)
    return v;
  }
  const [s, a, ...m] = JOE_KUO[dim - 1];
  for (let i = 1; i <= Math.min(s, BITS); i++) v[i] = (m[i - 1] * (0x80000000 >>> (i - 1))) >>> 0;
  for (let i = s + 1; i <= BITS; i++) {
    let x = (v[i - s] ^ (v[i - s] >>> s)) >>> 0;
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x = (x ^ v[i - k]) >>> 0;
    v[i] = x;
  }
  return v;
}

/** The first n points of the unscrambled Sobol' sequence in `dims` dimensions (point 0 is the origin). */
export function sobolSequence(n: number, dims: number): Float64Array[] {
  if (dims < 1 || dims > MAX_SOBOL_DIMENSIONS) throw new RangeError(`Sobol' sequence: dims must be 1–${MAX_SOBOL_DIMENSIONS}`);
  const v = Array.from({ length: dims }, (_, d) => directions(d));
  const x = new Uint32Array(dims);
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // c = 1-based position of the lowest zero bit of i − 1 (Gray-code order).
      let c = 1;
      for (let value = i - 1; value & 1; value >>>= 1) c++;
      for (let d = 0; d < dims; d++) x[d] = (x[d] ^ v[d][c]) >>> 0;
    }
    out.push(Float64Array.from(x, (w) => w / 4294967296));
  }
  return out;
}

/**
 * Saltelli's sample for first- and total-order indices: n base points of a 2k-dimensional Sobol'
 * sequence split into A (first k) and B (last k); for each j the block A_j, AB_j^(1) … AB_j^(k), B_j,
 * where AB^(i) is A with column i from B. n·(k + 2) points in [0, 1)^k (SALib's order).
 */
export function saltelli(n: number, k: number): Float64Array[] {
  const base = sobolSequence(n, 2 * k);
  const out: Float64Array[] = [];
  for (const row of base) {
    const a = row.subarray(0, k);
    const b = row.subarray(k, 2 * k);
    out.push(Float64Array.from(a));
    for (let i = 0; i < k; i++) {
      const ab = Float64Array.from(a);
      ab[i] = b[i];
      out.push(ab);
    }
    out.push(Float64Array.from(b));
  }
  return out;
}

export interface SobolIndex {
  /** First-order index S_i and total-order index ST_i, with 95% bootstrap half-widths. */
  S1: number;
  S1conf: number;
  ST: number;
  STconf: number;
}

/** z of a two-sided 95% normal interval. */
const Z95 = 1.959963984540054;

function estimate(y: Float64Array, k: number, rows: ArrayLike<number>, i: number): { s1: number; st: number } {
  const n = rows.length;
  const stride = k + 2;
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[rows[r] * stride] + y[rows[r] * stride + k + 1];
  mean /= 2 * n;
  let variance = 0;
  let first = 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = rows[r] * stride;
    const fa = y[o];
    const fb = y[o + k + 1];
    const fab = y[o + 1 + i];
    variance += (fa - mean) * (fa - mean) + (fb - mean) * (fb - mean);
    first += fb * (fab - fa);
    total += (fa - fab) * (fa - fab);
  }
  variance /= 2 * n;
  return { s1: first / n / variance, st: total / (2 * n) / variance };
}

/**
 * Sobol indices of each of the k parameters from outputs y in saltelli() order (length n·(k + 2)).
 * Confidence half-widths come from `bootstrap` resamples of the n blocks, drawn from `key` (the
 * bootstrap ignores the quasi-random structure, so they are conservative). NaN when the output does
 * not vary.
 */
export function sobolIndices(raw: Float64Array, k: number, bootstrap = 1000, key = 0): SobolIndex[] {
  const n = raw.length / (k + 2);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`sobolIndices: expected n·(k + 2) outputs, got ${raw.length} for k = ${k}`);
  // Centre the outputs first (as SALib does): the first-order estimator's variance grows with the mean.
  let mean = 0;
  for (const v of raw) mean += v / raw.length;
  const y = raw.map((v) => v - mean);
  const all = Int32Array.from({ length: n }, (_, j) => j);
  const resamples = Array.from({ length: bootstrap }, (_, b) => Int32Array.from({ length: n }, (_, j) => Math.floor(uniform(key, b, j, 0x5a17) * n)));
  return Array.from({ length: k }, (_, i) => {
    const { s1, st } = estimate(y, k, all, i);
    const b1 = new Float64Array(bootstrap);
    const bt = new Float64Array(bootstrap);
    resamples.forEach((rows, b) => {
      const e = estimate(y, k, rows, i);
      b1[b] = e.s1;
      bt[b] = e.st;
    });
    return { S1: s1, S1conf: Z95 * sd(b1), ST: st, STconf: Z95 * sd(bt) };
  });
}

/** Sample standard deviation (n − 1); NaN for fewer than two values. */
function sd(x: Float64Array): number {
  if (x.length < 2) return NaN;
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return Math.sqrt(s / (x.length - 1));
}
