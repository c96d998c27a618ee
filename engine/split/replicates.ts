/**
 * Simulations whose runs are each split across a pool of threads: the replicate loop of
 * engine/experiment/replicates.ts with a runner that builds each world on the pool straight into
 * SharedArrayBuffers (world-split.ts), lays out the split memory once per world, and runs every plan on the pool.
 * The same worlds, the same runs in the same order, the same results, bit for bit.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import { emptyTables } from "../core/dynamics.ts";
import type { Series } from "../core/collect/collector.ts";
import type { CancelSignal, RunResult } from "../core/run.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import type { World } from "../core/world.ts";
import type { PlanRunner } from "../experiment/replicates.ts";
import { simulateAsync, type SimulateOptions, type Simulation } from "../experiment/simulate.ts";
import { cascadeSeries } from "./cascade-part.ts";
import { layoutCascade, type CascadeShared } from "./layout.ts";
import type { PartPool } from "./pool.ts";
import { buildWorldSplit } from "./world-split.ts";
import { layoutSocial, mergeParts, type PartResult, type SocialJob, type SocialShared } from "./social-part.ts";

/** The model kinds a run can be split for. */
export const SPLIT_MODELS = ["social", "ic"] as const;

/** Where split runs get their threads (Node worker_threads, Web Workers): a pool per simulation, closed after it. */
export interface SplitThreads {
  start(workers: number): Promise<PartPool>;
  /** Why runs cannot be split here now (e.g. no shared memory), or undefined when they can. */
  cannot?(): string | undefined;
}

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

/** One IC run on memory laid out with its job (layoutCascade): its series, from the parts' counts. */
export async function runCascadeSplit(pool: PartPool, shared: CascadeShared, signal?: CancelSignal): Promise<Series> {
  await pool.run((index) => ({ kind: "ic", shared, index }), shared, signal);
  return cascadeSeries(shared);
}

/** One social run of plan `job.planIndex` (`postWorld`: false when the threads already hold job.world): the parts' counts merged. */
export async function runSocialSplit(pool: PartPool, job: SocialJob, shared: SocialShared, signal?: CancelSignal, postWorld = true): Promise<RunResult> {
  return mergeParts(job, await runSocialParts(pool, job, shared, signal, postWorld));
}

/** The parts of one social run, in worker order, before they are merged (partImbalance reads them). */
export async function runSocialParts(pool: PartPool, job: SocialJob, shared: SocialShared, signal?: CancelSignal, postWorld = true): Promise<PartResult[]> {
  const world = postWorld ? job.world : undefined;
  return (await pool.run((index) => ({ kind: "social", world, planIndex: job.planIndex, shared, index }), shared, signal)) as PartResult[];
}

/** A runner whose plan-runs are split across `pool`'s threads (social and IC scenarios). */
export function splitRunner(pool: PartPool): PlanRunner<Promise<RunResult>> {
  let cascade: CascadeShared | undefined;
  let social: SocialShared | undefined;
  let posted: World | undefined; // the world the part threads hold (social runs)
  return {
    async world(s, r) {
      const world = await buildWorldSplit(pool, s, r);
      const m = s.model;
      if (m.kind === "ic") {
        cascade = layoutCascade(world, pool.workers, { spins: pool.spins });
      } else {
        // Compiled here too, so that a plan's error is reported from this thread, before any part starts.
        social = layoutSocial(world, pool.workers, s.plans.map((plan, p) => compilePlan(world, plan, p)), { spins: pool.spins });
      }
      return world;
    },
    async run(world, p, signal) {
      const plan = world.scenario.plans[p].name;
      if (world.scenario.model.kind === "ic") return { plan, replicate: world.replicate, series: await runCascadeSplit(pool, cascade!, signal), tables: emptyTables() };
      const post = world !== posted;
      posted = world;
      return runSocialSplit(pool, { world, planIndex: p }, social!, signal, post);
    },
  };
}

/** simulate() with each run split across `workers` threads from `threads`; the same Simulation, bit for bit. */
export async function simulateSplitOn(scenario: Scenario, workers: number, opts: SimulateOptions, threads: SplitThreads): Promise<Simulation> {
  checkSplittable(scenario, `--threads ${workers}`);
  const pool = await threads.start(workers);
  try {
    return await simulateAsync(scenario, { ...opts, runner: splitRunner(pool) });
  } finally {
    await pool.close();
  }
}
