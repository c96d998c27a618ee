/**
 * run → replicates: every plan of a scenario on the same R worlds. Replicate r's world is built
 * from the key derived from (seed, r), so the result of replicate r does not depend on which
 * other replicates run, or in which order (docs/model.md, "Randomness").
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { runPlan, type CancelSignal, type RunResult } from "../core/run.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import { buildWorld, type World } from "../core/world.ts";

export interface Progress {
  /** Plan-runs finished and in all. */
  done: number;
  total: number;
}

export interface ReplicateOptions {
  /** Replicate indices to run (default 0 … scenario.replicates − 1); results come back in this order. */
  replicates?: readonly number[];
  /** Plans to run, by name (default: all); results come back in the scenario's order. */
  plans?: readonly string[];
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
  /** Called with each replicate's world once it is built (k: its position among the requested replicates). */
  onWorld?: (world: World, k: number) => void;
}

/**
 * The replicates as steps: yields progress after each plan-run and returns runs[p][k] (plan p on the
 * k-th requested replicate). Drivers decide what happens between steps (nothing, or yielding to an
 * event loop so a worker can receive a cancel message).
 */
export function* replicateSteps(s: Scenario, opts: ReplicateOptions = {}): Generator<Progress, RunResult[][]> {
  const reps = opts.replicates ?? Array.from({ length: s.replicates }, (_, r) => r);
  // Indices into s.plans, so messages name a plan by its place in the scenario as written.
  const chosen = s.plans.flatMap((plan, p) => (!opts.plans || opts.plans.includes(plan.name) ? [p] : []));
  const runs: RunResult[][] = chosen.map(() => []);
  const total = reps.length * chosen.length;
  let done = 0;
  for (const [k, r] of reps.entries()) {
    const world = buildWorld(s, r);
    opts.onWorld?.(world, k);
    // Compile every plan before the first run, so a plan error (e.g. over budget) stops the whole job at once.
    if (k === 0 && s.model.kind === "social") for (const p of chosen) compilePlan(world, s.plans[p], p);
    for (const [q, p] of chosen.entries()) {
      runs[q].push(runPlan(world, s.plans[p], { signal: opts.signal, planIndex: p }));
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
