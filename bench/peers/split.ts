/**
 * Circlecast with one run split across W threads (engine/split/, engine/split/node-threads.ts) on
 * the peers' case: the same graph built straight into SharedArrayBuffers, the same replicate keys as
 * the one-thread Circlecast peer, so every replicate's spread must be equal exactly. The threads are
 * started once (timed apart); a timed run is pool.run plus rebuilding the series, as runPlan's time
 * includes its collector. The machine is shared, so the split variants and the C reference run in
 * rounds, interleaved: round k times a few C cascades, then the same number of runs of each variant,
 * and the ratio to C is taken within each round (paired), then its median over rounds.
 */
import os from "node:os";
import { buildWorld, replicateKey } from "../../engine/index.ts";
import { sharedArrays } from "../../engine/core/memory.ts";
import { setCascadeJob, type CascadeModel } from "../../engine/core/models/cascade.ts";
import { cascadeSeries, scanImbalance, splitRequests } from "../../engine/split/cascade-part.ts";
import { PARKED } from "../../engine/split/barrier.ts";
import { layoutCascade, splitBytes } from "../../engine/split/layout.ts";
import { startPool } from "../../engine/split/node-threads.ts";
import { runCascadeSplit } from "../../engine/split/replicates.ts";
import { median } from "../util.ts";
import { runReferenceFile, writeReferenceInput } from "./c.ts";
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
  /** Every replicate's spread and attempts equal the one-thread Circlecast run's. */
  identical: boolean;
  /** Time per tie relative to the C reference, paired by round: median over rounds of (C ties/s ÷ this ties/s); null without gcc. */
  pairedVsC: number | null;
  /** The same ratio in each round, with the 1-minute load average when the round started. */
  rounds: { vsC: number | null; load: number }[];
}

const tps = (runs: CascadeRun[]) => median(runs.map((r) => (r.attempts / r.ms) * 1000));

/** `rounds` × `perRound` replicates (0, 1, …) per worker count; `reference` holds the one-thread Circlecast runs of the same replicates. */
export async function runSplit(c: CascadeCase, workersList: number[], rounds: number, perRound: number, reference: CascadeRun[], exe: string | null): Promise<{ runs: Map<number, CascadeRun[]>; diagnostics: SplitDiagnostics[] }> {
  let t0 = performance.now();
  const world = buildWorld(c.scenario, 0, { alloc: sharedArrays });
  const sharedBuildMs = performance.now() - t0;
  if (world.net.csr.targets.length !== c.targets.length) throw new Error("split: the shared-built network differs from the case's");
  const variants = [];
  for (const W of workersList) {
    t0 = performance.now();
    const pool = await startPool(W);
    const startMs = performance.now() - t0;
    t0 = performance.now();
    const shared = layoutCascade(world, W, { spins: pool.spins });
    const layoutMs = performance.now() - t0;
    variants.push({ W, pool, shared, startMs, layoutMs, runs: [] as CascadeRun[], ticks: [] as number[], parked: [] as number[], imbalance: [] as number[], requests: [] as number[], rounds: [] as { vsC: number | null; load: number }[] });
  }
  const cInput = exe ? writeReferenceInput(c, perRound) : null;
  const model = c.scenario.model as CascadeModel;
  for (let k = 0; k < rounds; k++) {
    const load = os.loadavg()[0];
    const cTps = exe && cInput ? tps(runReferenceFile(exe, cInput, perRound)) : null;
    const mark = variants.map((v) => v.runs.length);
    for (let q = 0; q < perRound; q++) {
      const r = k * perRound + q;
      const w = { ...world, replicate: r, key: replicateKey(c.scenario.seed, r) };
      for (const v of variants) {
        setCascadeJob(v.shared, w, model);
        const parked0 = v.shared.control.subarray(PARKED).reduce((a, b) => a + b, 0);
        const t = performance.now();
        await runCascadeSplit(v.pool, v.shared);
        const series = cascadeSeries(v.shared);
        const ms = performance.now() - t;
        const rows = series.rows;
        const spread = series.values[rows - 1], attempts = series.values[3 * rows - 1];
        v.runs.push({ spread, attempts, ms });
        let last = 0;
        for (let i = 0; i < rows; i++) if (series.values[rows + i] > 0) last = i;
        v.ticks.push(Math.min(rows, last + 2)); // ticks 0 … last activate someone; tick last + 1 finds nothing and stops
        v.parked.push(v.shared.control.subarray(PARKED).reduce((a, b) => a + b, 0) - parked0);
        v.imbalance.push(scanImbalance(v.shared));
        v.requests.push(splitRequests(v.shared) / spread);
      }
    }
    // Round 0's first run of each variant is its warm-up (as stats() drops it): left out of round 0's ratio.
    for (const [i, v] of variants.entries()) v.rounds.push({ vsC: cTps === null ? null : cTps / tps(v.runs.slice(mark[i] + (k === 0 ? 1 : 0))), load });
  }
  const runs = new Map<number, CascadeRun[]>();
  const diagnostics: SplitDiagnostics[] = [];
  for (const v of variants) {
    await v.pool.close();
    const identical = v.runs.length === reference.length && v.runs.every((x, r) => x.spread === reference[r].spread && x.attempts === reference[r].attempts);
    if (!identical) throw new Error(`split (${v.W} workers): spreads differ from the one-thread Circlecast run's`);
    runs.set(v.W, v.runs);
    const ratios = v.rounds.map((x) => x.vsC).filter((x): x is number => x !== null);
    diagnostics.push({
      workers: v.W, sharedBuildMs, layoutMs: v.layoutMs, startMs: v.startMs,
      bytesPerAgent: splitBytes(v.shared) / c.n,
      ticks: median(v.ticks), parkedPerRun: median(v.parked), imbalance: median(v.imbalance), requestShare: median(v.requests), identical,
      pairedVsC: ratios.length ? median(ratios) : null, rounds: v.rounds,
    });
  }
  return { runs, diagnostics };
}
