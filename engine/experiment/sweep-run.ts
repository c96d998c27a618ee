/**
 * One run of a sweep: replicate r of a point's scenario under the point's seed, every selected plan
 * on the same world. Returns final metrics (and derived money metrics) as plain numbers and, when
 * asked, thinned per-tick columns as typed arrays.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { column } from "../core/collect/collector.ts";
import { buildWorld } from "../core/world.ts";
import { dynamicsMetrics, type CancelSignal, type RunResult } from "../core/run.ts";
import { drive, inThisThread, replicateLoop, type PlanRunner } from "./replicates.ts";
import { WorldCache } from "./world-cache.ts";
import { derived } from "./summarize.ts";

export interface TickOptions {
  /** Keep ticks 0, every, 2·every, … and always the last. */
  every: number;
  /** Metrics to keep (null: every metric of the plan); `metric@circle` keeps one circle's per-circle metric. */
  metrics: readonly string[] | null;
}

export interface SweepRunOptions {
  seed: number;
  replicate: number;
  /** Plans to run, by name (default: all). */
  plans?: readonly string[];
  perTick?: TickOptions | null;
  signal?: CancelSignal;
  /** Keep worlds for the next runs of this thread (sweeps with common random numbers: points share worlds). */
  reuseWorlds?: boolean;
  /** Also report each per-circle metric's final value per circle, as `metric@circle` (the optimiser's circle objectives). */
  circleFinals?: boolean;
}

export interface TickSeries {
  ticks: Int32Array;
  metrics: string[];
  /** values[m][k]: metric m at ticks[k]. */
  values: Float64Array[];
}

export interface PlanOutcome {
  plan: string;
  /** Final-tick value of every metric, then the derived ones (NaN where undefined). */
  final: Record<string, number>;
  ticks?: TickSeries;
}


function outcome(s: Scenario, r: RunResult, perTick: TickOptions | null | undefined, circleFinals = false): PlanOutcome {
  const last = r.series.rows - 1;
  const final: Record<string, number> = {};
  for (const m of r.series.metrics) final[m] = column(r.series, m)[last];
  Object.assign(final, derived(s, final));
  if (circleFinals) {
    const { rows, circles: C, circleValues } = r.series;
    r.series.circleMetrics.forEach((m, mi) => s.population.circles.forEach((c, k) => (final[`${m}@${c.name}`] = circleValues[(mi * C + k) * rows + last])));
  }
  if (!perTick) return { plan: r.plan, final };
  const kept: number[] = [];
  for (let t = 0; t <= last; t += perTick.every) kept.push(t);
  if (kept[kept.length - 1] !== last) kept.push(last);
  const ticks = Int32Array.from(kept);
  // Each kept metric with its column, found once: a metric of the run, or `metric@circle`.
  const columns = (perTick.metrics ?? r.series.metrics).flatMap((m) => {
    const c = r.series.metrics.includes(m) ? column(r.series, m) : circleColumn(s, r, m);
    return c ? [{ m, c }] : [];
  });
  const metrics = columns.map(({ m }) => m);
  const values = columns.map(({ c }) => Float64Array.from(ticks, (t) => c[t]));
  return { plan: r.plan, final, ticks: { ticks, metrics, values } };
}

/** The per-tick column of `metric@circle` (a per-circle metric of one circle, named as circleFinals names it), or undefined. */
function circleColumn(s: Scenario, r: RunResult, name: string): Float64Array | undefined {
  const at = name.indexOf("@"); // metric names have no "@"; circle names may
  if (at < 0) return undefined;
  const mi = r.series.circleMetrics.indexOf(name.slice(0, at));
  const c = s.population.circles.findIndex((x) => x.name === name.slice(at + 1));
  if (mi < 0 || c < 0) return undefined;
  const { rows, circles: C, circleValues } = r.series;
  return circleValues.subarray((mi * C + c) * rows, (mi * C + c + 1) * rows);
}

/** This thread's kept worlds (a worker thread runs one sweep's runs one after another). */
const worlds = new WorldCache();
const reusing: PlanRunner<RunResult> = { world: (s, r) => worlds.get(s, r), run: inThisThread.run };

export function runSweepRun(s: Scenario, o: SweepRunOptions): PlanOutcome[] {
  const sc = { ...s, seed: o.seed };
  const runs = drive(replicateLoop(sc, o.reuseWorlds ? reusing : inThisThread, { replicates: [o.replicate], plans: o.plans, signal: o.signal }));
  return runs.map(([r]) => outcome(sc, r, o.perTick, o.circleFinals));
}

/**
 * Names of the final metrics each selected plan reports (derived ones included), from the plans
 * compiled on replicate 0's world: what a sweep's `outputs` may name. Compiling also surfaces plan
 * errors such as a budget below the planned cost.
 */
export function planMetrics(s: Scenario, plans?: readonly string[]): { plan: string; metrics: string[]; circleMetrics: string[]; final: string[] }[] {
  const world = buildWorld(s, 0);
  return s.plans.flatMap((plan, p) => (!plans || plans.includes(plan.name) ? [{ plan, p }] : [])).map(({ plan, p }) => {
    const d = dynamicsMetrics(world, plan, p);
    const metrics = [...d.metrics];
    const zero = Object.fromEntries(metrics.map((m) => [m, 0]));
    return { plan: plan.name, metrics, circleMetrics: [...d.circleMetrics], final: [...metrics, ...Object.keys(derived(s, zero))] };
  });
}
