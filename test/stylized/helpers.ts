/** Statistics over replicates for the stylized-fact tests. */
import { column } from "../../engine/core/collect/collector.ts";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { summarize, type PlanSummary } from "../../engine/experiment/summarize.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";

export function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) / 2;
  return (v[Math.floor(h)] + v[Math.ceil(h)]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/** Value of `metric` at tick t in each replicate. */
export function at(runs: readonly RunResult[], metric: string, t: number): number[] {
  return runs.map((r) => column(r.series, metric)[t]);
}

/** Share of paired replicates where a > b (ties count half). */
export function shareBeats(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, x, k) => s + (x > b[k] ? 1 : x === b[k] ? 0.5 : 0), 0) / a.length;
}

/** Every plan of s run on its replicates and summarised, by plan name. */
export function summaries(s: Scenario): Record<string, PlanSummary> {
  const runs = runReplicates(s);
  return Object.fromEntries(s.plans.map((p, k) => [p.name, summarize(s, runs[k])]));
}
