/** Statistics across replicates: mean, median, p5 and p95 (quantiles by linear interpolation, Hyndman–Fan type 7). */

export interface Stat {
  mean: number;
  median: number;
  p5: number;
  p95: number;
}

export const STAT_NAMES = ["mean", "median", "p5", "p95"] as const;

export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Summarise values (NaN entries, e.g. a ratio over zero, are left out; all-NaN gives NaN). */
export function stat(values: ArrayLike<number>): Stat {
  const v = Float64Array.from(values).filter((x) => !Number.isNaN(x)).sort();
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  return { mean: v.length ? sum / v.length : NaN, median: quantileSorted(v, 0.5), p5: quantileSorted(v, 0.05), p95: quantileSorted(v, 0.95) };
}

/** Per-tick statistics of R series of equal length: columns[k][t]. */
export function statSeries(columns: ArrayLike<number>[]): Record<(typeof STAT_NAMES)[number], Float64Array> {
  const rows = columns[0]?.length ?? 0;
  const out = { mean: new Float64Array(rows), median: new Float64Array(rows), p5: new Float64Array(rows), p95: new Float64Array(rows) };
  const buf = new Float64Array(columns.length);
  for (let t = 0; t < rows; t++) {
    for (let r = 0; r < columns.length; r++) buf[r] = columns[r][t];
    const st = stat(buf);
    out.mean[t] = st.mean;
    out.median[t] = st.median;
    out.p5[t] = st.p5;
    out.p95[t] = st.p95;
  }
  return out;
}
