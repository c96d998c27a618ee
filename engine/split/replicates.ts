/**
 * runReplicates for a scenario whose runs are each split across workers (engine/split/):
 * the same worlds, the same runs in the same order, the same results. The world's network is built
 * straight into SharedArrayBuffers; the runner (worker threads in Node, Web Workers in a browser)
 * runs the parts. Independent Cascade and social runs alike: every part runs on a thread of
 * its own and the driver waits asynchronously, so it sees a part that dies.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import { emptyTables } from "../core/dynamics.ts";
import { sharedArrays } from "../core/network/csr.ts";
import { setCascadeJob, splitSeries, splitWorld } from "./cascade.ts";
import { layoutSocial, type SocialJob, type SocialShared } from "./social-part.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import type { SplitShared } from "./layout.ts";
import { CancelledError, type CancelSignal, type RunResult } from "../core/run.ts";
import { simulateStepsAsync, type SimulateOptions, type Simulation } from "../experiment/simulate.ts";
import { buildWorld, type World } from "../core/world.ts";
import type { Progress } from "../experiment/replicates.ts";

/** Runs one split run to completion (all W parts) on memory laid out for `workers`. */
export interface SplitRunner {
  readonly workers: number;
  /** Barrier spins before parking (default: barrier.ts DEFAULT_SPINS; 0 where workers outnumber cores). */
  readonly spins?: number;
  run(shared: SplitShared): Promise<void>;
}

/** Runs social runs split across its threads; resolves with the merged result. */
export interface SocialSplitRunner {
  readonly workers: number;
  readonly spins?: number;
  run(job: SocialJob, shared: SocialShared, signal?: CancelSignal): Promise<RunResult>;
}

/** The model kinds a run can be split for. */
export const SPLIT_MODELS = ["social", "ic"] as const;

/** Throws a ScenarioError (exit 2) when the runs of `s` cannot be split; `flag` is the option as given (`--threads 2`). */
export function checkSplittable(s: Scenario, flag: string): void {
  if ((SPLIT_MODELS as readonly string[]).includes(s.model.kind)) return;
  const supported = SPLIT_MODELS.map((k) => `"${k}"`).join(", ");
  throw new ScenarioError(
    [{ path: "model.kind", received: JSON.stringify(s.model.kind), message: `expected ${supported}: ${flag} splits one run across workers for model.kind ${supported} only; run this scenario without it (a sweep spreads replicates over workers)` }],
    s.name,
    `${flag} cannot split this scenario's runs`,
  );
}

/**
 * Replicate by replicate: build the world into shared memory, lay out the split memory once, run every
 * plan on it in order; yields progress after each plan-run and returns runs[p][k] like replicateSteps.
 */
async function* splitRuns<L>(
  s: Scenario,
  onWorld: ((world: World) => void) | undefined,
  signal: CancelSignal | undefined,
  layout: (world: World) => L,
  run: (memory: L, world: World, plan: number) => Promise<RunResult>,
): AsyncGenerator<Progress, RunResult[][]> {
  const runs: RunResult[][] = s.plans.map(() => []);
  const total = s.replicates * s.plans.length;
  let done = 0;
  for (let r = 0; r < s.replicates; r++) {
    const world = buildWorld(s, r, { alloc: sharedArrays });
    onWorld?.(world);
    const memory = layout(world);
    for (let p = 0; p < s.plans.length; p++) {
      if (signal?.aborted) throw new CancelledError();
      runs[p].push(await run(memory, world, p));
      yield { done: ++done, total };
    }
  }
  return runs;
}

/** The replicates of an Independent Cascade scenario, each run split across the runner's threads; `onWorld` sees each world once built. */
export function splitReplicates(s: Scenario, runner: SplitRunner, onWorld?: (world: World) => void, signal?: CancelSignal): AsyncGenerator<Progress, RunResult[][]> {
  checkSplittable(s, `--threads ${runner.workers}`);
  const m = s.model;
  if (m.kind !== "ic") throw new RangeError("splitReplicates runs Independent Cascade scenarios; social runs split with splitSocialReplicates");
  const layout = (world: World) => {
    const shared = splitWorld(world, runner.workers, { spins: runner.spins });
    setCascadeJob(shared, world, m); // the job depends on the world and the model, not on the plan
    return shared;
  };
  return splitRuns(s, onWorld, signal, layout, async (shared, world, p) => {
    await runner.run(shared);
    return { plan: s.plans[p].name, replicate: world.replicate, series: splitSeries(shared), tables: emptyTables() };
  });
}

/** The replicates of a social scenario, each run split across the runner's threads. */
export function splitSocialReplicates(s: Scenario, runner: SocialSplitRunner, onWorld?: (world: World) => void, signal?: CancelSignal): AsyncGenerator<Progress, RunResult[][]> {
  const layout = (world: World) => {
    // Compiled here too, so that a plan's error is reported from this thread, before any part starts.
    const cases = Math.max(0, ...s.plans.map((plan, p) => compilePlan(world, plan, p).caseCount));
    return layoutSocial(world, runner.workers, cases, { spins: runner.spins });
  };
  return splitRuns(s, onWorld, signal, layout, (shared, world, p) => runner.run({ world, planIndex: p }, shared, signal));
}

/** Where split runs get their threads: a pool per simulation, closed after it (Node worker_threads, Web Workers). */
export interface SplitThreads {
  social(workers: number): Promise<SocialSplitRunner & { close(): Promise<void> }>;
  cascade(workers: number): Promise<SplitRunner & { close(): Promise<void> }>;
}

/** How an engine splits a run across threads (the worker entry knows its platform's threads). */
export interface SplitSupport extends SplitThreads {
  /** Why runs cannot be split here now, or undefined when they can. */
  cannot(): string | undefined;
}

/** simulate() with each run split across `workers` threads (social and IC scenarios: checkSplittable); the same Simulation, bit for bit. */
export async function simulateSplitOn(scenario: Scenario, workers: number, opts: SimulateOptions, threads: SplitThreads): Promise<Simulation> {
  checkSplittable(scenario, `--threads ${workers}`);
  if (scenario.model.kind === "social") {
    const pool = await threads.social(workers);
    try {
      return await simulateStepsAsync(scenario, opts, (s, onWorld) => splitSocialReplicates(s, pool, onWorld, opts.signal));
    } finally {
      await pool.close();
    }
  }
  const pool = await threads.cascade(workers);
  try {
    return await simulateStepsAsync(scenario, opts, (s, onWorld) => splitReplicates(s, pool, onWorld, opts.signal));
  } finally {
    await pool.close();
  }
}
