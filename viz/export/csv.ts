/**
 * CSV exports. The whole-run files are the CLI's own functions (engine/format/csv.ts), so they match
 * `circlecast run --out series.csv` and `circlecast compare --format csv` byte for byte; per-chart
 * files are small long tables built with the same field quoting.
 */
import { csvField, formatCsv, formatSummaryCsv, type Simulation } from "../../engine/viewer.ts";

export const VERSION = __CIRCLECAST_VERSION__;

/** Per-tick series of every metric and plan: what `circlecast run … --out series.csv` writes. */
export function seriesCsv(sim: Simulation): string {
  return formatCsv(sim, VERSION);
}

/** Final values per plan: what `circlecast compare … --format csv` prints. */
export function summaryCsv(sim: Simulation): string {
  return formatSummaryCsv(sim, VERSION);
}

/** A header row and data rows as CSV text. */
export function table(head: string[], rows: (string | number)[][]): string {
  return [head.join(","), ...rows.map((r) => r.map(csvField).join(","))].join("\n") + "\n";
}
