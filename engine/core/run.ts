/**
 * One run: a plan played on a world, tick 0 … horizon. run() owns the loop, progress and
 * cancellation; the model's tick() knows nothing of them.
 */
import type { Plan } from "../../scenarios/schema/plans.ts";
import { EngineError } from "../errors.ts";
import { createCollector, type Series } from "./collect/collector.ts";
import type { Dynamics, RunTables } from "./dynamics.ts";
import { bassDynamics } from "./models/bass.ts";
import { cascadeDynamics } from "./models/cascade.ts";
import { sirDynamics } from "./models/sir.ts";
import { SOCIAL_CIRCLE_METRICS } from "./models/social-metrics.ts";
import { socialDynamics, socialMetrics } from "./models/social.ts";
import { compilePlan } from "./strategies/compile.ts";
import { thresholdDynamics } from "./models/threshold.ts";
import type { World } from "./world.ts";

export interface RunResult {
  readonly plan: string;
  readonly replicate: number;
  readonly series: Series;
  readonly tables: RunTables;
}

/** Anything with an `aborted` flag: an AbortSignal, or a plain object a worker flips. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export class CancelledError extends EngineError {
  constructor() {
    super("run cancelled");
    this.name = "CancelledError";
  }
}

export interface RunOptions {
  signal?: CancelSignal;
  /** The plan's place in scenario.plans, so a plan error names it (`plans[i].budget`); default 0. */
  planIndex?: number;
  onTick?: (t: number) => void;
}

export function createDynamics(world: World, plan: Plan, planIndex = 0): Dynamics {
  const m = world.scenario.model;
  switch (m.kind) {
    case "social":
      return socialDynamics(world, plan, planIndex);
    case "bass":
      return bassDynamics(world, m);
    case "ic":
      return cascadeDynamics(world, m);
    case "lt":
      return thresholdDynamics(world, m);
    case "sir":
    case "sis":
      return sirDynamics(world, m);
  }
}

/**
 * The metric columns a plan's run has (its dynamics' metrics and circleMetrics), without making the
 * run: a social plan is compiled, which surfaces its errors, but gets no agent state (at 1 M consumers
 * that state, a wasm memory with a copy of the ties, took 0.4 s to make).
 */
export function dynamicsMetrics(world: World, plan: Plan, planIndex = 0): { metrics: readonly string[]; circleMetrics: readonly string[] } {
  if (world.scenario.model.kind === "social") return { metrics: socialMetrics(compilePlan(world, plan, planIndex)), circleMetrics: SOCIAL_CIRCLE_METRICS.names };
  const d = createDynamics(world, plan, planIndex);
  return { metrics: d.metrics, circleMetrics: d.circleMetrics };
}

export function runPlan(world: World, plan: Plan, opts: RunOptions = {}): RunResult {
  const H = world.scenario.horizon;
  const d = createDynamics(world, plan, opts.planIndex);
  const collector = createCollector(d, H + 1, world.pop.circleCount);
  for (let t = 0; t <= H; t++) {
    if (opts.signal?.aborted) throw new CancelledError();
    d.tick(t);
    collector.collect(t);
    opts.onTick?.(t);
  }
  return { plan: plan.name, replicate: world.replicate, series: collector.series, tables: d.finish() };
}
