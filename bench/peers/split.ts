/**
 * Circlecast with one run split across W threads (engine/core/parallel/, engine/node/split-run.ts) on
 * the peers' case: the same graph built straight into SharedArrayBuffers, the same replicate keys as
 * the one-thread Circlecast peer, so every replicate's spread must be equal exactly. The threads are
 * started once (timed apart); a timed run is pool.run plus rebuilding the series, as runPlan's time
 * includes its collector. Variants (W) are interleaved replicate by replicate.
 */
import { sharedArrays } from "../../engine/core/network/csr.ts";
import { scanImbalance, setCascadeJob, splitRequests, splitSeries, splitWorld, type CascadeModel } from "../../engine/core/parallel/split-cascade.ts";
import { PARKED } from "../../engine/core/parallel/barrier.ts";
import { splitBytes } from "../../engine/core/parallel/split-layout.ts";
import { replicateKey } from "../../engine/core/rng/seed.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { startSplitPool } from "../../engine/node/split-run.ts";
import { median } from "../util.ts";
import type { CascadeCase, CascadeRun } from "./graph.ts";

export interface SplitDiagnostics {
  workers: number;
  /** Building the case's network straight into SharedArrayBuffers (the whole generation; no copy). */
  sharedBuildMs: number;
  /** Laying out the split memory (bitmaps, outboxes, counts) once per world. */
  layoutMs: number;
  /** Starting the W − 1 worker threads (tsx boot included), once. */
  startMs: number;
  /** Split memory beyond the CSR, per agent. */
  bytesPerAgent: number;
  /** Ticks run per cascade (median): the run stops on the first tick that activates nobody. */
  ticks: number;
  /** Barrier waits that parked (futex) per run, all threads (median). */
  parkedPerRun: number;
  /** Σ_t max_w attempts / Σ_t mean_w attempts (median): how uneven the scan work was. */
  imbalance: number;
  /** Activation requests sent across owners ÷ spread (median). */
  requestShare: number;
  /** Every replicate's series equals the one-thread Circlecast run's spread exactly. */
  identical: boolean;
}

export async function runSplit(c: CascadeCase, workersList: number[], reps: number, reference: CascadeRun[]): Promise<{ runs: Map<number, CascadeRun[]>; diagnostics: SplitDiagnostics[] }> {
  let t0 = performance.now();
  const world = buildWorld(c.scenario, 0, { alloc: sharedArrays });
  const sharedBuildMs = performance.now() - t0;
  if (world.net.csr.targets.length !== c.targets.length) throw new Error("split: the shared-built network differs from the case's");
  const variants = [];
  for (const W of workersList) {
    t0 = performance.now();
    const pool = await startSplitPool(W);
    const startMs = performance.now() - t0;
    t0 = performance.now();
    const shared = splitWorld(world, W, { spins: pool.spins });
    const layoutMs = performance.now() - t0;
    variants.push({ W, pool, shared, startMs, layoutMs, runs: [] as CascadeRun[], ticks: [] as number[], parked: [] as number[], imbalance: [] as number[], requests: [] as number[] });
  }
  const model = c.scenario.model as CascadeModel;
  for (let r = 0; r < reps; r++) {
    const w = { ...world, replicate: r, key: replicateKey(c.scenario.seed, r) };
    for (const v of variants) {
      setCascadeJob(v.shared, w, model);
      const parked0 = v.shared.control.subarray(PARKED).reduce((a, b) => a + b, 0);
      const t = performance.now();
      v.pool.run(v.shared);
      const series = splitSeries(v.shared);
      const ms = performance.now() - t;
      const rows = series.rows;
      const spread = series.values[rows - 1], attempts = series.values[3 * rows - 1];
      v.runs.push({ spread, attempts, ms });
      let last = 0;
      for (let k = 0; k < rows; k++) if (series.values[rows + k] > 0) last = k;
      v.ticks.push(last + 2); // ticks 0 … last activate someone; tick last + 1 finds nothing and stops
      v.parked.push(v.shared.control.subarray(PARKED).reduce((a, b) => a + b, 0) - parked0);
      v.imbalance.push(scanImbalance(v.shared));
      v.requests.push(splitRequests(v.shared) / spread);
    }
  }
  const runs = new Map<number, CascadeRun[]>();
  const diagnostics: SplitDiagnostics[] = [];
  for (const v of variants) {
    await v.pool.close();
    const identical = v.runs.length === reference.length && v.runs.every((x, r) => x.spread === reference[r].spread && x.attempts === reference[r].attempts);
    if (!identical) throw new Error(`split (${v.W} workers): spreads differ from the one-thread Circlecast run's`);
    runs.set(v.W, v.runs);
    diagnostics.push({
      workers: v.W, sharedBuildMs, layoutMs: v.layoutMs, startMs: v.startMs,
      bytesPerAgent: splitBytes(v.shared) / c.n,
      ticks: median(v.ticks), parkedPerRun: median(v.parked), imbalance: median(v.imbalance), requestShare: median(v.requests), identical,
    });
  }
  return { runs, diagnostics };
}
