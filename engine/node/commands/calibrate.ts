/**
 * `circlecast calibrate <calibration.json> --out DIR`: fits a scenario's parameters to a past
 * campaign by ABC-SMC (engine/experiment/calibrate.ts), running each batch of simulations on the
 * worker pool and journaling every finished simulation in DIR/simulations.jsonl. Running the same
 * command again resumes: journaled simulations are read back, never run twice, and the fit (being
 * deterministic) takes the same path to the same posterior (docs/calibration.md).
 *
 * `--shard i/n` splits every batch between n processes (on one machine or several sharing DIR): shard
 * i simulates the requests whose index is i mod n, journals them in DIR/shard-i-of-n/simulations.jsonl,
 * and reads the others' from their journals, waiting for them; each shard then takes the same
 * deterministic path, and shard 0 writes the results into DIR, the files one process writes.
 */
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { EngineError, ScenarioError } from "../../errors.ts";
import { abcSmc, answerOf, simulatedLevels, type CalibrationStep, type SimRequest } from "../../experiment/calibrate.ts";
import { prepareCalibration, type PreparedCalibration } from "../../experiment/calibrate-prepare.ts";
import { makeFolder, readTextFile } from "../files.ts";
import { readJsonFile, resolveScenarioPath } from "../load.ts";
import { lockFolder } from "../output/lock.ts";
import { CALIBRATION_FILES, checkIdentity, identityOf, posteriorSummary, readSimJournal, SimJournal, writeCalibration, writeIdentity, type SimRecord } from "../output/calibration-files.ts";
import { createPool } from "../pool.ts";
import { progressBar } from "../progress.ts";
import { checkThreads, limitsOf, type LimitFlags } from "../limits.ts";
import { checkCost, cpuTime, estimateCost } from "../../experiment/cost.ts";
import { printableLine } from "../../format/printable.ts";
import { Interrupted, SIGNALS, stopOnSignals } from "../signals.ts";
import { resolveShard, shardDirName, type Shard } from "../shard.ts";

export interface CalibrateFlags extends LimitFlags {
  out?: string;
  workers?: number;
  dryRun?: boolean;
  shard?: string;
  shardCount?: number;
}

/** How often a shard looks for the other shards' simulations, and after how long it says it is waiting. */
const POLL_MS = 100;
const SAY_WAITING_MS = 10_000;


/** Read a calibration file, its scenario (path relative to it, or library:NAME) and its CSV (relative to it). */
export function readCalibration(file: string): PreparedCalibration {
  const raw = readJsonFile(file);
  return prepareCalibration(raw, {
    source: file,
    loadScenario: (ref) => readJsonFile(ref.startsWith("library:") ? resolveScenarioPath(ref) : resolve(dirname(file), ref), ref),
    readObserved: (csv) => readTextFile(resolve(dirname(file), csv), csv),
  });
}

function label(step: CalibrationStep): string {
  if (step.kind === "predictive") return "predictive check";
  const eps = Number.isFinite(step.tolerance) ? step.tolerance.toPrecision(3) : "∞";
  return `generation ${step.generation} · ε ${eps} · accepted ${step.accepted}/${step.needed}`;
}

export async function calibrateCommand(file: string, flags: CalibrateFlags): Promise<void> {
  if (flags.workers !== undefined) checkThreads("--workers", flags.workers, flags);
  const shard = resolveShard(flags.shard, flags.shardCount, process.env);
  const prep = readCalibration(file);
  // The budget at most: each simulation is one replicate of the observed plans (parameters may change
  // the cost; the base scenario's is the estimate).
  const one = estimateCost(prep.base, { replicates: 1, plans: prep.plans });
  const sims = prep.calibration.abc.maxSimulations + prep.calibration.abc.predictive;
  checkCost({ ...one, replicates: sims, units: one.units * sims }, limitsOf(flags), file);
  if (flags.dryRun) {
    const o = prep.observed;
    process.stdout.write(
      `ok: ${printableLine(prep.calibration.name)}: ${prep.parameters.length} parameter(s) (${prep.parameters.map((p) => p.name).join(", ")}); ` +
        `${o.rows} row(s) of ${prep.calibration.observed.file}, ticks ${o.firstTick}–${o.lastTick}, ${o.series.length} series → ${prep.stats.length} statistic(s)\n` +
        `cost: at most ${sims} simulations of plan(s) ${prep.plans.join(", ")}, ${cpuTime(one.units * sims)} of work\n`,
    );
    return;
  }
  if (process.stderr.isTTY) process.stderr.write(`circlecast: at most ${sims} simulations, ${cpuTime(one.units * sims)} of work\n`);
  if (!flags.out) throw new ScenarioError([{ path: "--out", message: "expected an output folder (--out DIR)" }], "calibrate", "missing --out");
  const dir = flags.out;
  const identity = identityOf(prep);
  checkIdentity(dir, identity);
  makeFolder(dir);
  const own = shard.count > 1 ? join(dir, shardDirName(shard)) : dir;
  if (own !== dir) makeFolder(own);
  const unlock = lockFolder(own);
  try {
    await run(prep, dir, own, shard, identity, flags);
  } finally {
    unlock();
  }
}

