/** The EngineApi implementation: plain engine calls, no knowledge of workers or comlink. */
import { parseScenario } from "../../scenarios/parse.ts";
import type { ScenarioIssue } from "../../scenarios/issues.ts";
import { EngineError, ScenarioError } from "../errors.ts";
import { CancelledError } from "../core/run.ts";
import { simulateAsync, simulatePieces } from "../experiment/simulate.ts";
import { simulateSplitOn, SPLIT_MODELS, type SplitThreads } from "../split/replicates.ts";
import { runSweepRun } from "../experiment/sweep-run.ts";
import { traceRun } from "../experiment/trace.ts";
import type { EngineApi, ReplicatesResponse, SimulateResponse, SweepRunResponse, TraceResponse } from "./api.ts";

/** A cancelled or failed call as a response; anything but the engine's own errors is rethrown. */
function failure(e: unknown): { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string } {
  if (e instanceof CancelledError) return { ok: false, cancelled: true, issues: [], message: e.message };
  if (e instanceof ScenarioError) return { ok: false, cancelled: false, issues: e.issues, message: e.message };
  if (e instanceof EngineError) return { ok: false, cancelled: false, issues: [], message: e.message };
  throw e;
}

/** `split`: how this engine splits a run across threads (the worker entry knows its platform's threads). */
export function createEngineApi(split?: SplitThreads): EngineApi {
  let cancelled = false;
  return {
    async simulate(req, onProgress, onPartial): Promise<SimulateResponse> {
      cancelled = false;
      const parsed = parseScenario(req.scenario);
      if (!parsed.ok) return { ok: false, cancelled: false, issues: parsed.issues, message: "scenario is invalid" };
      const flag = req.cancelFlag;
      const signal = { get aborted() { return cancelled || (flag !== undefined && Atomics.load(flag, 0) !== 0); } };
      const opts = { seed: req.seed, replicates: req.replicates, signal, onProgress, onPartial };
      const threads = req.threads ?? 1;
      const kind = parsed.scenario.model.kind;
      const why = threads <= 1 ? undefined
        : !(SPLIT_MODELS as readonly string[]).includes(kind) ? `only ${SPLIT_MODELS.join(" and ")} runs are split (model.kind is "${kind}")`
        : (split ? split.cannot?.() : "this engine cannot start part workers");
      try {
        if (threads <= 1 || why) return { ok: true, simulation: await simulateAsync(parsed.scenario, opts), threads: 1, ...(why ? { note: `one thread per run: ${why}` } : {}) };
        return { ok: true, simulation: await simulateSplitOn(parsed.scenario, threads, opts, split!), threads };
      } catch (e) {
        return failure(e);
      }
    },
    // Synchronous inside the worker, as sweepRun: a pool stops them by terminating the workers.
    async replicates(req): Promise<ReplicatesResponse> {
      const parsed = parseScenario(req.scenario);
      if (!parsed.ok) return { ok: false, cancelled: false, issues: parsed.issues, message: "scenario is invalid" };
      try {
        return { ok: true, pieces: simulatePieces(parsed.scenario, { seed: req.seed, replicates: req.replicates }, req.indices) };
      } catch (e) {
        return failure(e);
      }
    },
    // Synchronous inside the worker: a sweep stops its runs by terminating the workers.
    async sweepRun(req): Promise<SweepRunResponse> {
      const parsed = parseScenario(req.scenario);
      if (!parsed.ok) return { ok: false, cancelled: false, issues: parsed.issues, message: "scenario is invalid" };
      try {
        return { ok: true, plans: runSweepRun(parsed.scenario, { seed: req.seed, replicate: req.replicate, plans: req.plans, perTick: req.perTick, reuseWorlds: req.reuseWorlds, circleFinals: req.circleFinals }) };
      } catch (e) {
        return failure(e);
      }
    },
    async trace(req): Promise<TraceResponse> {
      const parsed = parseScenario(req.scenario);
      if (!parsed.ok) return { ok: false, cancelled: false, issues: parsed.issues, message: "scenario is invalid" };
      try {
        return { ok: true, trace: traceRun(parsed.scenario, { plan: req.plan, replicate: req.replicate, maxTies: req.maxTies }) };
      } catch (e) {
        return failure(e);
      }
    },
    validate(scenario) {
      const r = parseScenario(scenario);
      return r.ok ? { ok: true } : { ok: false, issues: r.issues };
    },
    cancel() {
      cancelled = true;
    },
  };
}
