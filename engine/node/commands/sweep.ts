/**
 * `circlecast sweep <sweep.json> --out DIR`: runs a sweep's points × replicates on a worker pool,
 * appending each finished run to DIR/runs.jsonl, then rewrites the ordered data files. Running the
 * same command again resumes: finished runs are read back, never run twice (docs/sweeps.md).
 */
import { appendFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { EngineError, ScenarioError } from "../../errors.ts";
import { runOf, runRequest, type PreparedSweep } from "../../experiment/sweep.ts";
import type { SweepRunResponse } from "../../worker/api.ts";
import { journalLine, JournalWriter, readJournal, type DamagedLine, type JournalEntry, type RunRecord } from "../output/journal.ts";
import type { ScenarioIssue } from "../../../scenarios/issues.ts";
import { makeFolder, writeAtomic, writeError } from "../files.ts";
import { lockFolder } from "../output/lock.ts";
import { FILES, manifestOf, manifestText, readManifestText, writeData, writeHeader } from "../output/sweep-files.ts";
import { createPool } from "../pool.ts";
import { progressBar } from "../progress.ts";
import { resolveShard, shardDirName, shardRuns, type Shard } from "../shard.ts";
import { readSweep } from "../sweep-load.ts";
import { checkThreads, limitsOf, type LimitFlags } from "../limits.ts";
import { cpuTime, describeCost } from "../../experiment/cost.ts";
import { printableLine } from "../../format/printable.ts";
import { Interrupted, SIGNALS, stopOnSignals } from "../signals.ts";

export interface SweepFlags extends LimitFlags {
  out?: string;
  workers?: number;
  shard?: string;
  shardCount?: number;
  dryRun?: boolean;
  repair?: boolean;
}



/** The worker count to use by default: one per core (the main thread only writes the journal). */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** A response as a journal record (plain arrays, NaN as null once stringified). */
function toRecord(prep: PreparedSweep, run: number, r: Extract<SweepRunResponse, { ok: true }>): RunRecord {
  const { point, replicate, seed } = runOf(prep, run);
  const keep = prep.outputs;
  return {
    run,
    point,
    replicate,
    seed,
    plans: r.plans.map((p) => ({
      plan: p.plan,
      final: keep ? Object.fromEntries(keep.map((m) => [m, p.final[m] ?? NaN])) : p.final,
      ...(p.ticks ? { ticks: { ticks: Array.from(p.ticks.ticks), metrics: p.ticks.metrics, values: p.ticks.values.map((v) => Array.from(v)) } } : {}),
    })),
  };
}

/** Why a sound record does not fit this sweep (another sweep's run, other plans or metrics), or undefined. */
function misfit(prep: PreparedSweep, r: RunRecord): string | undefined {
  const want = r.run < prep.runs ? runOf(prep, r.run) : undefined;
  if (!want || want.point !== r.point || want.replicate !== r.replicate || want.seed !== r.seed)
    return `run ${r.run} (point ${r.point}, seed ${r.seed}) does not belong to this sweep`;
  const plans = r.plans.map((p) => p.plan);
  if (plans.join("\n") !== prep.plans.join("\n")) return `run ${r.run} holds plans (${plans.join(", ")}), expected (${prep.plans.join(", ")})`;
  for (const p of r.plans) {
    const metrics = Object.keys(p.final);
    if (prep.outputs && metrics.join("\n") !== prep.outputs.join("\n"))
      return `run ${r.run}, plan ${p.plan} holds the metrics (${metrics.join(", ")}), expected the sweep's outputs (${prep.outputs.join(", ")})`;
    if (metrics.length === 0) return `run ${r.run}, plan ${p.plan} holds no metrics`;
    if (!p.ticks !== !prep.perTick) return `run ${r.run}, plan ${p.plan} ${p.ticks ? "holds" : "lacks"} per-tick values`;
  }
  return undefined;
}

/**
 * Journal records checked against the sweep: each run once (exact repeats dropped). Lines that do
 * not fit (another sweep's run, other plans or metrics, a run repeated with different results) join
 * the damaged ones.
 */
export function checkRecords(prep: PreparedSweep, journal: { entries: readonly JournalEntry[]; damaged: readonly DamagedLine[] }): { byRun: Map<number, RunRecord>; damaged: DamagedLine[] } {
  const byRun = new Map<number, RunRecord>();
  const lineOf = new Map<number, number>();
  const damaged = [...journal.damaged];
  for (const { record: r, line } of journal.entries) {
    const why = misfit(prep, r);
    const seen = byRun.get(r.run);
    const twice = seen && journalLine(seen) !== journalLine(r) ? `run ${r.run} appears twice with different results (first at line ${lineOf.get(r.run)})` : undefined;
    if (why ?? twice) damaged.push({ line, why: (why ?? twice)!, text: journalLine(r).slice(0, -1) });
    else if (!seen) {
      byRun.set(r.run, r);
      lineOf.set(r.run, line);
    }
  }
  return { byRun, damaged: damaged.sort((a, b) => a.line - b.line) };
}

/** The lines of `where` that hold no sound run, as issues (at most 8 listed). */
export function damagedIssues(where: string, damaged: readonly DamagedLine[]): ScenarioIssue[] {
  const shown = damaged.slice(0, 8).map((d) => ({ path: `${where}, line ${d.line}`, message: d.why }));
  if (damaged.length > 8) shown.push({ path: where, message: `… and ${damaged.length - 8} more damaged line(s)` });
  return shown;
}

/**
 * Damaged journal lines stop the sweep, naming them and the safe choice; with --repair they are set
 * aside in runs.jsonl.damaged, the journal keeps its sound lines, and their runs are run again.
 */
function repairJournal(path: string, journal: ReturnType<typeof readJournal>, damaged: readonly DamagedLine[], sound: Map<number, RunRecord>, repair: boolean): number {
  if (damaged.length === 0) return journal.validBytes;
  if (!repair)
    throw new ScenarioError(
      [
        ...damagedIssues(path, damaged),
        { path: "--repair", message: `run the same command with --repair to set the damaged line(s) aside in ${path}.damaged and run those runs again; the ${sound.size} sound run(s) are kept` },
      ],
      "output",
      `${path} has ${damaged.length} damaged line(s)`,
    );
  try {
    appendFileSync(`${path}.damaged`, damaged.map((d) => `${d.text}\n`).join(""));
  } catch (e) {
    throw writeError(`${path}.damaged`, e);
  }
  const kept = [...sound.values()].map(journalLine).join("");
  writeAtomic(path, kept);
  process.stderr.write(`circlecast: set ${damaged.length} damaged line(s) of ${path} aside in ${path}.damaged; their runs are run again\n`);
  return Buffer.byteLength(kept);
}

/** Refuse an output folder that holds another sweep's results (a different manifest). */
export function checkManifest(dir: string, text: string): void {
  const existing = readManifestText(dir);
  if (existing === undefined || existing === text) return;
  let fields: string[] = [];
  try {
    const a = JSON.parse(existing) as Record<string, unknown>;
    const b = JSON.parse(text) as Record<string, unknown>;
    fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  } catch {
    fields = ["(unreadable manifest)"];
  }
  throw new ScenarioError(
    [{ path: "--out", message: `expected an empty folder or one holding this sweep's results; ${dir}/${FILES.manifest} differs in ${fields.join(", ")}`, received: JSON.stringify(dir) }],
    "output",
    `${dir} holds the results of a different sweep`,
  );
}

function describeShard(s: Shard): string {
  return s.count === 1 ? "" : ` shard ${s.index}/${s.count}`;
}

export async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  if (flags.workers !== undefined) checkThreads("--workers", flags.workers, flags);
  const prep = readSweep(file, limitsOf(flags));
  const shard = resolveShard(flags.shard, flags.shardCount, process.env);
  const mine = shardRuns(prep.runs, shard);
  const header = `${printableLine(prep.sweep.name)}: ${prep.points.length} point(s) × ${prep.replicates} replicate(s) = ${prep.runs} run(s), design ${prep.sweep.design.kind}`;
  if (flags.dryRun) {
    process.stdout.write(`ok: ${header}${shard.count > 1 ? `; shard ${shard.index}/${shard.count} (from ${shard.from}) runs ${mine.length}` : ""}\ncost: ${describeCost(prep.cost)}\n`);
    return;
  }
  if (!flags.out) throw new ScenarioError([{ path: "--out", message: "expected an output folder (--out DIR)" }], "sweep", "missing --out");
  const dir = shard.count > 1 ? join(flags.out, shardDirName(shard)) : flags.out;
  if (shard.from !== "none" && shard.from !== "--shard") process.stderr.write(`circlecast: shard ${shard.index}/${shard.count} from ${shard.from}\n`);

  const manifest = manifestText(manifestOf(prep));
  checkManifest(dir, manifest);
  makeFolder(dir);
  const unlock = lockFolder(dir);
  try {
    await runShard(prep, dir, manifest, shard, mine, header, flags);
  } finally {
    unlock();
  }
}