/**
 * The other journals in DIR this process reads but does not write: the shards' (of any count) and
 * the unsharded one, so that shards resume a plain run's journal and a plain run resumes the shards'.
 */
function otherJournals(dir: string, own: string): string[] {
  const dirs = [dir, ...readdirSync(dir).filter((f) => /^shard-\d+-of-\d+$/.test(f)).sort().map((f) => join(dir, f))];
  return dirs.filter((d) => d !== own).map((d) => join(d, CALIBRATION_FILES.journal));
}

async function run(prep: PreparedCalibration, dir: string, own: string, shard: Shard, identity: Record<string, unknown>, flags: CalibrateFlags): Promise<void> {
  writeIdentity(dir, identity);
  const journalPath = join(own, CALIBRATION_FILES.journal);
  const { records, validBytes, damaged } = readSimJournal(journalPath);
  if (damaged) process.stderr.write(`circlecast: ${damaged} damaged line(s) in ${journalPath} are ignored; their simulations run again\n`);
  const journal = new SimJournal(journalPath, validBytes);
  /** Read the other journals' sound lines into `records` (a line another process is writing is read on a later look). */
  const readOthers = () => {
    for (const path of otherJournals(dir, own)) for (const [k, r] of readSimJournal(path).records) if (!records.has(k)) records.set(k, r);
  };
  readOthers();
  const pool = createPool(flags.workers ?? availableParallelism());
  const signals = stopOnSignals(pool);
  const started = performance.now();
  let fresh = 0, resumed = 0;
  const cal = prep.calibration;
  const perTick = { every: 1, metrics: prep.metrics };
  const reuseWorlds = cal.randomNumbers === "common";

  /** Answers of one step: journaled ones read back (when they are this request's), the rest simulated on the pool. */
  const answer = async (step: CalibrationStep): Promise<Float64Array[]> => {
    const width = step.kind === "particles" ? prep.stats.length : prep.observed.series.length * (prep.base.horizon + 1);
    const journaled = (q: SimRequest): Float64Array | undefined => {
      const r = records.get(`${q.generation}/${q.index}`);
      if (!r || r.seed !== q.seed || r.answer.length !== width || r.values.some((v, j) => v !== q.values[j])) return undefined;
      resumed++;
      return Float64Array.from(r.answer, (x) => x ?? NaN);
    };
    const out: (Float64Array | undefined)[] = step.requests.map(journaled);
    // A shard runs its own requests (index i mod n); the others come from the other shards' journals.
    const todo = out.flatMap((a, i) => (a || step.requests[i].index % shard.count !== shard.index ? [] : [i]));
    const bar = progressBar(label(step));
    let done = step.requests.length - todo.length;
    const ok = await pool.run(
      todo,
      (api, i) => api.sweepRun({ scenario: step.requests[i].scenario, seed: step.requests[i].seed, replicate: 0, plans: prep.plans, perTick, reuseWorlds }),
      (i, r) => {
        const q: SimRequest = step.requests[i];
        if (!r.ok) {
          const where = prep.parameters.map((p, j) => `${p.name} = ${q.values[j]}`).join(", ");
          if (r.issues.length) throw new ScenarioError(r.issues, `simulation ${q.index} of generation ${q.generation} (${where})`);
          throw new EngineError(`simulation ${q.index} of generation ${q.generation} (${where}): ${r.message}`);
        }
        const levels = simulatedLevels(prep, r.plans);
        const a = step.kind === "particles" ? answerOf(prep, step, [levels])[0] : concat(answerOf(prep, step, [levels]));
        const rec: SimRecord = { generation: q.generation, index: q.index, seed: q.seed, values: q.values, answer: Array.from(a, (x) => (Number.isFinite(x) ? x : null)) };
        journal.append(rec);
        out[i] = a;
        fresh++;
        bar.update({ done: ++done, total: step.requests.length });
      },
    );
    bar.end();
    if (ok && !signals.stoppedBy()) await waitForOthers(step.requests, out, journaled);
    if (!ok || signals.stoppedBy()) throw new Interrupted(SIGNALS[signals.stoppedBy() ?? "SIGINT"], `${signals.stoppedBy() ?? "stopped"}: ${fresh + resumed} simulation(s) are saved in ${journalPath}: run the same command again to continue`);
    return step.kind === "particles" ? (out as Float64Array[]) : (out as Float64Array[]).flatMap((a) => split(a, prep.observed.series.length));
  };

  /** Fill in the other shards' answers as their journals receive them. */
  const waitForOthers = async (requests: readonly SimRequest[], out: (Float64Array | undefined)[], journaled: (q: SimRequest) => Float64Array | undefined) => {
    let waited = 0, said = false;
    for (;;) {
      const missing = out.flatMap((a, i) => (a ? [] : [i]));
      if (missing.length === 0 || signals.stoppedBy()) return;
      readOthers();
      for (const i of missing) out[i] = journaled(requests[i]);
      if (out.every((a) => a)) return;
      if (waited >= SAY_WAITING_MS && !said) {
        const shards = [...new Set(out.flatMap((a, i) => (a ? [] : [requests[i].index % shard.count])))].sort((a, b) => a - b);
        process.stderr.write(`circlecast: shard ${shard.index}/${shard.count} waits for the simulations of shard(s) ${shards.join(", ")} in ${dir}\n`);
        said = true;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      waited += POLL_MS;
    }
  };

  let failure: unknown;
  try {
    const fit = abcSmc(prep);
    let r = fit.next();
    while (!r.done) {
      const step = r.value;
      const answers = await answer(step);
      if (step.kind === "particles" && step.generation > 0 && process.stderr.isTTY) process.stderr.write(`\r\x1b[K`);
      r = fit.next(answers);
    }
    const res = r.value;
    if (shard.index === 0) writeCalibration(dir, prep, res, identity);
    const secs = (performance.now() - started) / 1000;
    const from = shard.count > 1 ? `from the journals (shard ${shard.index}/${shard.count})` : "from the journal";
    const lines = [
      `${printableLine(cal.name)}: ${res.simulations} simulation(s) + ${cal.abc.predictive} predictive, ${fresh} run now, ${resumed} ${from}, in ${secs.toFixed(1)} s (${pool.size || 1} worker(s)); ${res.stopped}`,
      ...res.generations.map((g) => `  generation ${g.generation}: ε ${Number.isFinite(g.tolerance) ? g.tolerance.toPrecision(4) : "∞"}, ${g.accepted}/${g.proposals} accepted (${(g.acceptanceRate * 100).toFixed(1)} %)${g.screened > 0 ? `, ${g.screened} screened unsimulated` : ""}, ESS ${g.ess.toFixed(1)}`),
      ...posteriorSummary(res).map((p) => `  ${p.name}: mean ${p.mean.toPrecision(4)}, 90 % interval ${p.p5.toPrecision(4)} – ${p.p95.toPrecision(4)}`),
      shard.index === 0 ? `wrote ${dir}` : `shard 0 writes ${dir}`,
    ];
    process.stdout.write(lines.join("\n") + "\n");
  } catch (e) {
    failure = e;
  }
  signals.release();
  try {
    journal.close();
  } catch (e) {
    failure ??= e;
  }
  await pool.close();
  if (failure !== undefined) throw failure;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

function split(a: Float64Array, n: number): Float64Array[] {
  const w = a.length / n;
  return Array.from({ length: n }, (_, k) => a.slice(k * w, (k + 1) * w));
}
