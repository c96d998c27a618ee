/**
 * `circlecast optimize <file> --out DIR`: searches the plan an optimisation file describes on a
 * worker pool (docs/optimize.md). Each run is appended to DIR/journal.jsonl as it finishes; the search
 * is deterministic, so running the same command again replays it and takes every run the journal
 * holds instead of running it twice. Writes the best plan as a scenario for `compare`, the frontier
 * (CSV and Parquet), and the verdict (result.json and stdout).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { EngineError, ScenarioError } from "../../errors.ts";
import { RNG_SCHEME } from "../../core/rng/seed.ts";
import { MODEL_VERSION } from "../../version.ts";
import { prepareOptimization, optimisedScenario, type PreparedOptimization } from "../../experiment/optimize-file.ts";
import { infeasible, optimize, type Evaluator, type OptimizationResult, type PairedGap, type Scored } from "../../experiment/optimize.ts";
import { frontierTable } from "../../format/optimize-frontier.ts";
import { toCsv } from "../../format/table-csv.ts";
import { printableLine } from "../../format/printable.ts";
import { makeFolder, notRegularFile, writeAtomic } from "../files.ts";
import { JournalWriter, readJournal, type RunRecord } from "../output/journal.ts";
import { lockFolder } from "../output/lock.ts";
import { toParquet } from "../output/parquet.ts";
import { PACKAGE_VERSION } from "../package-info.ts";
import { createPool } from "../pool.ts";
import { progressBar } from "../progress.ts";
import { readJsonFile, resolveScenarioPath } from "../load.ts";
import { checkThreads, type LimitFlags } from "../limits.ts";
import { damagedIssues, defaultWorkers } from "./sweep.ts";
import { Interrupted, SIGNALS, stopOnSignals } from "../signals.ts";

export interface OptimizeFlags extends LimitFlags {
  out?: string;
  workers?: number;
  dryRun?: boolean;
}

export const OPTIMIZE_FILES = {
  manifest: "manifest.json",
  journal: "journal.jsonl",
  best: "best.json",
  frontierCsv: "frontier.csv",
  frontierParquet: "frontier.parquet",
  result: "result.json",
} as const;


/** Read and check an optimisation file; its scenario is a path relative to it, or library:NAME. */
export function readOptimization(file: string): PreparedOptimization {
  const raw = readJsonFile(file);
  return prepareOptimization(raw, {
    source: file,
    loadScenario: (ref) => {
      try {
        return readJsonFile(ref.startsWith("library:") ? resolveScenarioPath(ref) : resolve(dirname(file), ref), ref);
      } catch (e) {
        if (e instanceof ScenarioError)
          throw new ScenarioError(e.issues.map((i) => ({ path: "scenario", message: `expected a readable scenario file (${i.message})`, received: JSON.stringify(ref) })), file);
        throw e;
      }
    },
  });
}

/** Runs per plan in the journal's numbering: run = plan · stride + replicate. */
function strideOf(prep: PreparedOptimization): number {
  return Math.max(prep.file.replicates, prep.file.confirm.replicates);
}

function manifestText(prep: PreparedOptimization): string {
  return JSON.stringify({ kind: "circlecast optimization", modelVersion: MODEL_VERSION, rng: RNG_SCHEME, optimization: prep.file }, null, 2) + "\n";
}

export async function optimizeCommand(file: string, flags: OptimizeFlags): Promise<void> {
  if (flags.workers !== undefined) checkThreads("--workers", flags.workers, flags);
  const prep = readOptimization(file);
  const f = prep.file;
  const header = `${printableLine(f.name)}: plan ${printableLine(prep.plan)}, ${prep.decisions.length} variable(s) (${prep.dims} coordinates), ${f.evaluations} evaluation(s) × ${f.replicates} replicate(s), leaders confirmed on ${f.confirm.replicates}`;
  if (flags.dryRun) {
    process.stdout.write(`ok: ${header}\n`);
    return;
  }
  if (!flags.out) throw new ScenarioError([{ path: "--out", message: "expected an output folder (--out DIR)" }], "optimize", "missing --out");
  const dir = flags.out;
  const manifest = manifestText(prep);
  const existing = notRegularFile(join(dir, OPTIMIZE_FILES.manifest)).missing ? undefined : readFileSync(join(dir, OPTIMIZE_FILES.manifest), "utf8");
  if (existing !== undefined && existing !== manifest)
    throw new ScenarioError([{ path: "--out", message: `expected an empty folder or one holding this optimisation's results; ${join(dir, OPTIMIZE_FILES.manifest)} differs`, received: JSON.stringify(dir) }], "output", `${dir} holds the results of a different optimisation`);
  makeFolder(dir);
  const unlock = lockFolder(dir);
  try {
    writeAtomic(join(dir, OPTIMIZE_FILES.manifest), manifest);
    await run(prep, dir, header, flags);
  } finally {
    unlock();
  }
}

