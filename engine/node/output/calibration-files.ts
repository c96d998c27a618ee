/**
 * A calibration's output folder (docs/calibration.md, "Outputs"): the simulation journal that makes
 * a fit resumable, and the files written from the result: posterior samples (CSV + Parquet),
 * generations, the predictive check, and a manifest. No timestamps: the same fit gives the same bytes.
 */
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ScenarioError } from "../../errors.ts";
import { CALIBRATION_SEED_SCHEME, type CalibrationResult } from "../../experiment/calibrate.ts";
import type { PreparedCalibration } from "../../experiment/calibrate-prepare.ts";
import { fingerprint } from "../../experiment/sweep-seeds.ts";
import type { Json } from "../../experiment/design.ts";
import { RNG_SCHEME } from "../../core/rng/seed.ts";
import { MODEL_VERSION } from "../../version.ts";
import { toCsv } from "../../format/table-csv.ts";
import { finiteOrNull } from "../../format/table.ts";
import { bandCoverage, generationsTable, posteriorSummary, posteriorTable, predictiveTable } from "../../format/calibration-tables.ts";
import { notRegularFile, readRegularFile, readTextFile, writeAtomic, writeError } from "../files.ts";
import { PACKAGE_VERSION } from "../package-info.ts";

export { bandCoverage, posteriorSummary };
import { toParquet } from "./parquet.ts";

export const CALIBRATION_FILES = {
  manifest: "manifest.json",
  journal: "simulations.jsonl",
  posteriorCsv: "posterior.csv",
  posteriorParquet: "posterior.parquet",
  generations: "generations.csv",
  predictive: "predictive.csv",
} as const;

export const CALIBRATION_FORMAT = "circlecast-calibration 1";

/** One journal line: a finished simulation (generation −1: a predictive draw) and what the fit needs of it. */
export interface SimRecord {
  generation: number;
  index: number;
  seed: number;
  values: number[];
  /** Statistics (particle simulations) or observed-form series (predictive draws), flattened. */
  answer: (number | null)[];
}

const check = (json: string) => createHash("sha256").update(json).digest("hex").slice(0, 16);

export function recordLine(r: SimRecord): string {
  const json = JSON.stringify(r);
  return `${json.slice(0, -1)},"check":"${check(json)}"}\n`;
}

const CHECKED = /,"check":"([0-9a-f]{16})"\}$/;

/** The journal's sound records by "generation/index" and the byte length of its complete lines (a torn last line is dropped). */
export function readSimJournal(path: string): { records: Map<string, SimRecord>; validBytes: number; damaged: number } {
  const records = new Map<string, SimRecord>();
  if (notRegularFile(path).missing) return { records, validBytes: 0, damaged: 0 };
  const buf = readRegularFile(path, 2 ** 32, (why) => new ScenarioError([{ path: "--out", message: `${path}: ${why}` }], "output", `cannot read ${path}`));
  const end = buf.lastIndexOf(0x0a) + 1;
  let damaged = 0;
  for (const text of buf.subarray(0, end).toString("utf8").split("\n")) {
    if (text === "") continue;
    const m = CHECKED.exec(text);
    const json = m ? `${text.slice(0, m.index)}}` : "";
    if (!m || check(json) !== m[1]) {
      damaged++;
      continue;
    }
    const r = JSON.parse(json) as SimRecord;
    records.set(`${r.generation}/${r.index}`, r);
  }
  return { records, validBytes: end, damaged };
}

/** Appends records, one write each (a kill keeps whole lines), synced on close and every 200 ms. */
export class SimJournal {
  private fd: number;
  private lastSync = 0;
  constructor(readonly path: string, validBytes: number) {
    try {
      this.fd = openSync(path, "a");
      ftruncateSync(this.fd, validBytes);
    } catch (e) {
      throw writeError(path, e);
    }
  }
  append(r: SimRecord): void {
    const bytes = Buffer.from(recordLine(r));
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    } catch (e) {
      throw writeError(this.path, e, "--out", ": the simulations before it are saved; make room and run the same command again to continue");
    }
    const now = performance.now();
    if (now - this.lastSync > 200) {
      fsyncSync(this.fd);
      this.lastSync = now;
    }
  }
  close(): void {
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }
}

/** What identifies a fit: the calibration (scenario inlined), the observed data, versions and schemes. */
export function identityOf(prep: PreparedCalibration): Record<string, unknown> {
  const observed = prep.observed.series.map((s) => ({ plan: s.plan, metric: s.metric, ...(s.circle !== undefined ? { circle: s.circle } : {}), values: s.values, byTick: Array.from(s.byTick, (x) => (Number.isNaN(x) ? null : x)) }));
  return {
    format: CALIBRATION_FORMAT,
    modelVersion: MODEL_VERSION,
    rng: RNG_SCHEME,
    seeds: CALIBRATION_SEED_SCHEME,
    fingerprint: fingerprint({ calibration: prep.calibration as unknown as Json, observed } as unknown as Json),
  };
}

