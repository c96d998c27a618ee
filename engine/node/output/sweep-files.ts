/**
 * A sweep's output folder (docs/sweeps.md, "Outputs"): the manifest, the run journal, and the data
 * files rewritten from the journal in run-index order (runs, per-tick values, Sobol indices, points).
 * Data files hold no timestamps, so the same sweep gives the same bytes however it was run.
 */
import { ScenarioError } from "../../errors.ts";
import { makeFolder, notRegularFile, readTextFile, writeAtomic } from "../files.ts";
import { join } from "node:path";
import { fingerprint, SWEEP_SEED_SCHEME } from "../../experiment/sweep-seeds.ts";
import { sweepSensitivity } from "../../experiment/sweep-sensitivity.ts";
import type { PreparedSweep } from "../../experiment/sweep.ts";
import type { Json } from "../../experiment/design.ts";
import { RNG_SCHEME } from "../../core/rng/seed.ts";
import { MODEL_VERSION } from "../../version.ts";
import { PACKAGE_VERSION } from "../package-info.ts";
import { toCsv } from "../../format/table-csv.ts";
import { metricNames, parameterColumns, runsTable } from "../../format/sweep-runs.ts";
import type { RunRecord } from "./journal.ts";
import { toParquet } from "./parquet.ts";
import { finiteOrNull, table, type Cell, type Column, type Table } from "../../format/table.ts";

export const FILES = {
  manifest: "manifest.json",
  journal: "runs.jsonl",
  points: "points.csv",
  runsCsv: "runs.csv",
  runsParquet: "runs.parquet",
  ticksCsv: "ticks.csv",
  ticksParquet: "ticks.parquet",
  sobol: "sobol.csv",
} as const;

export const MANIFEST_FORMAT = "circlecast-sweep 1";

/**
 * What identifies a sweep's results: the sweep (base scenario inlined), versions and schemes. No
 * timestamps and no file name, so shards started from copies of the sweep file agree.
 */
export function manifestOf(prep: PreparedSweep): Record<string, unknown> {
  const sweep = prep.sweep as unknown as Json;
  return {
    format: MANIFEST_FORMAT,
    name: prep.sweep.name,
    packageVersion: PACKAGE_VERSION,
    modelVersion: MODEL_VERSION,
    rng: RNG_SCHEME,
    seeds: SWEEP_SEED_SCHEME,
    masterSeed: prep.sweep.seed,
    design: prep.sweep.design.kind,
    points: prep.points.length,
    replicates: prep.replicates,
    runs: prep.runs,
    plans: prep.plans,
    parameters: prep.parameters.map((p) => p.name),
    fingerprint: fingerprint(sweep),
    files: FILES,
    sweep,
  };
}

export function manifestText(m: Record<string, unknown>): string {
  return JSON.stringify(m, null, 2) + "\n";
}

export function ticksTable(sorted: readonly RunRecord[]): Table {
  const metrics: string[] = [];
  for (const r of sorted) for (const p of r.plans) for (const m of p.ticks?.metrics ?? []) if (!metrics.includes(m)) metrics.push(m);
  const cols: Record<string, Cell[]> = { run: [], point: [], replicate: [], plan: [], tick: [] };
  for (const m of metrics) cols[`m:${m}`] = [];
  for (const r of sorted)
    for (const p of r.plans) {
      const t = p.ticks;
      if (!t) continue;
      t.ticks.forEach((tick, k) => {
        cols.run.push(r.run);
        cols.point.push(r.point);
        cols.replicate.push(r.replicate);
        cols.plan.push(p.plan);
        cols.tick.push(tick);
        for (const m of metrics) {
          const mi = t.metrics.indexOf(m);
          cols[`m:${m}`].push(mi < 0 ? null : finiteOrNull(t.values[mi][k]));
        }
      });
    }
  return table([
    { name: "run", type: "int32", values: cols.run },
    { name: "point", type: "int32", values: cols.point },
    { name: "replicate", type: "int32", values: cols.replicate },
    { name: "plan", type: "string", values: cols.plan },
    { name: "tick", type: "int32", values: cols.tick },
    ...metrics.map((m): Column => ({ name: m, type: "double", values: cols[`m:${m}`] })),
  ]);
}

