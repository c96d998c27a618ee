/**
 * A sweep run in this thread, run by run in run order: for scripts and notebooks. The CLI runs the same
 * runs (same scenarios, seeds and replicates) on a worker pool and journals them (`circlecast sweep`),
 * so a run's numbers are the same either way.
 */
import { loadScenario } from "../../scenarios/parse.ts";
import type { CancelSignal } from "../core/run.ts";
import { pointScenario, runOf, type PreparedSweep } from "./sweep.ts";
import { runSweepRun, type PlanOutcome } from "./sweep-run.ts";

export interface SweepRunResult {
  run: number;
  point: number;
  replicate: number;
  seed: number;
  plans: PlanOutcome[];
}

/** Every run of a prepared sweep (prepareSweep), or the runs listed, in order. */
export function* sweepRuns(prep: PreparedSweep, opts: { runs?: Iterable<number>; signal?: CancelSignal } = {}): Generator<SweepRunResult> {
  const plans = prep.sweep.plans ? prep.plans : undefined;
  for (const run of opts.runs ?? Array.from({ length: prep.runs }, (_, k) => k)) {
    const { point, replicate, seed } = runOf(prep, run);
    const s = loadScenario(pointScenario(prep, point), `sweep point ${point}`);
    yield { run, point, replicate, seed, plans: runSweepRun(s, { seed, replicate, plans, perTick: prep.perTick, signal: opts.signal }) };
  }
}
