/**
 * Thread side of an Independent Cascade run split across W workers: part w runs the one IC kernel
 * (core/models/cascade.ts) on the shared memory, meeting the other parts at a barrier where the kernel
 * exchanges requests. The result is bit-identical to the plain run for any W. Also: how the last run's
 * work fell on the parts (bench diagnostics).
 */
import { createCollector, type Series } from "../core/collect/collector.ts";
import { bindMetrics } from "../core/metrics.ts";
import { activationCounts, ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS } from "../core/models/activation.ts";
import { addCascadeTick, cascadePart, STATS_ATTEMPTS, STATS_REQUESTS, statsStride, type CascadeMemory } from "../core/models/cascade.ts";
import { barrier } from "./barrier.ts";
import type { CascadeShared } from "./layout.ts";

/**
 * Run part w of the run described by `s.job`; the caller runs every w in 0 … W − 1 at the same time,
 * one thread each (W = s.workers). Returns when the run is complete: `s.stats` then holds every part's
 * counts. Throws SplitAborted when another worker failed; a worker that fails must call
 * abortBarrier(s.control), or the others wait for it forever.
 */
export function runCascadePart(s: CascadeShared, w: number): void {
  const sync = () => barrier(s.control, s.workers, w, s.spins);
  const part = cascadePart(s, w, sync);
  for (let t = 0; t <= s.horizon; t++) if (!part.tick(t)) break; // every part sees the same counts, so all stop on the same tick
  sync(); // after the last barrier every part's counts are in
}

/** The series of a finished run from its parts' counts, collected by the activation metrics (a plain run's collector reads the same counts tick by tick: cascadeDynamics). */
export function cascadeSeries(mem: CascadeMemory): Series {
  const rows = mem.horizon + 1;
  const counts = activationCounts(mem.circles);
  const collector = createCollector(bindMetrics(ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS, counts), rows, mem.circles);
  for (let t = 0; t < rows; t++) {
    addCascadeTick(mem, t, counts);
    collector.collect(t);
  }
  return collector.series;
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
