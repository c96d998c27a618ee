/**
 * The only module that talks to the engine: one Web Worker behind comlink (engine/worker/api.ts).
 * A run is cancelled through the shared-memory flag (when the page is cross-origin isolated) and the
 * cancel message; if the worker does not answer soon (e.g. it is still building a large network), it
 * is terminated and replaced, so Cancel always works. Runs never overlap: a new run starts once the
 * one it replaces has stopped.
 */
import * as Comlink from "comlink";
import type { Progress } from "../engine/experiment/replicates.ts";
import type { Simulation } from "../engine/experiment/simulate.ts";
import type { EngineApi, SimulateResponse } from "../engine/worker/api.ts";
import type { ScenarioIssue } from "../scenarios/issues.ts";

export type { Progress, Simulation, ScenarioIssue };

export type RunOutcome =
  | { ok: true; simulation: Simulation; ms: number }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

export interface RunHandle {
  readonly result: Promise<RunOutcome>;
  cancel(): void;
}

export interface EngineClient {
  run(scenario: unknown, onProgress: (p: Progress) => void): RunHandle;
  dispose(): void;
}

/** How long a cancelled run may take to answer before its worker is replaced. */
const CANCEL_GRACE_MS = 1500;
const CANCELLED: RunOutcome = { ok: false, cancelled: true, issues: [], message: "run cancelled" };

export function createEngineClient(): EngineClient {
  let worker: Worker;
  let api: Comlink.Remote<EngineApi>;
  const start = () => {
    worker = new Worker(new URL("../engine/worker/browser.ts", import.meta.url), { type: "module", name: "circlecast-engine" });
    api = Comlink.wrap<EngineApi>(worker);
  };
  start();
  let current: RunHandle | undefined;

  return {
    run(scenario, onProgress) {
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
          .simulate({ scenario, cancelFlag: flag }, Comlink.proxy((p: Progress) => { if (!done) onProgress(p); }))
          .then((r: SimulateResponse) => settle(r.ok ? { ok: true, simulation: r.simulation, ms: performance.now() - t0 } : r))
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
            worker.terminate();
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
      worker.terminate();
    },
  };
}
