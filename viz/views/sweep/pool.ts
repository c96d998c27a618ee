/**
 * A pool of engine workers for a browser sweep: runs go out in index order, one at a time per worker,
 * and each result is handed over with its run index as soon as it arrives (the caller files it by
 * index, so completion order never matters). Progress gives done/total, rate and ETA. Cancel
 * terminates every worker at once; a failed run stops the sweep and says which run failed.
 */
import type { SweepRunRequest, SweepRunResponse } from "../../../engine/viewer.ts";

export interface PoolWorker {
  sweepRun(req: SweepRunRequest): Promise<SweepRunResponse>;
  terminate(): void;
}

export interface PoolProgress {
  done: number;
  total: number;
  workers: number;
  /** Seconds since the start. */
  elapsed: number;
  /** Runs per second so far (0 before the first). */
  rate: number;
  /** Seconds left at that rate (NaN before the first run). */
  eta: number;
}

export type PoolEnd =
  | { status: "done"; progress: PoolProgress }
  | { status: "cancelled"; progress: PoolProgress }
  | { status: "failed"; progress: PoolProgress; run: number; response?: Extract<SweepRunResponse, { ok: false }>; message: string };

export interface PoolOptions {
  /** Run indices to do, in the order to start them. */
  runs: readonly number[];
  workers: number;
  spawn: (index: number) => PoolWorker;
  request: (run: number) => SweepRunRequest;
  onResult: (run: number, r: Extract<SweepRunResponse, { ok: true }>) => void;
  onProgress?: (p: PoolProgress) => void;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
}

export interface PoolHandle {
  readonly done: Promise<PoolEnd>;
  cancel(): void;
}

/** Workers for a sweep of `runs` runs on this machine: one per core, at most `cap`, at least 1. */
export function workerCount(runs: number, cores: number | undefined, cap = 8): number {
  return Math.max(1, Math.min(cap, cores && cores > 0 ? cores : 2, runs));
}

export function runPool(o: PoolOptions): PoolHandle {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const total = o.runs.length;
  const size = total === 0 ? 0 : Math.max(1, Math.min(o.workers, total));
  const workers: PoolWorker[] = [];
  let next = 0;
  let done = 0;
  let over = false;
  let finish!: (e: PoolEnd) => void;
  const result = new Promise<PoolEnd>((resolve) => (finish = resolve));

  const progress = (): PoolProgress => {
    const elapsed = (now() - t0) / 1000;
    const rate = done > 0 && elapsed > 0 ? done / elapsed : 0;
    return { done, total, workers: size, elapsed, rate, eta: rate > 0 ? (total - done) / rate : NaN };
  };
  const end = (e: PoolEnd) => {
    if (over) return;
    over = true;
    for (const w of workers) w.terminate();
    finish(e);
  };

  async function loop(w: PoolWorker): Promise<void> {
    while (!over && next < total) {
      const run = o.runs[next++];
      let r: SweepRunResponse;
      try {
        r = await w.sweepRun(o.request(run));
      } catch (e) {
        end({ status: "failed", progress: progress(), run, message: `the engine worker failed: ${(e as Error)?.message ?? String(e)}` });
        return;
      }
      if (over) return;
      if (!r.ok) {
        end({ status: "failed", progress: progress(), run, response: r, message: r.message });
        return;
      }
      done++;
      o.onResult(run, r);
      o.onProgress?.(progress());
    }
    if (!over && done === total) end({ status: "done", progress: progress() });
  }

  if (total === 0) end({ status: "done", progress: progress() });
  for (let i = 0; i < size; i++) {
    const w = o.spawn(i);
    workers.push(w);
    void loop(w);
  }
  o.onProgress?.(progress());
  return {
    done: result,
    cancel: () => end({ status: "cancelled", progress: progress() }),
  };
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return "…";
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  return `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, "0")} s`;
}

/** "7 of 18 runs · 2.3 runs/s · about 5 s left · 2 workers". */
export function progressText(p: PoolProgress): string {
  const rate = p.rate > 0 ? ` · ${p.rate >= 10 ? p.rate.toFixed(0) : p.rate.toFixed(1)} runs/s · about ${seconds(p.eta)} left` : "";
  return `${p.done} of ${p.total} runs${rate} · ${p.workers} worker${p.workers === 1 ? "" : "s"}`;
}

/** "18 runs in 7.9 s (2.3 runs/s, 2 workers)". */
export function doneText(p: PoolProgress): string {
  return `${p.done} run${p.done === 1 ? "" : "s"} in ${p.elapsed.toFixed(1)} s (${p.rate > 0 ? p.rate.toFixed(1) : "–"} runs/s, ${p.workers} worker${p.workers === 1 ? "" : "s"})`;
}
