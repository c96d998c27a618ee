/**
 * Paired comparison of plans. Plans of one replicate run on the same world with common random
 * numbers (docs/model.md §8), so per-replicate differences isolate the plans' effect: for each pair
 * we report the mean difference with a 95 % t interval and the share of replicates where one wins.
 */
import type { PlanSummary } from "./summarize.ts";

export interface PairedDifference {
  a: string;
  b: string;
  metric: string;
  /** Mean of (a − b) over replicates where both are defined, and its 95 % confidence interval. */
  mean: number;
  low: number;
  high: number;
  /** Share of paired replicates where a beats b (ties count half). */
  pBeats: number;
  n: number;
}

export const PAIRED_METRICS = ["customers", "roi"] as const;

/** Two-sided 97.5 % quantile of Student's t with df degrees of freedom (Cornish–Fisher for df ≥ 3). */
export function tQuantile975(df: number): number {
  if (df <= 0) return NaN;
  if (df === 1) return 12.7062;
  if (df === 2) return 4.3027;
  const z = 1.959964;
  const z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
}

export function pairedDifference(a: PlanSummary, b: PlanSummary, metric: string): PairedDifference {
  const va = a.perReplicate[metric], vb = b.perReplicate[metric];
  const d: number[] = [];
  let wins = 0;
  for (let r = 0; r < Math.min(va.length, vb.length); r++) {
    if (Number.isNaN(va[r]) || Number.isNaN(vb[r])) continue;
    d.push(va[r] - vb[r]);
    wins += va[r] > vb[r] ? 1 : va[r] === vb[r] ? 0.5 : 0;
  }
  const n = d.length;
  const mean = d.reduce((x, y) => x + y, 0) / n;
  const sd = Math.sqrt(d.reduce((x, y) => x + (y - mean) * (y - mean), 0) / Math.max(1, n - 1));
  const half = n > 1 ? (tQuantile975(n - 1) * sd) / Math.sqrt(n) : NaN;
  return { a: a.plan, b: b.plan, metric, mean, low: mean - half, high: mean + half, pBeats: n ? wins / n : NaN, n };
}

/** Every ordered pair (a before b in the scenario) for each paired metric. */
export function pairedComparisons(plans: readonly PlanSummary[]): PairedDifference[] {
  const out: PairedDifference[] = [];
  for (let i = 0; i < plans.length; i++)
    for (let j = i + 1; j < plans.length; j++)
      for (const m of PAIRED_METRICS) if (m in plans[i].perReplicate && m in plans[j].perReplicate) out.push(pairedDifference(plans[i], plans[j], m));
  return out;
}
