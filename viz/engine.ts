/**
 * The only module that talks to the engine: one Web Worker behind comlink (engine/worker/api.ts).
 * A run is cancelled through the shared-memory flag (when the page is cross-origin isolated) and the
 * cancel message; if the worker does not answer soon (e.g. it is still building a large network), it
 * is terminated and replaced, so Cancel always works. Runs never overlap: a new run starts once the
 * one it replaces has stopped.
 * A run may also spread its replicates over that worker and helpers kept warm beside it (`spread`):
 * each computes whole replicates and the page puts them together in replicate order (simulationOf),
 * the numbers of the one-worker run, bit for bit; Cancel then terminates them all.
 */
import * as Comlink from "comlink";
import { estimateCost, simulationOf } from "../engine/viewer.ts";
import type { AgentTrace, EngineApi, Progress, ReplicatePieces, Scenario, ScenarioIssue, SimulateResponse, Simulation, TraceRequest, TraceResponse } from "../engine/viewer.ts";

export type { Progress, Simulation, ScenarioIssue, AgentTrace };

export type RunOutcome =
  /** `threads`: how many threads each run was split across; `note`: why fewer than asked; `workers`: how many workers shared the replicates. */
  | { ok: true; simulation: Simulation; ms: number; threads: number; workers: number; note?: string }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

export interface RunHandle {
  readonly result: Promise<RunOutcome>;
  cancel(): void;
}

export interface RunOptions {
  /** Split each social or IC run across this many Web Workers (same results). */
  threads?: number;
  /** Spread the replicates over this many engine workers (same results): `scenario` is the run's JSON parsed, which the page assembles them with. */
  spread?: { workers: number; scenario: Scenario };
  /** Results so far (after replicates 1, 2, 4, …) while the run goes on. */
  onPartial?: (sim: Simulation) => void;
}

export interface EngineClient {
  run(scenario: unknown, onProgress: (p: Progress) => void, opts?: RunOptions): RunHandle;
  dispose(): void;
}

/**
 * A bare engine worker for a pool (the Sweep tab's browser sweeps): its comlink API and a way to stop
 * it at once. The pool owns it; runs on it never pass through the client below.
 */
export function spawnEngineWorker(name: string): { api: Comlink.Remote<EngineApi>; terminate(): void; died: Promise<never> } {
  const worker = new Worker(new URL("../engine/worker/browser.ts", import.meta.url), { type: "module", name });
  const api = Comlink.wrap<EngineApi>(worker);
  // A worker that fails to load or throws outside a call leaves comlink's calls unanswered: `died`
  // rejects instead, with why, for the calls that race it.
  const died = new Promise<never>((_, reject) => worker.addEventListener("error", (e) => reject(new Error(`engine worker ${name} failed: ${e.message || "it did not start"}`))));
  died.catch(() => undefined);
  return { api, terminate: () => worker.terminate(), died };
}

/** A run that failed in the engine's worker (or lost it), as its outcome. */
function engineFailure(e: unknown): Extract<RunOutcome, { ok: false }> {
  return { ok: false, cancelled: false, issues: [], message: `the engine failed: ${(e as Error)?.message ?? String(e)}` };
}

/** How long a cancelled run may take to answer before its worker is replaced. */
const CANCEL_GRACE_MS = 1500;
const CANCELLED: RunOutcome = { ok: false, cancelled: true, issues: [], message: "run cancelled" };

type EngineWorker = ReturnType<typeof spawnEngineWorker>;
/** A worker a run's replicates go to, when it has started (it answers its first call), and its death (spawnEngineWorker). */
export interface SpreadWorker {
  readonly api: Comlink.Remote<EngineApi>;
  readonly ready?: Promise<unknown>;
  readonly died: Promise<never>;
}

/** Helpers whose worlds are larger than this are let go after their run instead of kept warm: each keeps its last run's memory. */
const KEEP_WARM_BYTES = 64 * 2 ** 20;

/**
 * Replicates 0 … R − 1 of the scenario JSON `raw`, one at a time per worker, in index order;
 * `onPieces` hears each as it comes. Resolves undefined when every replicate is in, or with why not.
 */
async function replicatesOn(workers: readonly SpreadWorker[], raw: unknown, R: number, stopped: () => boolean, onPieces: (r: number, p: ReplicatePieces) => void): Promise<RunOutcome | undefined> {
  let next = 0;
  let failure: RunOutcome | undefined;
  let handedOut!: () => void;
  const allTaken = new Promise<boolean>((resolve) => (handedOut = () => resolve(false)));
  const loop = async ({ api, ready, died }: SpreadWorker) => {
    // A worker still starting takes no replicate (the others may take them all meanwhile); one that dies first is left out.
    if (ready && !(await Promise.race([ready.then(() => true), died.catch(() => false), allTaken]))) return;
    while (failure === undefined && !stopped() && next < R) {
      const r = next++;
      if (next === R) handedOut();
      try {
        const res = await Promise.race([api.replicates({ scenario: raw, indices: [r] }), died]);
        if (!res.ok) failure ??= res;
        else if (!stopped()) onPieces(r, res.pieces);
      } catch (e) {
        failure ??= engineFailure(e);
        return;
      }
    }
  };
  await Promise.all(workers.map(loop));
  return failure;
}

