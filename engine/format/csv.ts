/**
 * A Simulation as CSV, with no Node API: the CLI (`run --out x.csv`, `compare --format csv`) and the
 * viewer's exports call these same functions, so the same scenario and seed give identical files.
 */
import type { Simulation } from "../experiment/simulate.ts";

const STATS = ["mean", "median", "p5", "p95"] as const;

export function csvField(v: string | number): string {
  if (typeof v === "number") return Number.isNaN(v) ? "" : String(v);
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Final values, one row per plan: what `compare --format csv` prints. */
export function formatSummaryCsv(sim: Simulation, version: string): string {
  const metrics = [...new Set(sim.plans.flatMap((p) => Object.keys(p.final)))];
  const p = sim.provenance;
  const head = ["plan", ...metrics.flatMap((m) => STATS.map((s) => `${m}_${s}`)), "circlecast_version", "model_version", "seed", "replicates"];
  const lines = [head.join(",")];
  for (const plan of sim.plans)
    lines.push([plan.plan, ...metrics.flatMap((m) => STATS.map((s) => plan.final[m]?.[s] ?? NaN)), version, p.modelVersion, p.seed, p.replicates].map(csvField).join(","));
  return lines.join("\n") + "\n";
}

/**
 * Long per-tick table: one row per (plan, tick), a mean/median/p5/p95 column per metric, provenance
 * columns last. Plans may have different metrics (a community group's activity): the columns are every
 * plan's, and a plan without a metric leaves its fields empty.
 */
export function formatCsv(sim: Simulation, version: string): string {
  const metrics = [...new Set(sim.plans.flatMap((p) => Object.keys(p.series)))];
  const p = sim.provenance;
  const head = ["plan", "tick", "day", ...metrics.flatMap((m) => STATS.map((s) => `${m}_${s}`)), "circlecast_version", "model_version", "seed", "replicates"];
  const lines = [head.join(",")];
  for (const plan of sim.plans) {
    const rows = sim.scenario.horizon + 1;
    for (let t = 0; t < rows; t++) {
      const vals: (string | number)[] = [plan.plan, t, t * sim.scenario.tickDays];
      for (const m of metrics) for (const s of STATS) vals.push(plan.series[m]?.[s][t] ?? NaN);
      vals.push(version, p.modelVersion, p.seed, p.replicates);
      lines.push(vals.map(csvField).join(","));
    }
  }
  return lines.join("\n") + "\n";
}