async function run(prep: PreparedOptimization, dir: string, header: string, flags: OptimizeFlags): Promise<void> {
  const f = prep.file;
  const stride = strideOf(prep);
  const journalPath = join(dir, OPTIMIZE_FILES.journal);
  const journal = readJournal(journalPath);
  const damaged = [...journal.damaged];
  const done = new Map<number, Record<string, number>>();
  for (const { record: r, line } of journal.entries) {
    const fits = r.run === r.point * stride + r.replicate && r.seed === prep.base.seed && r.plans.length === 1 && r.plans[0].plan === prep.plan && prep.metrics.every((m) => m in r.plans[0].final);
    if (fits) done.set(r.run, r.plans[0].final);
    else damaged.push({ line, why: `run ${r.run} does not belong to this optimisation`, text: "" });
  }
  if (damaged.length)
    throw new ScenarioError(
      [...damagedIssues(journalPath, damaged), { path: "--out", message: `delete ${journalPath} (its runs are then run again) or choose another folder` }],
      "output",
      `${journalPath} has ${damaged.length} damaged line(s)`,
    );
  const resumed = done.size;
  const writer = new JournalWriter(journalPath, journal.validBytes);
  const pool = createPool(flags.workers ?? defaultWorkers());
  const bar = progressBar(`${f.name}${resumed ? ` (resumed, ${resumed} runs in the journal)` : ""}`);
  const signals = stopOnSignals(pool);
  let progress = { evaluations: 0, budget: f.evaluations, best: NaN, stage: "search" };
  let fresh = 0;
  const refused = new Set<number>();
  const evaluate: Evaluator = async (tasks) => {
    const out: Record<string, number>[] = new Array(tasks.length);
    const todo: number[] = [];
    tasks.forEach((t, k) => {
      const hit = done.get(t.id * stride + t.replicate);
      if (hit) out[k] = hit;
      else todo.push(k);
    });
    const finished = await pool.run(
      todo,
      (api, k) => api.sweepRun({ scenario: tasks[k].scenario, seed: prep.base.seed, replicate: tasks[k].replicate, plans: [prep.plan], perTick: null, reuseWorlds: true, circleFinals: prep.circleFinals }),
      (k, r) => {
        const t = tasks[k];
        if (!r.ok && r.issues.length === 0) throw new EngineError(`plan ${t.id}, replicate ${t.replicate}: ${r.message}`);
        // A plan the scenario rules refuse is infeasible: journaled with NaN metrics, it ranks last.
        if (!r.ok && !refused.has(t.id)) {
          refused.add(t.id);
          if (refused.size <= 3) process.stderr.write(`circlecast: plan ${t.id} is infeasible, ranked last: ${printableLine(r.issues[0].path)}: ${printableLine(r.issues[0].message)}\n`);
        }
        const final = r.ok ? Object.fromEntries(prep.metrics.map((m) => [m, r.plans[0].final[m] ?? NaN])) : infeasible(prep);
        const record: RunRecord = { run: t.id * stride + t.replicate, point: t.id, replicate: t.replicate, seed: prep.base.seed, plans: [{ plan: prep.plan, final }] };
        writer.append(record);
        done.set(record.run, final);
        out[k] = final;
        fresh++;
        bar.update({ done: progress.evaluations, total: progress.budget }, `best ${progress.best.toFixed(1)} · ${progress.stage}`);
      },
    );
    if (!finished || signals.stoppedBy()) throw new Interrupted(SIGNALS[signals.stoppedBy() ?? "SIGINT"], `${signals.stoppedBy() ?? "stopped"}: ${done.size} run(s) are saved in ${journalPath}: run the same command again to continue`);
    return out;
  };
  const started = performance.now();
  let result: OptimizationResult;
  try {
    result = await optimize(prep, evaluate, (p) => {
      progress = p;
      bar.update({ done: p.evaluations, total: p.budget }, `best ${p.best.toFixed(1)} · ${p.stage}`);
    });
  } finally {
    signals.release();
    bar.end();
    await pool.close();
    writer.close();
  }
  const secs = (performance.now() - started) / 1000;
  writeOutputs(prep, dir, result);
  process.stdout.write(`${header}\n${report(prep, result)}\n${result.runs} run(s) (${fresh} new, ${result.runs - fresh} from the journal) in ${secs.toFixed(1)} s on ${pool.size} worker(s)\nwrote ${dir}\n`);
}