/** The replicates of `raw` (parsed: `s`) on `workers` side by side: progress as each comes in, results of the first 1, 2, 4, … as they complete, then all. */
export async function spreadRun(workers: readonly SpreadWorker[], raw: unknown, s: Scenario, onProgress: (p: Progress) => void, onPartial: ((sim: Simulation) => void) | undefined, stopped: () => boolean): Promise<RunOutcome> {
  const t0 = performance.now();
  const R = s.replicates;
  const progress = { done: 0, total: R * s.plans.length };
  const pieces: ReplicatePieces[] = new Array(R);
  let prefix = 0; // replicates 0 … prefix − 1 are all in
  let shown = 0; // the largest first-replicates partial drawn so far
  const failure = await replicatesOn(workers, raw, R, stopped, (r, p) => {
    pieces[r] = p;
    progress.done += s.plans.length;
    onProgress({ ...progress });
    while (prefix < R && pieces[prefix] !== undefined) prefix++;
    const power = 2 ** Math.floor(Math.log2(prefix)); // the partials a one-worker run draws: 1, 2, 4, … below R
    if (onPartial && power > shown && power < R) {
      shown = power;
      onPartial(simulationOf(s, { replicates: power }, pieces.slice(0, power)));
    }
  });
  if (failure) return failure;
  if (stopped()) return CANCELLED;
  return { ok: true, simulation: simulationOf(s, {}, pieces), ms: performance.now() - t0, threads: 1, workers: workers.length };
}

export function createEngineClient(): EngineClient {
  let api!: Comlink.Remote<EngineApi>;
  let terminate!: () => void;
  let died!: Promise<never>;
  const start = () => {
    const w = spawnEngineWorker("circlecast-engine");
    ({ api, terminate, died } = w);
    // A worker that dies is replaced at once, so the next run has one (the run it held fails: below).
    void w.died.catch(() => {
      w.terminate();
      if (api === w.api) start();
    });
  };
  start();
  // Engine workers beside the main one for runs that spread their replicates: kept between runs (they
  // stay compiled and warm), all terminated when such a run is cancelled.
  let helpers: (EngineWorker & SpreadWorker)[] = [];
  const helperWorkers = (n: number): SpreadWorker[] => {
    for (let i = helpers.length; i < n; i++) {
      const w = spawnEngineWorker(`circlecast-replicates-${i + 1}`);
      helpers.push({ ...w, ready: w.api.validate({}).catch(() => undefined) });
    }
    return helpers.slice(0, n);
  };
  const dropHelpers = () => {
    for (const h of helpers) h.terminate();
    helpers = [];
  };
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

      const spread = opts.spread && opts.spread.workers > 1 && opts.spread.scenario.replicates > 1 ? opts.spread : undefined;
      void (previous?.result ?? Promise.resolve()).then(() => {
        if (cancelled) return settle(CANCELLED);
        const t0 = performance.now();
        started = api;
        if (spread) {
          const workers = Math.min(spread.workers, spread.scenario.replicates);
          const partial = opts.onPartial && ((sim: Simulation) => { if (!done && !cancelled) opts.onPartial!(sim); });
          const large = estimateCost(spread.scenario, { replicates: 1 }).bytes > KEEP_WARM_BYTES;
          void spreadRun([{ api, died }, ...helperWorkers(workers - 1)], scenario, spread.scenario, (p) => { if (!done) onProgress(p); }, partial, () => done || cancelled).then((o) => {
            // Large worlds stay in a warm helper's memory, and a failed run may have lost one: start afresh next time.
            if ((large || !o.ok) && !cancelled) dropHelpers();
            settle(o);
          });
          return;
        }
        Promise.race([
          started.simulate(
            { scenario, cancelFlag: flag, threads: opts.threads },
            Comlink.proxy((p: Progress) => { if (!done) onProgress(p); }),
            opts.onPartial && Comlink.proxy((sim: Simulation) => { if (!done && !cancelled) opts.onPartial!(sim); }),
          ),
          died,
        ])
          .then((r: SimulateResponse) => settle(r.ok ? { ok: true, simulation: r.simulation, ms: performance.now() - t0, threads: r.threads, workers: 1, note: r.note } : r))
          .catch((e: unknown) => settle(engineFailure(e)));
      });

      const handle: RunHandle = {
        result,
        cancel() {
          if (done || cancelled) return;
          cancelled = true;
          const mine = started;
          if (!mine) return; // not started yet: it settles as cancelled when its turn comes
          if (spread) {
            // Each worker is inside a replicate, which does not look at the flag: stop them all now.
            dropHelpers();
            if (api === mine) {
              terminate();
              start();
            }
            settle(CANCELLED);
            return;
          }
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
      dropHelpers();
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
    return { ok: false, issues: [], message: engineFailure(e).message };
  }
}
