/**
 * `circlecast/node`: what a Node script needs beside the portable API (engine/index.ts): scenarios by
 * path or `library:NAME`, sweep files, runs split across worker threads, and the CLI's outputs as text
 * (docs/api.md).
 */
import type { Simulation } from "../experiment/simulate.ts";
import { formatCsv, formatSummaryCsv } from "../format/csv.ts";
import { formatJson, formatTable } from "./format.ts";
import { PACKAGE_VERSION } from "./package-info.ts";

export { libraryNames, readScenario } from "./load.ts";
export { readSweep } from "./sweep-load.ts";
export { readOptimization } from "./commands/optimize.ts";
export { simulateSplit } from "../split/node-threads.ts";
export { PACKAGE_VERSION };

/** What `circlecast run --out series.csv` writes: one row per plan and tick. */
export function seriesCsv(sim: Simulation): string {
  return formatCsv(sim, PACKAGE_VERSION);
}

/** What `circlecast compare --format csv` prints: final values, one row per plan. */
export function summaryCsv(sim: Simulation): string {
  return formatSummaryCsv(sim, PACKAGE_VERSION);
}

/** What `circlecast compare --format json` prints: everything, with provenance. */
export const toJson = formatJson;

/** What `circlecast compare` prints: the side-by-side tables. */
export const toTable = (sim: Simulation): string => formatTable(sim);
