/**
 * An Independent Cascade run split across workers, seen from the thread that drives it: the shared
 * memory for a world, the run parameters (the same key, threshold and seeds as models/cascade.ts),
 * and the per-tick series rebuilt from the workers' counts exactly as the single-threaded collector
 * reports them (every count is an integer, summed in worker order).
 */
import type { Model } from "../../scenarios/schema/model.ts";
import type { Series } from "../core/collect/collector.ts";
import { ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS } from "../core/models/activation.ts";
import { cascadeParams } from "../core/models/cascade.ts";
import { seedCount } from "../core/models/seeds.ts";
import type { World } from "../core/world.ts";
import { allocateSplit, JOB_KEY, JOB_SEED_COUNT, JOB_THRESHOLD, shareCsr, STATS_ATTEMPTS, STATS_CIRCLES, STATS_REQUESTS, statsStride, type CascadeShared } from "./layout.ts";

export type CascadeModel = Extract<Model, { kind: "ic" }>;

/** Shared memory for split runs on this world with `workers` workers (the CSR is copied unless it is already shared). */
export function splitWorld(world: World, workers: number, opts: { spins?: number } = {}): CascadeShared {
  const m = world.scenario.model;
  return allocateSplit({
    spins: opts.spins,
    maxSeeds: m.kind === "ic" ? seedCount(m.seeds, world.pop.consumers) : undefined,
    csr: shareCsr(world.net.csr),
    consumers: world.pop.consumers,
    circleStart: world.pop.circleStart,
    horizon: world.scenario.horizon,
    workers,
  });
}

/**
 * Write the parameters of the IC run of `world` (its key: the replicate's) into `s`: the model key, the
 * threshold p · 2³² (NaN: each tie's weight) and the seeds, drawn exactly as cascadeDynamics draws them.
 */
export function setCascadeJob(s: CascadeShared, world: World, m: CascadeModel): void {
  const { key, seeds, threshold } = cascadeParams(world, m);
  s.job[JOB_KEY] = key;
  s.job[JOB_THRESHOLD] = threshold ?? NaN;
  if (seeds.length > s.seeds.length) throw new RangeError(`setCascadeJob: ${seeds.length} seeds, the memory holds ${s.seeds.length}`);
  s.job[JOB_SEED_COUNT] = seeds.length;
  s.seeds.set(seeds);
}

/** The run's series (active, newActive, attempts; active per circle), as the collector of runPlan writes them. */
export function splitSeries(s: CascadeShared): Series {
  const H = s.horizon, C = s.circles, rows = H + 1, stride = statsStride(C);
  const values = new Float64Array(ACTIVATION_METRICS.length * rows);
  const circleValues = new Float64Array(ACTIVATION_CIRCLE_METRICS.length * C * rows);
  const byCircle = new Float64Array(C);
  let active = 0, attempts = 0;
  for (let t = 0; t <= H; t++) {
    let fresh = 0;
    for (let w = 0; w < s.workers; w++) {
      const row = (w * rows + t) * stride;
      attempts += s.stats[row + STATS_ATTEMPTS];
      for (let c = 0; c < C; c++) {
        const k = s.stats[row + STATS_CIRCLES + c];
        fresh += k;
        byCircle[c] += k;
      }
    }
    active += fresh;
    values[t] = active;
    values[rows + t] = fresh;
    values[2 * rows + t] = attempts;
    for (let c = 0; c < C; c++) circleValues[c * rows + t] = byCircle[c];
  }
  return { metrics: ACTIVATION_METRICS, circleMetrics: ACTIVATION_CIRCLE_METRICS, rows, circles: C, values, circleValues };
}

/**
 * How unevenly the scan work fell on the workers: Σ_t max_w attempts / Σ_t mean_w attempts (1: perfectly
 * even; W: one worker did everything). The barrier makes every tick as slow as its busiest worker.
 */
export function scanImbalance(s: CascadeShared): number {
  const rows = s.horizon + 1, stride = statsStride(s.circles);
  let sumMax = 0, sumMean = 0;
  for (let t = 0; t < rows; t++) {
    let max = 0, sum = 0;
    for (let w = 0; w < s.workers; w++) {
      const a = s.stats[(w * rows + t) * stride + STATS_ATTEMPTS];
      max = Math.max(max, a);
      sum += a;
    }
    sumMax += max;
    sumMean += sum / s.workers;
  }
  return sumMean > 0 ? sumMax / sumMean : 1;
}

/** Activation requests sent between workers in the last run, in all (0 with one worker). */
export function splitRequests(s: CascadeShared): number {
  const stride = statsStride(s.circles);
  let sum = 0;
  for (let k = STATS_REQUESTS; k < s.stats.length; k += stride) sum += s.stats[k];
  return sum;
}
