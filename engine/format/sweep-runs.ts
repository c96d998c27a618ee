/**
 * The runs table of a sweep (runs.csv / runs.parquet): one row per run and plan, in run order;
 * parameter columns typed over the whole design (so shards and browser sweeps agree); metric
 * columns as the sweep lists them. No Node API: `circlecast sweep` and the viewer's sweep tab
 * both write it from here, so the same sweep file gives the same bytes.
 */
import type { Json } from "../experiment/design.ts";
import { canonicalJson } from "../experiment/sweep-seeds.ts";
import type { PreparedSweep } from "../experiment/sweep.ts";
import { finiteOrNull, table, type Cell, type Column, type ColumnType, type Table } from "./table.ts";

/** What the table needs of a finished run. */
export interface RunRow {
  run: number;
  point: number;
  replicate: number;
  seed: number;
  plans: readonly { plan: string; final: Record<string, number> }[];
}

/** Column type of a parameter over every point of the design (not just the runs present), so shards agree. */
function parameterType(values: readonly Json[]): ColumnType | "json" {
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.length > 0 && present.every((v) => typeof v === "number"))
    return present.every((v) => Number.isSafeInteger(v)) ? "int64" : "double";
  if (present.every((v) => typeof v === "string")) return "string";
  return "json";
}

/** The parameters' columns for rows that come from the given points; lists and objects as canonical JSON. */
export function parameterColumns(prep: PreparedSweep, pointOfRow: readonly number[]): Column[] {
  return prep.parameters.map((p, i) => {
    const t = parameterType(prep.points.map((pt) => pt[i]));
    const cell = (v: Json): Cell => (v === null ? null : t === "json" ? canonicalJson(v) : (v as Cell));
    return { name: p.name, type: t === "json" ? "string" : t, values: pointOfRow.map((pt) => cell(prep.points[pt][i])) };
  });
}

/** Metric columns: the sweep's outputs, else every metric the runs report, in order of first appearance. */
export function metricNames(prep: PreparedSweep, runs: readonly RunRow[]): string[] {
  if (prep.outputs) return prep.outputs;
  const seen = new Set<string>();
  for (const r of runs) for (const p of r.plans) for (const m of Object.keys(p.final)) seen.add(m);
  return [...seen];
}

/** `sorted`: the runs in run order. */
export function runsTable(prep: PreparedSweep, sorted: readonly RunRow[]): Table {
  const metrics = metricNames(prep, sorted);
  const rows = sorted.flatMap((r) => r.plans.map((p) => ({ r, p })));
  const pointOf = rows.map(({ r }) => r.point);
  return table([
    { name: "run", type: "int32", values: rows.map(({ r }) => r.run) },
    { name: "point", type: "int32", values: pointOf },
    { name: "replicate", type: "int32", values: rows.map(({ r }) => r.replicate) },
    { name: "seed", type: "int64", values: rows.map(({ r }) => r.seed) },
    ...parameterColumns(prep, pointOf),
    { name: "plan", type: "string", values: rows.map(({ p }) => p.plan) },
    ...metrics.map((m): Column => ({ name: m, type: "double", values: rows.map(({ p }) => finiteOrNull(p.final[m])) })),
  ]);
}
