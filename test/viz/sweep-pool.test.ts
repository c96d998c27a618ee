import { describe, expect, it } from "vitest";
import type { SweepRunRequest, SweepRunResponse } from "../../engine/worker/api.ts";
import { doneText, progressText, runPool, workerCount, type PoolProgress, type PoolWorker } from "../../viz/views/sweep/pool.ts";

/** Workers whose runs finish when the test says so, in any order. */
function fakeWorkers() {
  const pending: { run: number; worker: number; resolve: (r: SweepRunResponse) => void }[] = [];
  const terminated: number[] = [];
  const spawn = (i: number): PoolWorker => ({
    sweepRun: (req: SweepRunRequest) => new Promise((resolve) => pending.push({ run: req.replicate, worker: i, resolve })),
    terminate: () => terminated.push(i),
  });
  const finish = async (run: number, r: SweepRunResponse = { ok: true, plans: [{ plan: "p", final: { m: run } }] }) => {
    const k = pending.findIndex((p) => p.run === run);
    if (k < 0) throw new Error(`run ${run} is not in flight`);
    pending.splice(k, 1)[0].resolve(r);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { pending, terminated, spawn, finish };
}

const request = (run: number): SweepRunRequest => ({ scenario: {}, seed: 1, replicate: run });

describe("the browser sweep's worker pool", () => {
  it("starts runs in index order, one per worker, and hands each result over with its index as it arrives", async () => {
    const w = fakeWorkers();
    const got: number[] = [];
    const progress: PoolProgress[] = [];
    let t = 0;
    const pool = runPool({ runs: [0, 1, 2, 3, 4], workers: 2, spawn: w.spawn, request, onResult: (run, r) => got.push(run * 100 + r.plans[0].final.m), onProgress: (p) => progress.push(p), now: () => t });
    expect(w.pending.map((p) => [p.run, p.worker])).toEqual([[0, 0], [1, 1]]);
    t = 1000;
    await w.finish(1);
    expect(w.pending.map((p) => p.run)).toEqual([0, 2]);
    t = 2000;
    await w.finish(0);
    await w.finish(3);
    await w.finish(2);
    await w.finish(4);
    const end = await pool.done;
    expect(end.status).toBe("done");
    expect(got).toEqual([101, 0, 303, 202, 404]);
    expect(progress[0]).toMatchObject({ done: 0, total: 5, workers: 2, rate: 0 });
    expect(progress[1]).toMatchObject({ done: 1, elapsed: 1, rate: 1, eta: 4 });
    expect(end.progress).toMatchObject({ done: 5, total: 5, elapsed: 2, rate: 2.5, eta: 0 });
    expect(w.terminated.sort()).toEqual([0, 1]);
  });

  it("Cancel terminates every worker at once; results that arrive later are dropped", async () => {
    const w = fakeWorkers();
    const got: number[] = [];
    const pool = runPool({ runs: [0, 1, 2, 3], workers: 3, spawn: w.spawn, request, onResult: (run) => got.push(run) });
    await w.finish(0);
    pool.cancel();
    const end = await pool.done;
    expect(end).toMatchObject({ status: "cancelled", progress: { done: 1, total: 4 } });
    expect(w.terminated.sort()).toEqual([0, 1, 2]);
    await w.finish(1);
    expect(got).toEqual([0]);
    expect(w.pending.map((p) => p.run)).toEqual([2, 3]); // nothing new started after the cancel
  });

  it("stops at a failed run and says which one; a crashed worker is a failure too", async () => {
    const w = fakeWorkers();
    const pool = runPool({ runs: [0, 1, 2], workers: 2, spawn: w.spawn, request, onResult: () => undefined });
    await w.finish(1, { ok: false, cancelled: false, issues: [{ path: "plans[0].budget", message: "expected at least the planned cost 747" }], message: "scenario is invalid" });
    const end = await pool.done;
    expect(end.status).toBe("failed");
    if (end.status === "failed") {
      expect(end.run).toBe(1);
      expect(end.response?.issues[0].path).toBe("plans[0].budget");
    }
    expect(w.terminated.sort()).toEqual([0, 1]);

    const crash = runPool({ runs: [0], workers: 1, spawn: () => ({ sweepRun: () => Promise.reject(new Error("out of memory")), terminate: () => undefined }), request, onResult: () => undefined });
    expect(await crash.done).toMatchObject({ status: "failed", run: 0, message: "the engine worker failed: out of memory" });
  });

  it("uses one worker per core, at most 8 and at most one per run", () => {
    expect(workerCount(100, 2)).toBe(2);
    expect(workerCount(100, 32)).toBe(8);
    expect(workerCount(3, 16)).toBe(3);
    expect(workerCount(100, undefined)).toBe(2);
    expect(workerCount(0, 4)).toBe(1);
  });

  it("words progress as done/total, rate, ETA and workers", () => {
    const p = { done: 7, total: 18, workers: 2, elapsed: 3, rate: 7 / 3, eta: 11 / (7 / 3) };
    expect(progressText(p)).toBe("7 of 18 runs · 2.3 runs/s · about 5 s left · 2 workers");
    expect(progressText({ ...p, done: 0, rate: 0, eta: NaN })).toBe("0 of 18 runs · 2 workers");
    expect(progressText({ ...p, eta: 125 })).toContain("about 2 min 05 s left");
    expect(doneText({ ...p, done: 18, elapsed: 7.9, rate: 18 / 7.9 })).toBe("18 runs in 7.9 s (2.3 runs/s, 2 workers)");
  });
});
