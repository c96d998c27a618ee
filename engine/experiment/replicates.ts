/**
 * run → replicates: every plan of a scenario on the same R worlds. Replicate r's world is built
 * from the key derived from (seed, r), so the result of replicate r does not depend on which
 * other replicates run, or in which order (docs/model.md, "Randomness").
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { runPlan, type CancelSignal, type RunResult } from "../core/run.ts";
import { buildWorld } from "../core/world.ts";
import { compilePlan } from "../core/strategies/compile.ts";

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

/** runs[p][k]: plan p on the k-th requested replicate. */
export function runReplicates(s: Scenario, opts: ReplicateOptions = {}): RunResult[][] {
  const reps = opts.replicates ?? Array.from({ length: s.replicates }, (_, r) => r);
  const runs: RunResult[][] = s.plans.map(() => []);
  const total = reps.length * s.plans.length;
  let done = 0;
  for (const [k, r] of reps.entries()) {
    const world = buildWorld(s, r);
    // Compile every plan before the first run, so a plan error (e.g. over budget) stops the whole job at once.
    if (k === 0 && s.model.kind === "social") s.plans.forEach((plan, p) => compilePlan(world, plan, p));
    s.plans.forEach((plan, p) => {
      runs[p].push(runPlan(world, plan, { signal: opts.signal }));
      opts.onProgress?.({ done: ++done, total });
    });
  }
  return runs;
}
