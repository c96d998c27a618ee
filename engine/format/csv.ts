/**
 * A Simulation as CSV, with no Node API: the CLI (`run --out x.csv`, `compare --format csv`) and the
 * viewer's exports call these same functions, so the same scenario and seed give identical files.
 *
 * Columns: plan (and tick, day), then mean, median, p5 and p95 of every metric, then the provenance,
 * then the uncertainty of every mean (sd, se, ci_low, ci_high) and the confidence level. The
 * uncertainty columns came later and are appended, so every older column keeps its position.
 */
import type { Simulation } from "../experiment/simulate.ts";
import { STAT_NAMES, UNCERTAINTY_NAMES, type StatName } from "../core/collect/summary.ts";

/** CSV suffix of each uncertainty statistic. */
const UNCERTAINTY_SUFFIX: Record<(typeof UNCERTAINTY_NAMES)[number], string> = { sd: "sd", se: "se", ciLow: "ci_low", ciHigh: "ci_high" };

export function csvField(v: string | number): string {
  if (typeof v === "number") return Number.isNaN(v) ? "" : String(v);
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Header cells after the row keys: metric statistics, provenance, uncertainty of the means. */
function headTail(metrics: readonly string[]): string[] {
  return [
    ...metrics.flatMap((m) => STAT_NAMES.map((s) => `${m}_${s}`)),
    "circlecast_version", "model_version", "seed", "replicates",
    ...metrics.flatMap((m) => UNCERTAINTY_NAMES.map((s) => `${m}_${UNCERTAINTY_SUFFIX[s]}`)),
    "ci_level",
  ];
}

/** Row cells after the row keys, in headTail's order; `value(m, s)` is statistic s of metric m. */
function rowTail(sim: Simulation, version: string, metrics: readonly string[], value: (m: string, s: StatName) => number): (string | number)[] {
  const p = sim.provenance;
  return [
    ...metrics.flatMap((m) => STAT_NAMES.map((s) => value(m, s))),
    version, p.modelVersion, p.seed, p.replicates,
    ...metrics.flatMap((m) => UNCERTAINTY_NAMES.map((s) => value(m, s))),
    p.ci,
  ];
}

/** Final values, one row per plan: what `compare --format csv` prints. */
export function formatSummaryCsv(sim: Simulation, version: string): string {
  const metrics = [...new Set(sim.plans.flatMap((p) => Object.keys(p.final)))];
  const lines = [["plan", ...headTail(metrics)].join(",")];
  for (const plan of sim.plans)
    lines.push([plan.plan, ...rowTail(sim, version, metrics, (m, s) => plan.final[m]?.[s] ?? NaN)].map(csvField).join(","));
  return lines.join("\n") + "\n";
}

/**
 * Long per-tick table: one row per (plan, tick), with the columns described above. Plans may have
 * different metrics (a community group's activity): the columns are every plan's, and a plan without
 * a metric leaves its fields empty.
 */
export function formatCsv(sim: Simulation, version: string): string {
  const metrics = [...new Set(sim.plans.flatMap((p) => Object.keys(p.series)))];
  const lines = [["plan", "tick", "day", ...headTail(metrics)].join(",")];
  for (const plan of sim.plans) {
    const rows = sim.scenario.horizon + 1;
    for (let t = 0; t < rows; t++) {
      const vals = [plan.plan, t, t * sim.scenario.tickDays, ...rowTail(sim, version, metrics, (m, s) => plan.series[m]?.[s][t] ?? NaN)];
      lines.push(vals.map(csvField).join(","));
    }
  }
  return lines.join("\n") + "\n";
}
