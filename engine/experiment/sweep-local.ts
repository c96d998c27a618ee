/**
 * A sweep run in this thread, run by run in run order: for scripts and notebooks. The CLI runs the same
 * runs (same scenarios, seeds and replicates) on a worker pool and journals them (`circlecast sweep`),
 * so a run's numbers are the same either way.
 */
import { loadScenario } from "../../scenarios/parse.ts";
import type { CancelSignal } from "../core/run.ts";
import { runOf, runRequest, type PreparedSweep } from "./sweep.ts";
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
  for (const run of opts.runs ?? Array.from({ length: prep.runs }, (_, k) => k)) {
    const { point } = runOf(prep, run);
    const { scenario, ...req } = runRequest(prep, run);
    const s = loadScenario(scenario, `sweep point ${point}`);
    yield { run, point, replicate: req.replicate, seed: req.seed, plans: runSweepRun(s, { ...req, signal: opts.signal }) };
  }
}
