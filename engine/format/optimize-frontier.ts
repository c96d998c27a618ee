/**
 * The optimiser's frontier table (frontier.csv / frontier.parquet): one row per distinct plan the
 * search evaluated, with its decision values, objective, mean metrics and the 10th percentile of the
 * objective's metric, and whether it lies on each trade-off frontier: conversions vs spend (no plan
 * converts more for no more money), mean vs p10 (no plan is better on average and in a bad case), and
 * reach vs conversions. No Node API, so a viewer can write the same bytes.
 */
import type { Json } from "../experiment/design.ts";
import type { PreparedOptimization } from "../experiment/optimize-file.ts";
import type { OptimizationResult, Scored } from "../experiment/optimize.ts";
import { canonicalJson } from "../experiment/sweep-seeds.ts";
import { finiteOrNull, table, type Cell, type Column, type Table } from "./table.ts";

/** Not dominated: no other plan at least as good on both (x higher or lower as asked, y higher) and better on one. */
export function paretoFlags(x: readonly number[], y: readonly number[], xLower: boolean): boolean[] {
  const ok = (i: number) => Number.isFinite(x[i]) && Number.isFinite(y[i]);
  const better = (a: number, b: number) => (xLower ? a <= b : a >= b);
  return x.map((_, i) => {
    if (!ok(i)) return false;
    for (let j = 0; j < x.length; j++) {
      if (j === i || !ok(j)) continue;
      if (better(x[j], x[i]) && y[j] >= y[i] && (x[j] !== x[i] || y[j] !== y[i])) return false;
    }
    return true;
  });
}

function valueColumn(name: string, values: readonly Json[]): Column {
  const nums = values.every((v) => typeof v === "number");
  if (nums) return { name, type: values.every((v) => Number.isSafeInteger(v)) ? "int64" : "double", values: values as Cell[] };
  return { name, type: "string", values: values.map((v) => (typeof v === "string" ? v : canonicalJson(v))) };
}

export function frontierTable(prep: PreparedOptimization, result: OptimizationResult): Table {
  const rows: Scored[] = result.searched;
  const m = (metric: string) => rows.map((s) => s.mean[metric] ?? NaN);
  const has = (metric: string) => prep.metrics.includes(metric);
  const columns: Column[] = [
    { name: "plan", type: "int32", values: rows.map((s) => s.candidate.id) },
    { name: "generation", type: "int32", values: rows.map((s) => s.candidate.generation) },
    ...prep.columns.map((c, k) => valueColumn(c, rows.map((s) => s.candidate.values[k]))),
    { name: "replicates", type: "int32", values: rows.map((s) => s.replicates) },
    { name: "objective", type: "double", values: rows.map((s) => finiteOrNull(s.objective)) },
    ...prep.metrics.map((metric): Column => ({ name: `mean_${metric}`, type: "double", values: m(metric).map(finiteOrNull) })),
    { name: `p10_${prep.metric}`, type: "double", values: rows.map((s) => finiteOrNull(s.p10)) },
  ];
  if (has("customers") && has("spend")) columns.push({ name: "frontier_conversions_spend", type: "boolean", values: paretoFlags(m("spend"), m("customers"), true) });
  columns.push({ name: "frontier_mean_p10", type: "boolean", values: paretoFlags(m(prep.metric), rows.map((s) => s.p10), false) });
  if (has("customers") && has("reach")) columns.push({ name: "frontier_reach_conversions", type: "boolean", values: paretoFlags(m("reach"), m("customers"), false) });
  return table(columns);
}
