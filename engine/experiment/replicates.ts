/**
 * run → replicates: every plan of a scenario on the same R worlds. Replicate r's world is built
 * from the key derived from (seed, r), so the result of replicate r does not depend on which
 * other replicates run, or in which order (docs/model.md, "Randomness").
 *
 * One loop for every driver: it asks a PlanRunner for each world and each plan-run, and hands each
 * run to its driver as a step. The plain runner runs in this thread; the split runner
 * (engine/split/replicates.ts) runs each plan across a pool of threads and returns a promise. drive()
 * finishes the steps at once, driveAsync() awaits each one and yields to the event loop between them.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { CancelledError, runPlan, type CancelSignal, type RunResult } from "../core/run.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import { buildWorld, type World } from "../core/world.ts";

export interface Progress {
  /** Plan-runs finished and in all. */
  done: number;
  total: number;
}

/** How a replicate's world is built and one plan is run on it. */
export interface PlanRunner<R extends RunResult | Promise<RunResult> = RunResult | Promise<RunResult>> {
  /** The replicate's world, or a promise of it when other threads build it (engine/split/world-part.ts). */
  world(s: Scenario, replicate: number): World | Promise<World>;
  run(world: World, planIndex: number, signal?: CancelSignal): R;
}

/** Plan-runs in this thread. */
export const inThisThread: PlanRunner<RunResult> = {
  world: (s, r) => buildWorld(s, r),
  run: (world, p, signal) => runPlan(world, world.scenario.plans[p], { signal, planIndex: p }),
};

export interface ReplicateOptions {
  /** Replicate indices to run (default 0 … scenario.replicates − 1); results come back in this order. */
  replicates?: readonly number[];
  /** Plans to run, by name (default: all); results come back in the scenario's order. */
  plans?: readonly string[];
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
  /** Called with each replicate's world once it is built (k: its position among the requested replicates). */
  onWorld?: (world: World, k: number) => void;
  /** Called once every plan has run on the k-th requested replicate, with the runs so far (runs[p] has k + 1 entries). */
  onReplicate?: (runs: readonly RunResult[][], k: number) => void;
}

/** One plan-run handed to the driver (its result goes back in through next()), and the progress once it is finished. */
export interface Step<R> {
  readonly run: R;
  readonly progress: Progress;
}

/** A world being built elsewhere: the driver awaits it and sends the world back in. */
export interface WorldWait {
  readonly world: Promise<World>;
}

/** The steps of a replicate loop, returning T. */
export type Steps<R, T> = Generator<Step<R> | WorldWait, T, RunResult | World>;

/** The replicates as steps; returns runs[p][k] (plan p on the k-th requested replicate). */
export function* replicateLoop<R extends RunResult | Promise<RunResult>>(s: Scenario, runner: PlanRunner<R>, opts: ReplicateOptions = {}): Steps<R, RunResult[][]> {
  const reps = opts.replicates ?? Array.from({ length: s.replicates }, (_, r) => r);
  // Indices into s.plans, so messages name a plan by its place in the scenario as written.
  const chosen = s.plans.flatMap((plan, p) => (!opts.plans || opts.plans.includes(plan.name) ? [p] : []));
  const runs: RunResult[][] = chosen.map(() => []);
  const total = reps.length * chosen.length;
  let done = 0;
  for (const [k, r] of reps.entries()) {
    const built = runner.world(s, r);
    const world = built instanceof Promise ? ((yield { world: built }) as World) : built;
    opts.onWorld?.(world, k);
    // Compile every plan before the first run, so a plan error (e.g. over budget) stops the whole job at once.
    if (k === 0 && s.model.kind === "social") for (const p of chosen) compilePlan(world, s.plans[p], p);
    for (const [q, p] of chosen.entries()) runs[q].push((yield { run: runner.run(world, p, opts.signal), progress: { done: ++done, total } }) as RunResult);
    opts.onReplicate?.(runs, k);
  }
  return runs;
}

/** Finish the steps of a loop in this thread. */
export function drive<T>(steps: Steps<RunResult, T>, onProgress?: (p: Progress) => void): T {
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    if ("world" in step.value) throw new TypeError("drive(): a world built on other threads needs driveAsync()");
    const run = step.value.run;
    onProgress?.(step.value.progress);
    step = steps.next(run);
  }
}

/**
 * Await each step, then yield to the event loop, so that a worker can take a cancel message (or a page
 * can repaint) between plan-runs; the results are those of drive().
 */
export async function driveAsync<T>(steps: Steps<RunResult | Promise<RunResult>, T>, opts: { onProgress?: (p: Progress) => void; signal?: CancelSignal } = {}): Promise<T> {
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    if ("world" in step.value) {
      step = steps.next(await step.value.world);
      continue;
    }
    const run = await step.value.run;
    opts.onProgress?.(step.value.progress);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (opts.signal?.aborted) throw new CancelledError();
    step = steps.next(run);
  }
}

/** runs[p][k]: plan p on the k-th requested replicate, in this thread. */
export function runReplicates(s: Scenario, opts: ReplicateOptions = {}): RunResult[][] {
  return drive(replicateLoop(s, inThisThread, opts), opts.onProgress);
}
