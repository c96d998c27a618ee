/**
 * run → replicates: every plan of a scenario on the same R worlds. Replicate r's world is built
 * from the key derived from (seed, r), so the result of replicate r does not depend on which
 * other replicates run, or in which order (docs/model.md, "Randomness").
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { runPlan, type CancelSignal, type RunResult } from "../core/run.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import { buildWorld } from "../core/world.ts";

export interface Progress {
  /** Plan-runs finished and in all. */
  done: number;
  total: number;
}

export interface ReplicateOptions {
  /** Replicate indices to run (default 0 … scenario.replicates − 1); results come back in this order. */
  replicates?: readonly number[];
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
}

/**
 * The replicates as steps: yields progress after each plan-run and returns runs[p][k] (plan p on the
 * k-th requested replicate). Drivers decide what happens between steps (nothing, or yielding to an
 * event loop so a worker can receive a cancel message).
 */
export function* replicateSteps(s: Scenario, opts: ReplicateOptions = {}): Generator<Progress, RunResult[][]> {
  const reps = opts.replicates ?? Array.from({ length: s.replicates }, (_, r) => r);
  const runs: RunResult[][] = s.plans.map(() => []);
  const total = reps.length * s.plans.length;
  let done = 0;
  for (const [k, r] of reps.entries()) {
    const world = buildWorld(s, r);
    // Compile every plan before the first run, so a plan error (e.g. over budget) stops the whole job at once.
    if (k === 0 && s.model.kind === "social") s.plans.forEach((plan, p) => compilePlan(world, plan, p));
    for (let p = 0; p < s.plans.length; p++) {
      runs[p].push(runPlan(world, s.plans[p], { signal: opts.signal }));
      yield { done: ++done, total };
    }
  }
  return runs;
}

/** runs[p][k]: plan p on the k-th requested replicate. */
export function runReplicates(s: Scenario, opts: ReplicateOptions = {}): RunResult[][] {
  const steps = replicateSteps(s, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    opts.onProgress?.(step.value);
  }
}