export function pointsTable(prep: PreparedSweep): Table {
  const idx = prep.points.map((_, k) => k);
  return table([
    { name: "point", type: "int32", values: idx },
    { name: "seed", type: "int64", values: Array.from(prep.seeds) },
    ...parameterColumns(prep, idx),
  ]);
}

/** Sobol indices per plan × output × parameter, from the per-point means over replicates. */
export function sobolTable(prep: PreparedSweep, sorted: readonly RunRecord[]): Table {
  const outputs = metricNames(prep, sorted);
  const rows = sweepSensitivity(prep, outputs, (plan, output) => {
    const sum = new Float64Array(prep.points.length);
    const count = new Float64Array(prep.points.length);
    for (const r of sorted)
      for (const p of r.plans)
        if (p.plan === plan) {
          sum[r.point] += p.final[output] ?? NaN;
          count[r.point]++;
        }
    return sum.map((s, k) => (count[k] > 0 ? s / count[k] : NaN));
  });
  return table([
    { name: "plan", type: "string", values: rows.map((r) => r.plan) },
    { name: "output", type: "string", values: rows.map((r) => r.output) },
    { name: "parameter", type: "string", values: rows.map((r) => r.parameter) },
    { name: "S1", type: "double", values: rows.map((r) => finiteOrNull(r.index.S1)) },
    { name: "S1_conf", type: "double", values: rows.map((r) => finiteOrNull(r.index.S1conf)) },
    { name: "ST", type: "double", values: rows.map((r) => finiteOrNull(r.index.ST)) },
    { name: "ST_conf", type: "double", values: rows.map((r) => finiteOrNull(r.index.STconf)) },
  ]);
}

function provenance(prep: PreparedSweep): Record<string, string> {
  return {
    circlecast: JSON.stringify({ sweep: prep.sweep.name, packageVersion: PACKAGE_VERSION, modelVersion: MODEL_VERSION, rng: RNG_SCHEME, seeds: SWEEP_SEED_SCHEME, masterSeed: prep.sweep.seed }),
  };
}

/** Create the folder and write the manifest and points (they depend on the sweep only). */
export function writeHeader(dir: string, manifest: string, prep: PreparedSweep): void {
  makeFolder(dir);
  writeAtomic(join(dir, FILES.manifest), manifest);
  writeAtomic(join(dir, FILES.points), toCsv(pointsTable(prep)));
}

/** The manifest of an output folder, or undefined when there is none (a folder, FIFO or device in its place is an error). */
export function readManifestText(dir: string): string | undefined {
  const p = join(dir, FILES.manifest);
  const { why, missing } = notRegularFile(p);
  if (missing) return undefined;
  if (why) throw new ScenarioError([{ path: "--out", message: `${p}: ${why}` }], "output", `cannot read ${p}`);
  return readTextFile(p);
}

/**
 * Rewrite the data files from the records (any order; duplicates must not be passed). Sobol indices
 * are written only when every run of the sweep is present.
 */
export function writeData(dir: string, prep: PreparedSweep, records: readonly RunRecord[]): void {
  const sorted = [...records].sort((a, b) => a.run - b.run);
  const meta = provenance(prep);
  const createdBy = `circlecast ${PACKAGE_VERSION}`;
  const runs = runsTable(prep, sorted);
  writeAtomic(join(dir, FILES.runsCsv), toCsv(runs));
  writeAtomic(join(dir, FILES.runsParquet), toParquet(runs, meta, createdBy));
  if (prep.perTick) {
    const ticks = ticksTable(sorted);
    writeAtomic(join(dir, FILES.ticksCsv), toCsv(ticks));
    writeAtomic(join(dir, FILES.ticksParquet), toParquet(ticks, meta, createdBy));
  }
  if (prep.sweep.design.kind === "sobol" && sorted.length === prep.runs) writeAtomic(join(dir, FILES.sobol), toCsv(sobolTable(prep, sorted)));
}