/** Refuse a folder holding another fit's journal (its identity differs). */
export function checkIdentity(dir: string, identity: Record<string, unknown>): void {
  const path = join(dir, CALIBRATION_FILES.manifest);
  if (notRegularFile(path).missing) return;
  let old: Record<string, unknown> = {};
  try {
    old = JSON.parse(readTextFile(path)) as Record<string, unknown>;
  } catch {
    old = {};
  }
  const same = Object.keys(identity).every((k) => JSON.stringify(old[k]) === JSON.stringify(identity[k]));
  if (!same)
    throw new ScenarioError([{ path: "--out", message: `expected an empty folder or one holding this calibration's results; ${path} belongs to another calibration, other data or another version` }], "output", `${dir} holds a different calibration`);
}

const UNITS: Record<string, string> = { spend: "money", revenue: "money", realImpressions: "impressions", reportedImpressions: "impressions", purchases: "purchases", shares: "shares" };

export function writeCalibration(dir: string, prep: PreparedCalibration, res: CalibrationResult, identity: Record<string, unknown>): void {
  const post = posteriorTable(res);
  const meta = { format: CALIBRATION_FORMAT, name: prep.calibration.name, parameters: res.parameters.join(",") };
  writeAtomic(join(dir, CALIBRATION_FILES.posteriorCsv), toCsv(post));
  writeAtomic(join(dir, CALIBRATION_FILES.posteriorParquet), toParquet(post, meta, `circlecast ${PACKAGE_VERSION}`));
  writeAtomic(join(dir, CALIBRATION_FILES.generations), toCsv(generationsTable(res)));
  if (res.predictive.length) writeAtomic(join(dir, CALIBRATION_FILES.predictive), toCsv(predictiveTable(res)));
  const s = prep.base;
  const manifest = {
    ...identity,
    name: prep.calibration.name,
    packageVersion: PACKAGE_VERSION,
    scenario: s.name,
    seed: prep.calibration.seed,
    randomNumbers: prep.calibration.randomNumbers,
    units: { tick: `${s.tickDays} day(s)`, horizon: s.horizon, money: "the scenario's currency (product.price is in it)", parameters: "as in the scenario at each path (log-uniform priors are perturbed on the log scale)" },
    observed: { file: prep.calibration.observed.file, rows: prep.observed.rows, firstTick: prep.observed.firstTick, lastTick: prep.observed.lastTick, series: prep.observed.series.map((x) => ({ plan: x.plan, metric: x.metric, ...(x.circle !== undefined ? { circle: x.circle } : {}), column: x.column, values: x.values, fit: x.fit, unit: UNITS[x.metric] ?? "people" })) },
    statistics: {
      count: prep.stats.length,
      what: `each fitted series' increase over windows of ${prep.calibration.summaries.window} tick(s) (daily columns: over the days the data have), ${prep.calibration.summaries.transform === "sqrt" ? "square-rooted" : "untransformed"}, divided by ${{ mad: "its median absolute deviation over generation 0 (the prior predictive), at least 0.5", adaptive: "its median absolute deviation over the previous generation's simulations, at least 0.5", none: "1" }[prep.calibration.summaries.scale]}`,
      distance: prep.calibration.distance === "euclidean" ? "root mean square of the scaled differences" : "mean absolute scaled difference",
    },
    parameters: prep.parameters.map((p, j) => ({ name: p.name, path: p.spec.path, prior: p.spec.prior, integer: p.spec.integer, posterior: posteriorSummary(res)[j] })),
    generations: res.generations.map((g) => ({ ...g, tolerance: finiteOrNull(g.tolerance) })),
    simulations: res.simulations,
    stopped: res.stopped,
    predictiveCoverage: bandCoverage(res),
    files: CALIBRATION_FILES,
    calibration: prep.calibration,
  };
  writeAtomic(join(dir, CALIBRATION_FILES.manifest), JSON.stringify(manifest, null, 2) + "\n");
}

/** Write the identity before any simulation, so a second run into the folder is checked against it. */
export function writeIdentity(dir: string, identity: Record<string, unknown>): void {
  const path = join(dir, CALIBRATION_FILES.manifest);
  if (!notRegularFile(path).missing) return;
  try {
    writeAtomic(path, JSON.stringify(identity, null, 2) + "\n");
  } catch (e) {
    throw writeError(path, e);
  }
}
