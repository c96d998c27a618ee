/**
 * `circlecast sweep <sweep.json> --out DIR`: runs a sweep's points × replicates on a worker pool,
 * appending each finished run to DIR/runs.jsonl, then rewrites the ordered data files. Running the
 * same command again resumes: finished runs are read back, never run twice (docs/sweeps.md).
 */
import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { EngineError, ScenarioError } from "../../errors.ts";
import { pointScenario, runOf, type PreparedSweep } from "../../experiment/sweep.ts";
import type { SweepRunResponse } from "../../worker/api.ts";
import { JournalWriter, readJournal, type RunRecord } from "../output/journal.ts";
import { lockFolder } from "../output/lock.ts";
import { FILES, manifestOf, manifestText, readManifestText, writeData, writeHeader } from "../output/sweep-files.ts";
import { createPool } from "../pool.ts";
import { progressBar } from "../progress.ts";
import { resolveShard, shardDirName, shardRuns, type Shard } from "../shard.ts";
import { readSweep } from "../sweep-load.ts";

export interface SweepFlags {
  out?: string;
  workers?: number;
  shard?: string;
  shardCount?: number;
  dryRun?: boolean;
}

/** A sweep stopped by a signal: its finished runs are saved; the exit code is 128 + the signal number. */
export class Interrupted extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = "Interrupted";
  }
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

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

/** Check journal records against the sweep (same runs, seeds) and drop exact duplicates. */
export function checkRecords(prep: PreparedSweep, records: readonly RunRecord[], where: string): Map<number, RunRecord> {
  const byRun = new Map<number, RunRecord>();
  for (const r of records) {
    const want = r.run >= 0 && r.run < prep.runs ? runOf(prep, r.run) : undefined;
    if (!want || want.point !== r.point || want.replicate !== r.replicate || want.seed !== r.seed)
      throw new EngineError(`${where}: run ${r.run} (point ${r.point}, seed ${r.seed}) does not belong to this sweep`);
    const seen = byRun.get(r.run);
    if (seen && JSON.stringify(seen) !== JSON.stringify(r))
      throw new EngineError(`${where}: run ${r.run} appears twice with different results`);
    if (!seen) byRun.set(r.run, r);
  }
  return byRun;
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
  const prep = readSweep(file);
  const shard = resolveShard(flags.shard, flags.shardCount, process.env);
  const mine = shardRuns(prep.runs, shard);
  const header = `${prep.sweep.name}: ${prep.points.length} point(s) × ${prep.replicates} replicate(s) = ${prep.runs} run(s), design ${prep.sweep.design.kind}`;
  if (flags.dryRun) {
    process.stdout.write(`ok: ${header}${shard.count > 1 ? `; shard ${shard.index}/${shard.count} (from ${shard.from}) runs ${mine.length}` : ""}\n`);
    return;
  }
  if (!flags.out) throw new ScenarioError([{ path: "--out", message: "expected an output folder (--out DIR)" }], "sweep", "missing --out");
  const dir = shard.count > 1 ? join(flags.out, shardDirName(shard)) : flags.out;
  if (shard.from !== "none" && shard.from !== "--shard") process.stderr.write(`circlecast: shard ${shard.index}/${shard.count} from ${shard.from}\n`);

  const manifest = manifestText(manifestOf(prep));
  checkManifest(dir, manifest);
  mkdirSync(dir, { recursive: true });
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
  const done = checkRecords(prep, journal.records, journalPath);
  for (const run of done.keys())
    if (run % shard.count !== shard.index) throw new EngineError(`${journalPath}: run ${run} belongs to another shard`);
  const writer = new JournalWriter(journalPath, journal.validBytes);
  const todo = mine.filter((k) => !done.has(k));
  const workers = Math.min(flags.workers ?? defaultWorkers(), Math.max(todo.length, 1));

  const pool = createPool(todo.length === 0 ? 0 : workers);
  const bar = progressBar(`${prep.sweep.name}${describeShard(shard)}${done.size ? ` (resumed, ${done.size} done)` : ""}`);
  let stoppedBy: keyof typeof SIGNALS | undefined;
  const handlers = (Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]).map((sig) => {
    const h = () => {
      stoppedBy = sig;
      pool.abort();
    };
    process.once(sig, h);
    return () => process.off(sig, h);
  });
  const started = performance.now();
  let fresh = 0;
  const wantPlans = prep.sweep.plans ? prep.plans : undefined;
  try {
    await pool.run(
      todo,
      (api, run) => {
        const { point, replicate, seed } = runOf(prep, run);
        return api.sweepRun({ scenario: pointScenario(prep, point), seed, replicate, plans: wantPlans, perTick: prep.perTick });
      },
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
  } finally {
    handlers.forEach((off) => off());
    bar.end();
    writer.close();
    await pool.close();
    writeData(dir, prep, [...done.values()]);
  }
  const secs = (performance.now() - started) / 1000;
  const rate = fresh > 0 ? ` (${(fresh / Math.max(secs, 1e-9)).toFixed(1)} runs/s, ${pool.size} worker(s))` : "";
  const summary = `${header}${describeShard(shard)}: ${fresh} run(s) in ${secs.toFixed(1)} s${rate}, ${done.size - fresh} already done`;
  if (stoppedBy)
    throw new Interrupted(SIGNALS[stoppedBy], `${stoppedBy}: stopped after ${done.size} of ${mine.length} run(s); finished runs are saved in ${journalPath}: run the same command again to continue`);
  process.stdout.write(`${summary}\nwrote ${dir}\n`);
}