function writeOutputs(prep: PreparedOptimization, dir: string, r: OptimizationResult): void {
  const t = frontierTable(prep, r);
  const meta = { optimization: prep.file.name, plan: prep.plan, objective: JSON.stringify(prep.file.objective), modelVersion: MODEL_VERSION, rng: RNG_SCHEME };
  writeAtomic(join(dir, OPTIMIZE_FILES.frontierCsv), toCsv(t));
  writeAtomic(join(dir, OPTIMIZE_FILES.frontierParquet), toParquet(t, meta, `circlecast ${PACKAGE_VERSION}`));
  const best = optimisedScenario(prep, r.best.candidate.values, r.runnerUp !== r.best ? r.runnerUp.candidate.values : undefined);
  writeAtomic(join(dir, OPTIMIZE_FILES.best), JSON.stringify(best, null, 2) + "\n");
  const scored = (s: Scored) => ({ plan: s.candidate.id, values: Object.fromEntries(prep.columns.map((c, k) => [c, s.candidate.values[k]])), replicates: s.replicates, objective: s.objective, mean: s.mean, p10: s.p10 });
  const json = {
    optimization: prep.file.name,
    plan: prep.plan,
    objective: { ...prep.file.objective, reads: prep.metric },
    generations: r.generations,
    evaluated: r.searched.length,
    infeasible: r.infeasible,
    runs: r.runs,
    best: scored(r.best),
    runnerUp: scored(r.runnerUp),
    asWritten: scored(r.asWritten),
    versusRunnerUp: r.versusRunnerUp,
    versusAsWritten: r.versusAsWritten,
    confirmed: r.confirmed.map(scored),
  };
  writeAtomic(join(dir, OPTIMIZE_FILES.result), JSON.stringify(json, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
}

const num = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2)) : "–");

function gapLine(prep: PreparedOptimization, what: string, g: PairedGap): string {
  const verdict = g.objectiveLow > 0 ? "significantly better" : "not significantly better (the interval includes 0)";
  return `best vs ${what}: objective ${g.objective >= 0 ? "+" : ""}${num(g.objective)} [${num(g.objectiveLow)}, ${num(g.objectiveHigh)}] (95 % paired bootstrap), ${verdict}; ${prep.metric} per replicate ${g.mean >= 0 ? "+" : ""}${num(g.mean)} [${num(g.low)}, ${num(g.high)}], wins ${(100 * g.pBeats).toFixed(0)} % of ${g.n} replicates`;
}

/** The verdict as text: the confirmed leaders, the winner's values, and its gaps. */
export function report(prep: PreparedOptimization, r: OptimizationResult): string {
  const lines: string[] = [];
  const o = prep.file.objective;
  const what = o.risk === "mean" ? `mean ${prep.metric}` : o.risk === "p10" ? `p10 of ${prep.metric}` : `mean − ${o.lambda}·sd of ${prep.metric}`;
  lines.push(`searched ${r.searched.length} plan(s) in ${r.generations} generation(s)${r.infeasible ? ` (${r.infeasible} infeasible: the scenario's rules refuse them)` : ""}; objective: ${what}`);
  lines.push(`confirmed on ${r.best.replicates} replicates:`);
  for (const s of r.confirmed) {
    const tag = s === r.best ? " (best)" : s === r.asWritten ? " (as written)" : "";
    lines.push(`  plan ${s.candidate.id}${tag}: objective ${num(s.objective)}, ${prep.metrics.map((m) => `${m} ${num(s.mean[m])}`).join(", ")}`);
  }
  lines.push(`best plan: ${prep.columns.map((c, k) => `${c} = ${JSON.stringify(r.best.candidate.values[k])}`).join("; ")}`);
  if (r.runnerUp !== r.best) lines.push(gapLine(prep, `runner-up (plan ${r.runnerUp.candidate.id})`, r.versusRunnerUp));
  if (r.asWritten !== r.best) lines.push(gapLine(prep, "the plan as written", r.versusAsWritten));
  else lines.push("the plan as written stays the best");
  return lines.join("\n");
}
