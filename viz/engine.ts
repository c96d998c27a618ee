/**
 * The only module that talks to the engine: one Web Worker behind comlink (engine/worker/api.ts).
 * A run is cancelled through the shared-memory flag (when the page is cross-origin isolated) and the
 * cancel message; if the worker does not answer soon (e.g. it is still building a large network), it
 * is terminated and replaced, so Cancel always works. Runs never overlap: a new run starts once the
 * one it replaces has stopped.
 */
import * as Comlink from "comlink";
import type { AgentTrace, EngineApi, Progress, ScenarioIssue, SimulateResponse, Simulation, TraceRequest, TraceResponse } from "../engine/viewer.ts";

export type { Progress, Simulation, ScenarioIssue, AgentTrace };

export type RunOutcome =
  /** `threads`: how many threads each run was split across; `note`: why fewer than asked. */
  | { ok: true; simulation: Simulation; ms: number; threads: number; note?: string }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

export interface RunHandle {
  readonly result: Promise<RunOutcome>;
  cancel(): void;
}

export interface EngineClient {
  /** Run a scenario; `threads` > 1 splits each social run across that many Web Workers (same results). */
  /** `onPartial`: results so far (after replicates 1, 2, 4, …) while the run goes on. */
  run(scenario: unknown, onProgress: (p: Progress) => void, opts?: { threads?: number; onPartial?: (sim: Simulation) => void }): RunHandle;
  dispose(): void;
}

/**
 * A bare engine worker for a pool (the Sweep tab's browser sweeps): its comlink API and a way to stop
 * it at once. The pool owns it; runs on it never pass through the client below.
 */
export function spawnEngineWorker(name: string): { api: Comlink.Remote<EngineApi>; terminate(): void } {
  const worker = new Worker(new URL("../engine/worker/browser.ts", import.meta.url), { type: "module", name });
  const api = Comlink.wrap<EngineApi>(worker);
  return { api, terminate: () => worker.terminate() };
}

/** How long a cancelled run may take to answer before its worker is replaced. */
const CANCEL_GRACE_MS = 1500;
const CANCELLED: RunOutcome = { ok: false, cancelled: true, issues: [], message: "run cancelled" };

export function createEngineClient(): EngineClient {
  let api!: Comlink.Remote<EngineApi>;
  let terminate!: () => void;
  const start = () => ({ api, terminate } = spawnEngineWorker("circlecast-engine"));
  start();
  let current: RunHandle | undefined;

  return {
    run(scenario, onProgress, opts = {}) {
      const previous = current;
      previous?.cancel();
      const flag = globalThis.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
      let settle!: (o: RunOutcome) => void;
      let done = false;
      let cancelled = false;
      let started: Comlink.Remote<EngineApi> | undefined;
      const result = new Promise<RunOutcome>((resolve) => (settle = (o) => { if (!done) { done = true; resolve(o); } }));

      void (previous?.result ?? Promise.resolve()).then(() => {
        if (cancelled) return settle(CANCELLED);
        const t0 = performance.now();
        started = api;
        started
          .simulate(
            { scenario, cancelFlag: flag, threads: opts.threads },
            Comlink.proxy((p: Progress) => { if (!done) onProgress(p); }),
            opts.onPartial && Comlink.proxy((sim: Simulation) => { if (!done && !cancelled) opts.onPartial!(sim); }),
          )
          .then((r: SimulateResponse) => settle(r.ok ? { ok: true, simulation: r.simulation, ms: performance.now() - t0, threads: r.threads, note: r.note } : r))
          .catch((e: unknown) => settle({ ok: false, cancelled: false, issues: [], message: `the engine failed: ${(e as Error)?.message ?? String(e)}` }));
      });

      const handle: RunHandle = {
        result,
        cancel() {
          if (done || cancelled) return;
          cancelled = true;
          const mine = started;
          if (!mine) return; // not started yet: it settles as cancelled when its turn comes
          if (flag) Atomics.store(flag, 0, 1);
          void mine.cancel().catch(() => undefined);
          const stuck = setTimeout(() => {
            if (done || api !== mine) return;
            terminate();
            start();
            settle(CANCELLED);
          }, CANCEL_GRACE_MS);
          void result.then(() => clearTimeout(stuck));
        },
      };
      current = handle;
      return handle;
    },
    dispose() {
      current?.cancel();
      terminate();
    },
  };
}

export type TraceOutcome = { ok: true; trace: AgentTrace } | { ok: false; issues: ScenarioIssue[]; message: string };

let traceApi: Comlink.Remote<EngineApi> | undefined;

/**
 * Trace one plan-run agent by agent (trainer mode). Traces run on their own worker, started on first
 * use, so they never wait behind (or get cancelled with) a comparison run.
 */
export async function traceRun(req: TraceRequest): Promise<TraceOutcome> {
  traceApi ??= spawnEngineWorker("circlecast-trace").api;
  try {
    const r: TraceResponse = await traceApi.trace(req);
    return r.ok ? r : { ok: false, issues: r.issues, message: r.message };
  } catch (e) {
    return { ok: false, issues: [], message: `the engine failed: ${(e as Error)?.message ?? String(e)}` };
  }
}
