/**
 * `circlecast compare <scenario> --posterior DIR`: every plan forecast over a calibration's posterior
 * (engine/experiment/posterior-forecast.ts), so p5–p95 hold the parameters' uncertainty as well as
 * chance, with the share of the spread each explains.
 */
import { join } from "node:path";
import { ScenarioError } from "../../errors.ts";
import { readCsv } from "../../experiment/csv-read.ts";
import { forecastOf, posteriorScenarios, type Forecast, type PosteriorSample } from "../../experiment/posterior-forecast.ts";
import type { PlanOutcome } from "../../experiment/sweep-run.ts";
import { EngineError } from "../../errors.ts";
import { createPool } from "../pool.ts";
import { availableParallelism } from "node:os";
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import { readTextFile, writeOutput } from "../files.ts";
import { CALIBRATION_FILES } from "../output/calibration-files.ts";
import { toCsv } from "../../format/table-csv.ts";
import { table } from "../../format/table.ts";
import { printableLine } from "../../format/printable.ts";

/** The posterior of a calibration's output folder: its parameters (paths) from the manifest, its particles from posterior.csv. */
export function readPosterior(dir: string): PosteriorSample {
  const bad = (message: string) => new ScenarioError([{ path: "--posterior", message: `${dir}: ${message}` }], "--posterior", `${dir} holds no usable posterior`);
  let manifest: { parameters?: { name: string; path: string | string[]; integer?: boolean }[] };
  try {
    manifest = JSON.parse(readTextFile(join(dir, CALIBRATION_FILES.manifest)));
  } catch (e) {
    if (e instanceof ScenarioError) throw bad(`expected a calibration's output folder (${e.issues[0]?.message ?? e.message})`);
    throw bad(`expected ${CALIBRATION_FILES.manifest} to be JSON`);
  }
  if (!Array.isArray(manifest.parameters)) throw bad(`expected a finished calibration (its ${CALIBRATION_FILES.manifest} lists no parameters yet)`);
  const rows = readCsv(readTextFile(join(dir, CALIBRATION_FILES.posteriorCsv)));
  const header = rows[0]?.fields ?? [];
  const names = manifest.parameters.map((p) => p.name);
  const cols = names.map((n) => header.indexOf(n));
  const w = header.indexOf("weight");
  if (w < 0 || cols.some((c) => c < 0)) throw bad(`expected ${CALIBRATION_FILES.posteriorCsv} with columns weight, ${names.join(", ")}`);
  const particles = rows.slice(1).map((r) => ({ weight: Number(r.fields[w]), values: cols.map((c) => Number(r.fields[c])) }));
  if (particles.length === 0 || particles.some((p) => !(p.weight >= 0) || p.values.some((v) => !Number.isFinite(v)))) throw bad(`expected numbers in every row of ${CALIBRATION_FILES.posteriorCsv}`);
  return { parameters: manifest.parameters.map((p) => ({ name: p.name, path: p.path, integer: p.integer === true })), particles };
}

export function forecastTable(f: Forecast): string {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  const lines = [
    `over ${f.draws} posterior draw(s) × ${f.replicates} replicate(s) (the same worlds for every draw)`,
    "",
    `${"plan".padEnd(16)} ${"metric".padEnd(18)} ${"mean".padStart(10)} ${"p5".padStart(10)} ${"p95".padStart(10)}  from parameters`,
    ...f.rows.map((r) => `${printableLine(r.plan).padEnd(16)} ${r.metric.padEnd(18)} ${fmt(r.mean).padStart(10)} ${fmt(r.p5).padStart(10)} ${fmt(r.p95).padStart(10)}  ${(r.parameterShare * 100).toFixed(0).padStart(5)} %`),
  ];
  return lines.join("\n") + "\n";
}

/** Every draw × replicate on the worker pool (the same runs as forecastOverPosterior in one thread). */
export async function posteriorCompare(scenario: Scenario, dir: string, opts: { draws: number; replicates: number; seed: number; out?: string; workers?: number }): Promise<void> {
  const post = readPosterior(dir);
  const scenarios = posteriorScenarios(scenario, post, opts.draws, opts.seed);
  const R = opts.replicates;
  const finals: PlanOutcome[][][] = scenarios.map(() => new Array<PlanOutcome[]>(R));
  const pool = createPool(Math.min(opts.workers ?? availableParallelism(), scenarios.length * R));
  try {
    await pool.run(
      Array.from({ length: scenarios.length * R }, (_, k) => k),
      (api, k) => api.sweepRun({ scenario: scenarios[Math.floor(k / R)], seed: opts.seed, replicate: k % R, reuseWorlds: true }),
      (k, r) => {
        if (!r.ok) throw r.issues.length ? new ScenarioError(r.issues, `posterior draw ${Math.floor(k / R)}`) : new EngineError(`posterior draw ${Math.floor(k / R)}: ${r.message}`);
        finals[Math.floor(k / R)][k % R] = r.plans;
      },
    );
  } finally {
    await pool.close();
  }
  const f = forecastOf(finals);
  if (opts.out) {
    const r = f.rows;
    writeOutput(opts.out, toCsv(table([
      { name: "plan", type: "string", values: r.map((x) => x.plan) },
      { name: "metric", type: "string", values: r.map((x) => x.metric) },
      { name: "mean", type: "double", values: r.map((x) => x.mean) },
      { name: "p5", type: "double", values: r.map((x) => x.p5) },
      { name: "p95", type: "double", values: r.map((x) => x.p95) },
      { name: "sd", type: "double", values: r.map((x) => x.sd) },
      { name: "parameterShare", type: "double", values: r.map((x) => x.parameterShare) },
    ])));
  }
  process.stdout.write(forecastTable(f) + (opts.out ? `wrote ${opts.out}\n` : ""));
}
