/**
 * Golden digests: for every library scenario at two seeds, and for the scenarios of ./scenarios/ (parts
 * of the engine the library does not exercise, such as the exact-degree network with closure), a compact
 * record of what the engine
 * computes — per plan the final values (mean, p5, p95) and a few points of the main series — and a
 * SHA-256 fingerprint of every run behind them (each replicate's per-tick metrics and circle metrics,
 * channel tables and waves). Statistics added to the summaries later do not touch it; any number a run
 * produces does.
 * A refactor that changes any number changes the fingerprint; `npm run golden` (update.ts) rewrites the
 * digests only together with a model-version bump and its changelog line.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenario } from "../../scenarios/parse.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { summarize } from "../../engine/experiment/summarize.ts";
import { libraryNames } from "../../engine/node/load.ts";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { MODEL_VERSION } from "../../engine/version.ts";

/** Replicates per digest: enough to exercise the summaries, few enough for `npm test`. */
export const REPLICATES = 2;
/** Series recorded point by point, and at which share of the horizon. */
const SERIES = ["reach", "customers"] as const;
const POINTS = [0.1, 0.25, 0.5, 0.75, 1];

export interface Digest {
  scenario: string;
  seed: number;
  replicates: number;
  modelVersion: string;
  plans: { plan: string; final: Record<string, [number, number, number]>; series: Record<string, number[]> }[];
  sha256: string;
}

export const GOLDEN_DIR = new URL("./digests/", import.meta.url);

const EXTRA_DIR = new URL("./scenarios/", import.meta.url);
const extraNames = (): string[] => readdirSync(EXTRA_DIR).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();

/** Every digested scenario: the library's, then the golden-only ones (their names must not clash). */
export function goldenNames(): string[] {
  const library = libraryNames();
  const extra = extraNames();
  const clash = extra.filter((n) => library.includes(n));
  if (clash.length) throw new Error(`test/golden/scenarios/${clash[0]}.json has the name of a library scenario: rename it`);
  return [...library, ...extra];
}

/** How tests name a digest's scenario: library:NAME, or the golden-only file. */
export const labelOf = (name: string): string => (extraNames().includes(name) ? `test/golden/scenarios/${name}.json` : `library:${name}`);

/** The scenario file behind a digest name. */
function scenarioText(name: string): string {
  return readFileSync(extraNames().includes(name) ? new URL(`${name}.json`, EXTRA_DIR) : join(LIBRARY_DIR, `${name}.json`), "utf8");
}

/** The two seeds of a scenario's digests: its own, and the next. */
export function seedsOf(name: string): number[] {
  const seed = JSON.parse(scenarioText(name)).seed ?? 1;
  return [seed, seed + 1];
}

/** Typed arrays as plain arrays, NaN as null: a stable text for the fingerprint. */
function plain(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : typeof v === "number" && Number.isNaN(v) ? null : v)));
}

export function digest(name: string, seed: number): Digest {
  const s = { ...loadScenario(JSON.parse(scenarioText(name))), seed, replicates: REPLICATES };
  const runs = runReplicates(s);
  const H = s.horizon;
  const plans = runs.map((r) => summarize(s, r)).map((p) => ({
    plan: p.plan,
    final: Object.fromEntries(Object.entries(p.final).map(([m, st]) => [m, [st.mean, st.p5, st.p95] as [number, number, number]])),
    series: Object.fromEntries(SERIES.filter((m) => p.series[m]).map((m) => [m, POINTS.map((q) => p.series[m].mean[Math.round(q * H)])])),
  }));
  const everything = plain(runs.flat().map((r) => ({ plan: r.plan, replicate: r.replicate, metrics: r.series.metrics, values: r.series.values, circleValues: r.series.circleValues, tables: r.tables })));
  const sha256 = createHash("sha256").update(JSON.stringify(everything)).digest("hex");
  return plain({ scenario: name, seed, replicates: REPLICATES, modelVersion: MODEL_VERSION, plans, sha256 }) as Digest;
}

export function digestPath(name: string, seed: number): URL {
  return new URL(`${name}-seed${seed}.json`, GOLDEN_DIR);
}
