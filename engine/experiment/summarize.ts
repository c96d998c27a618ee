/**
 * Replicates → what a planner reads: per plan, every metric's per-tick mean / median / p5 / p95
 * (with the standard deviation, standard error and confidence interval of the mean),
 * final values with derived money metrics (cost per reach, cost per conversion, ROI), per-circle
 * penetration and the exposure-frequency distribution.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { column } from "../core/collect/collector.ts";
import type { MetricInfo } from "../core/metrics.ts";
import { DEFAULT_CI, stat, statSeries, type Stat } from "../core/collect/summary.ts";
import type { RunResult } from "../core/run.ts";

export type StatSeries = ReturnType<typeof statSeries>;

export interface PlanSummary {
  readonly plan: string;
  readonly replicates: number;
  /** Per-tick statistics of each metric. */
  readonly series: Record<string, StatSeries>;
  /** Final-tick statistics of each metric and of the derived ones. */
  readonly final: Record<string, Stat>;
  /** Per circle, final share of the circle's consumers reached / converted. */
  readonly circles: { name: string; size: number; penetration: Record<string, Stat> }[];
  /** Mean per-tick penetration of each circle metric: circleSeries[metric][c][t]. */
  readonly circleSeries: Record<string, Float64Array[]>;
  /** Consumers who saw the campaign exactly k times (k = 1 … 10, the last bin "10 or more"). */
  readonly frequency: Stat[];
  /** Per channel (strategy or raw action): spend, impressions and conversions attributed by first and last touch. */
  readonly channels: ChannelSummary[];
  /** Repeated cases: per-wave results and the decay ratio wave_k / wave_1. */
  readonly waves: WaveSummary[];
  /** Per-replicate final values, kept for paired comparisons. */
  readonly perReplicate: Record<string, Float64Array>;
}

export interface ChannelSummary {
  name: string;
  spend: Stat;
  /** Allotted money the channel could not spend (its budget, or its schedule's cost, less its spend). */
  unspent: Stat;
  reported: Stat;
  real: Stat;
  firstTouch: Stat;
  /** Conversions whose last persuasive touch was the channel's, and those of them that came by a reshare. */
  lastTouch: Stat;
  earned: Stat;
}

/** Money a run's channels were allotted but could not spend (a cap left ads undeliverable, the horizon ended the schedule). */
export const UNSPENT: MetricInfo = { name: "unspent", label: "Unspent (cap or schedule)", unit: "money" };

export function unspent(r: RunResult): number {
  const c = r.tables.channels;
  let sum = 0;
  for (let k = 0; k < c.names.length; k++) sum += Math.max(0, c.allotted[k] - c.spend[k]);
  return sum;
}

/** Metrics measured per wave: the change of the cumulative series over the wave's window. */
export const WAVE_METRICS = ["realImpressions", "reach", "engagements", "customers"] as const;

export interface WaveSummary {
  strategy: string;
  waves: { wave: number; start: number; end: number; values: Record<string, Stat>; ratio: Record<string, Stat> }[];
}

/** A final value derived from a run's final metrics (NaN when undefined, e.g. nothing spent). */
export interface DerivedMetric extends MetricInfo {
  readonly of: (s: Scenario, final: Record<string, number>) => number;
}

const purchases = (f: Record<string, number>) => f.purchases ?? f.customers;

/** The derived metrics of a run that spends, in the order of its final values. */
export const DERIVED_METRICS: readonly DerivedMetric[] = [
  { name: "revenue", label: "Revenue", unit: "money", of: (s, f) => purchases(f) * s.product.price },
  { name: "costPerReach", label: "Cost per real reach", unit: "money", of: (_, f) => (f.reach > 0 ? f.spend / f.reach : NaN) },
  { name: "costPerConversion", label: "Cost per conversion", unit: "money", of: (_, f) => (f.customers > 0 ? f.spend / f.customers : NaN) },
  { name: "roi", label: "ROI", unit: "ratio", of: (s, f) => (f.spend > 0 ? (purchases(f) * s.product.unitMargin - f.spend) / f.spend : NaN) },
  { name: "realShare", label: "Real / reported", unit: "share", of: (_, f) => (f.reportedImpressions > 0 ? f.realImpressions / f.reportedImpressions : NaN) },
];