async function runShard(prep: PreparedSweep, dir: string, manifest: string, shard: Shard, mine: number[], header: string, flags: SweepFlags): Promise<void> {
  writeHeader(dir, manifest, prep);
  const journalPath = join(dir, FILES.journal);
  const journal = readJournal(journalPath);
  const { byRun: done, damaged } = checkRecords(prep, journal);
  for (const run of done.keys())
    if (run % shard.count !== shard.index)
      throw new ScenarioError([{ path: "--out", message: `${journalPath}: run ${run} belongs to another shard than ${shard.index}/${shard.count}: expected this shard's folder` }], "output", `${journalPath} holds another shard's runs`);
  const validBytes = repairJournal(journalPath, journal, damaged, done, flags.repair === true);
  const writer = new JournalWriter(journalPath, validBytes);
  const todo = mine.filter((k) => !done.has(k));
  const workers = Math.min(flags.workers ?? defaultWorkers(), Math.max(todo.length, 1));

  const pool = createPool(todo.length === 0 ? 0 : workers);
  const bar = progressBar(`${prep.sweep.name}${describeShard(shard)}${done.size ? ` (resumed, ${done.size} done)` : ""} (${cpuTime(prep.cost.units)} in all)`);
  const signals = stopOnSignals(pool);
  const started = performance.now();
  let fresh = 0;
  let failure: unknown;
  try {
    await pool.run(
      todo,
      (api, run) => api.sweepRun(runRequest(prep, run)),
      (run, r) => {
        if (!r.ok) {
          const { point } = runOf(prep, run);
          const where = prep.parameters.map((p, i) => `${p.name} = ${JSON.stringify(prep.points[point][i])}`).join(", ");
          if (r.issues.length) throw new ScenarioError(r.issues, `point ${point} (${where})`);
          throw new EngineError(`run ${run}, point ${point} (${where}): ${r.message}`);
        }
        const rec = toRecord(prep, run, r);
        writer.append(rec);
        done.set(run, rec);
        bar.update({ done: ++fresh, total: todo.length });
      },
    );
  } catch (e) {
    failure = e;
  }
  // Whatever stopped the runs, the journal is synced and the data files are written for the runs
  // done; the first failure is the one reported (a full disk fails the data files too).
  signals.release();
  bar.end();
  await pool.close();
  for (const step of [() => writer.close(), () => writeData(dir, prep, [...done.values()])])
    try {
      step();
    } catch (e) {
      failure ??= e;
    }
  if (failure !== undefined) throw failure;
  const secs = (performance.now() - started) / 1000;
  const rate = fresh > 0 ? ` (${(fresh / Math.max(secs, 1e-9)).toFixed(1)} runs/s, ${pool.size} worker(s))` : "";
  const summary = `${header}${describeShard(shard)}: ${fresh} run(s) in ${secs.toFixed(1)} s${rate}, ${done.size - fresh} already done`;
  const stoppedBy = signals.stoppedBy();
  if (stoppedBy)
    throw new Interrupted(SIGNALS[stoppedBy], `${stoppedBy}: stopped after ${done.size} of ${mine.length} run(s); finished runs are saved in ${journalPath}: run the same command again to continue`);
  process.stdout.write(`${summary}\nwrote ${dir}\n`);
}
