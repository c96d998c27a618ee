/**
 * An Independent Cascade run split across workers, seen from the thread that drives it: the shared
 * memory for a world, the run parameters (the same key, threshold and seeds as models/cascade.ts),
 * and the per-tick series rebuilt from the workers' counts exactly as the single-threaded collector
 * reports them (every count is an integer, summed in worker order).
 */
import type { Model } from "../../scenarios/schema/model.ts";
import { createCollector, type Series } from "../core/collect/collector.ts";
import { bindMetrics } from "../core/collect/metrics.ts";
import { activationCounts, ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS } from "../core/models/activation.ts";
import { cascadeParams } from "../core/models/cascade.ts";
import { seedCount } from "../core/models/seeds.ts";
import type { World } from "../core/world.ts";
import { allocateSplit, JOB_KEY, JOB_SEED_COUNT, JOB_THRESHOLD, shareCsr, STATS_ATTEMPTS, STATS_CIRCLES, STATS_REQUESTS, statsStride, type SplitShared } from "./layout.ts";

export type CascadeModel = Extract<Model, { kind: "ic" }>;

/** Shared memory for split runs on this world with `workers` workers (the CSR is copied unless it is already shared). */
export function splitWorld(world: World, workers: number, opts: { spins?: number } = {}): SplitShared {
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
export function setCascadeJob(s: SplitShared, world: World, m: CascadeModel): void {
  const { key, seeds, threshold } = cascadeParams(world, m);
  s.job[JOB_KEY] = key;
  s.job[JOB_THRESHOLD] = threshold ?? NaN;
  if (seeds.length > s.seeds.length) throw new RangeError(`setCascadeJob: ${seeds.length} seeds, the memory holds ${s.seeds.length}`);
  s.job[JOB_SEED_COUNT] = seeds.length;
  s.seeds.set(seeds);
}

/** The run's series, collected by the activation model's own metric declarations from the workers' counts (integers, summed in worker order). */
export function splitSeries(s: SplitShared): Series {
  const H = s.horizon, C = s.circles, rows = H + 1, stride = statsStride(C);
  const counts = activationCounts(C);
  const collector = createCollector(bindMetrics(ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS, counts), rows, C);
  for (let t = 0; t <= H; t++) {
    counts.fresh = 0;
    for (let w = 0; w < s.workers; w++) {
      const row = (w * rows + t) * stride;
      counts.attempts += s.stats[row + STATS_ATTEMPTS];
      for (let c = 0; c < C; c++) {
        const k = s.stats[row + STATS_CIRCLES + c];
        counts.fresh += k;
        counts.byCircle[c] += k;
      }
    }
    counts.active += counts.fresh;
    collector.collect(t);
  }
  return collector.series;
}

/**
 * How unevenly the scan work fell on the workers: Σ_t max_w attempts / Σ_t mean_w attempts (1: perfectly
 * even; W: one worker did everything). The barrier makes every tick as slow as its busiest worker.
 */
export function scanImbalance(s: SplitShared): number {
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
export function splitRequests(s: SplitShared): number {
  const stride = statsStride(s.circles);
  let sum = 0;
  for (let k = STATS_REQUESTS; k < s.stats.length; k += stride) sum += s.stats[k];
  return sum;
}