/** Derived money metrics of one run's final values: none for models that do not spend. */
export function derived(s: Scenario, final: Record<string, number>): Record<string, number> {
  if (!("spend" in final)) return {};
  return Object.fromEntries(DERIVED_METRICS.map((d) => [d.name, d.of(s, final)]));
}

/** `ci`: the confidence level of every mean's interval. */
export function summarize(s: Scenario, runs: RunResult[], ci = DEFAULT_CI): PlanSummary {
  const first = runs[0].series;
  const last = first.rows - 1;
  const series: Record<string, StatSeries> = {};
  const perReplicate: Record<string, Float64Array> = {};
  for (const m of first.metrics) {
    const cols = runs.map((r) => column(r.series, m));
    series[m] = statSeries(cols, ci);
    perReplicate[m] = Float64Array.from(cols, (c) => c[last]);
  }
  const derivedRuns = runs.map((_, k) => derived(s, Object.fromEntries(first.metrics.map((m) => [m, perReplicate[m][k]]))));
  for (const d of Object.keys(derivedRuns[0])) perReplicate[d] = Float64Array.from(derivedRuns, (x) => x[d]);
  if (first.metrics.includes("spend")) perReplicate[UNSPENT.name] = Float64Array.from(runs, unspent);
  const final = Object.fromEntries(Object.entries(perReplicate).map(([m, v]) => [m, stat(v, ci)]));

  const C = first.circles;
  const sizes = s.population.circles.map((c) => c.size);
  const circleSeries: Record<string, Float64Array[]> = {};
  first.circleMetrics.forEach((m, mi) => {
    circleSeries[m] = sizes.map((size, c) => {
      const out = new Float64Array(first.rows);
      for (const r of runs) {
        const off = (mi * C + c) * first.rows;
        for (let t = 0; t < first.rows; t++) out[t] += r.series.circleValues[off + t] / size / runs.length;
      }
      return out;
    });
  });
  const circles = s.population.circles.map((circle, c) => ({
    name: circle.name,
    size: circle.size,
    penetration: Object.fromEntries(
      first.circleMetrics.map((m, mi) => [m, stat(runs.map((r) => r.series.circleValues[(mi * C + c) * first.rows + last] / circle.size), ci)]),
    ),
  }));
  const bins = runs[0].tables.frequency.length;
  const frequency = Array.from({ length: bins }, (_, k) => stat(runs.map((r) => r.tables.frequency[k]), ci));
  const t0 = runs[0].tables;
  const channels = t0.channels.names.map((name, k) => {
    const of = (key: "spend" | "reported" | "real" | "firstTouch" | "lastTouch" | "earned") => stat(runs.map((r) => r.tables.channels[key][k]), ci);
    const left = stat(runs.map((r) => Math.max(0, r.tables.channels.allotted[k] - r.tables.channels.spend[k])), ci);
    return { name, spend: of("spend"), unspent: left, reported: of("reported"), real: of("real"), firstTouch: of("firstTouch"), lastTouch: of("lastTouch"), earned: of("earned") };
  });
  const waves = t0.waves.map((w) => summarizeWaves(runs, w.strategy, w.starts, w.spacing, last, ci));
  return { plan: runs[0].plan, replicates: runs.length, series, final, circles, circleSeries, frequency, channels, waves, perReplicate };
}

function summarizeWaves(runs: RunResult[], strategy: string, starts: readonly number[], spacing: number, last: number, ci: number): WaveSummary {
  // per[metric][wave][replicate]
  const per = WAVE_METRICS.map((m) =>
    starts.map((start) => {
      const end = Math.min(last, start + spacing - 1);
      return Float64Array.from(runs, (r) => {
        const c = column(r.series, m);
        return start > last ? NaN : c[end] - (start > 0 ? c[start - 1] : 0);
      });
    }),
  );
  return {
    strategy,
    waves: starts.map((start, k) => ({
      wave: k + 1,
      start,
      end: Math.min(last, start + spacing - 1),
      values: Object.fromEntries(WAVE_METRICS.map((m, mi) => [m, stat(per[mi][k], ci)])),
      ratio: Object.fromEntries(WAVE_METRICS.map((m, mi) => [m, stat(per[mi][k].map((v, r) => (per[mi][0][r] > 0 ? v / per[mi][0][r] : NaN)), ci)])),
    })),
  };
}
