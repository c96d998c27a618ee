/**
 * A calibration's result as tables and summaries (docs/calibration.md, "Outputs"): the posterior
 * particles, the generations, the predictive check, each parameter's posterior summary and the
 * predictive band's coverage. Browser-safe, so the CLI's files and the viewer's downloads are the
 * same bytes.
 */
import type { CalibrationResult } from "../experiment/calibrate.ts";
import { finiteOrNull, table, type Table } from "./table.ts";

function weightedQuantile(xs: number[], ws: number[], q: number): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  let acc = 0;
  for (const i of order) if ((acc += ws[i]) >= q) return xs[i];
  return xs[order[order.length - 1]];
}

export interface ParameterSummary {
  name: string;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
}

/** Posterior mean, sd and 5/50/95 % quantiles of each parameter. */
export function posteriorSummary(res: Pick<CalibrationResult, "parameters" | "particles">): ParameterSummary[] {
  const ws = res.particles.map((p) => p.weight);
  return res.parameters.map((name, j) => {
    const xs = res.particles.map((p) => p.values[j]);
    const mean = xs.reduce((a, x, i) => a + ws[i] * x, 0);
    const sd = Math.sqrt(xs.reduce((a, x, i) => a + ws[i] * (x - mean) * (x - mean), 0));
    return { name, mean, sd, p5: weightedQuantile(xs, ws, 0.05), p50: weightedQuantile(xs, ws, 0.5), p95: weightedQuantile(xs, ws, 0.95) };
  });
}

export function posteriorTable(res: CalibrationResult): Table {
  return table([
    { name: "particle", type: "int32", values: res.particles.map((_, i) => i) },
    { name: "weight", type: "double", values: res.particles.map((p) => p.weight) },
    ...res.parameters.map((name, j) => ({ name, type: "double" as const, values: res.particles.map((p) => p.values[j]) })),
    { name: "distance", type: "double", values: res.particles.map((p) => p.distance) },
  ]);
}

export function generationsTable(res: CalibrationResult): Table {
  const g = res.generations;
  return table([
    { name: "generation", type: "int32", values: g.map((x) => x.generation) },
    { name: "tolerance", type: "double", values: g.map((x) => finiteOrNull(x.tolerance)) },
    { name: "proposals", type: "int32", values: g.map((x) => x.proposals) },
    { name: "accepted", type: "int32", values: g.map((x) => x.accepted) },
    { name: "acceptanceRate", type: "double", values: g.map((x) => x.acceptanceRate) },
    { name: "screened", type: "int32", values: g.map((x) => x.screened) },
    { name: "ess", type: "double", values: g.map((x) => x.ess) },
    { name: "simulations", type: "int32", values: g.map((x) => x.simulations) },
  ]);
}

export function predictiveTable(res: CalibrationResult): Table {
  const rows = res.predictive.flatMap((b) => Array.from(b.observed, (_, t) => ({ b, t })));
  return table([
    { name: "plan", type: "string", values: rows.map((r) => r.b.plan) },
    { name: "metric", type: "string", values: rows.map((r) => r.b.metric) },
    { name: "values", type: "string", values: rows.map((r) => r.b.values) },
    { name: "tick", type: "int32", values: rows.map((r) => r.t) },
    { name: "observed", type: "double", values: rows.map((r) => finiteOrNull(r.b.observed[r.t])) },
    { name: "p5", type: "double", values: rows.map((r) => r.b.p5[r.t]) },
    { name: "p50", type: "double", values: rows.map((r) => r.b.p50[r.t]) },
    { name: "p95", type: "double", values: rows.map((r) => r.b.p95[r.t]) },
  ]);
}

/** Share of the observed values (where known) inside the predictive 5–95 % band, per series. */
export function bandCoverage(res: Pick<CalibrationResult, "predictive">): { plan: string; metric: string; inside: number; known: number }[] {
  return res.predictive.map((b) => {
    let inside = 0, known = 0;
    b.observed.forEach((x, t) => {
      if (Number.isNaN(x)) return;
      known++;
      if (x >= b.p5[t] && x <= b.p95[t]) inside++;
    });
    return { plan: b.plan, metric: b.metric, inside, known };
  });
}
