/**
 * The runs.csv of a browser sweep: the CLI's own runs table and CSV writer (engine/format/, free of
 * Node APIs), so the same sweep file gives the same bytes as `circlecast sweep`.
 */
import { canonicalJson, runsTable, toCsv, type Cell, type Json, type PreparedSweep, type RunRow } from "../../../engine/viewer.ts";

/** A finished run: its place in the sweep and the final metrics of each plan. */
export type BrowserRun = RunRow;

/** A parameter value as a table cell: lists and objects as canonical JSON text, as the CLI writes them. */
export function valueCell(v: Json): Cell {
  return v !== null && typeof v === "object" ? canonicalJson(v) : v;
}

export function runsCsv(prep: PreparedSweep, runs: readonly BrowserRun[]): string {
  return toCsv(runsTable(prep, [...runs].sort((a, b) => a.run - b.run)));
}
