/**
 * Statistics across replicates: mean, median, p5 and p95 (quantiles by linear interpolation,
 * Hyndman–Fan type 7), and the uncertainty of the mean: sample standard deviation, standard error
 * and a Student-t confidence interval at a chosen level.
 */
import { tCritical } from "./student-t.ts";

export interface Stat {
  mean: number;
  median: number;
  p5: number;
  p95: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN below 2 values. */
  sd: number;
  /** Standard error of the mean, sd / √n. */
  se: number;
  /** Confidence interval of the mean, mean ∓ t·se with t of Student's t at n − 1 degrees of freedom. */
  ciLow: number;
  ciHigh: number;
}

/** The summary statistics, in the order outputs have always written them. */
export const STAT_NAMES = ["mean", "median", "p5", "p95"] as const;
/** The uncertainty of the mean, appended after STAT_NAMES in every output. */
export const UNCERTAINTY_NAMES = ["sd", "se", "ciLow", "ciHigh"] as const;
export type StatName = (typeof STAT_NAMES)[number] | (typeof UNCERTAINTY_NAMES)[number];

/** Default confidence level of the mean's interval (`--ci`). */
export const DEFAULT_CI = 0.95;

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Summarise values (NaN entries, e.g. a ratio over zero, are left out; all-NaN gives NaN).
 * `ci` is the confidence level of the mean's interval.
 */
export function stat(values: ArrayLike<number>, ci = DEFAULT_CI): Stat {
  const v = new Float64Array(values.length);
  return sortedStat(v.subarray(0, numbersOf(values, v)).sort(), ci);
}

/** Copy the values that are numbers (not NaN) into `into`, in order; returns how many. */
function numbersOf(values: ArrayLike<number>, into: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) into[n++] = values[i];
  return n;
}

/** stat() of values already sorted, with no NaN: sums run in sorted order, as they always have. */
function sortedStat(v: Float64Array, ci: number): Stat {
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i];
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - mean) * (v[i] - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const se = sd / Math.sqrt(n);
  const half = tCritical(ci, n - 1) * se;
  return { mean, median: quantileSorted(v, 0.5), p5: quantileSorted(v, 0.05), p95: quantileSorted(v, 0.95), sd, se, ciLow: mean - half, ciHigh: mean + half };
}

/** Every statistic undefined: a metric a plan does not report. */
export const NAN_STAT: Readonly<Stat> = stat([]);

/** Per-tick statistics of R series of equal length: columns[k][t]. */
export function statSeries(columns: ArrayLike<number>[], ci = DEFAULT_CI): Record<StatName, Float64Array> {
  const rows = columns[0]?.length ?? 0;
  const names = [...STAT_NAMES, ...UNCERTAINTY_NAMES];
  const out = Object.fromEntries(names.map((k) => [k, new Float64Array(rows)])) as Record<StatName, Float64Array>;
  const buf = new Float64Array(columns.length), v = new Float64Array(columns.length);
  for (let t = 0; t < rows; t++) {
    for (let r = 0; r < columns.length; r++) buf[r] = columns[r][t];
    const st = sortedStat(v.subarray(0, numbersOf(buf, v)).sort(), ci);
    for (const k of names) out[k][t] = st[k];
  }
  return out;
}
