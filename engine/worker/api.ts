/**
 * The engine's worker interface: the same calls from a browser Web Worker and from Node
 * worker_threads. Results cross the boundary as structured clones, typed arrays copied (expose.ts
 * says why they are not transferred).
 */
import type { ScenarioIssue } from "../../scenarios/issues.ts";
import type { Progress } from "../experiment/replicates.ts";
import type { ReplicatePieces, Simulation } from "../experiment/simulate.ts";
import type { PlanOutcome, TickOptions } from "../experiment/sweep-run.ts";
import type { AgentTrace } from "../experiment/trace.ts";

export interface SimulateRequest {
  /** Raw scenario JSON: it is validated in the worker. */
  scenario: unknown;
  seed?: number;
  replicates?: number;
  /**
   * Optional cancel flag in shared memory (Int32Array over a SharedArrayBuffer, where cross-origin
   * isolation allows): cancel then takes effect within one tick rather than after the plan-run.
   */
  cancelFlag?: Int32Array;
  /**
   * Split each social run across this many threads (default 1). The results are the same; where a
   * run cannot be split (no cross-origin isolation, another model) it runs on one thread and the
   * response's note says why.
   */
  threads?: number;
}

export type SimulateResponse =
  | { ok: true; simulation: Simulation; threads: number; note?: string }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

/**
 * Some replicates of a scenario, every plan on each: the pieces of a simulation that several workers
 * run side by side (engine/node/replicate-pool.ts puts them together, the numbers of one simulate()).
 */
export interface ReplicatesRequest {
  /** Raw scenario JSON: it is validated in the worker. */
  scenario: unknown;
  seed?: number;
  replicates?: number;
  /** The replicates to run (each below the scenario's, or `replicates`, count). */
  indices: readonly number[];
}

export type ReplicatesResponse =
  | { ok: true; pieces: ReplicatePieces }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

/** One run of a sweep: replicate `replicate` of a point's scenario with the point's seed. */
export interface SweepRunRequest {
  /** The point's scenario JSON: it is validated in the worker. */
  scenario: unknown;
  seed: number;
  replicate: number;
  /** Plans to run, by name (default: all). */
  plans?: readonly string[];
  /** Per-tick columns to return (as typed arrays). */
  perTick?: TickOptions | null;
  /** Keep worlds for this worker's next runs (a sweep with common random numbers). */
  reuseWorlds?: boolean;
  /** Also return per-circle finals as `metric@circle` (the optimiser). */
  circleFinals?: boolean;
}

export type SweepRunResponse =
  | { ok: true; plans: PlanOutcome[] }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

/** Trace one plan of one replicate agent by agent (engine/experiment/trace.ts); meant for a few thousand consumers. */
export interface TraceRequest {
  /** Raw scenario JSON: it is validated in the worker. */
  scenario: unknown;
  /** Plan index or name (default: the first plan). */
  plan?: number | string;
  replicate?: number;
  /** Most ties in the sample (default 3000). */
  maxTies?: number;
}

export type TraceResponse =
  | { ok: true; trace: AgentTrace }
  | { ok: false; cancelled: boolean; issues: ScenarioIssue[]; message: string };

export interface EngineApi {
  /** Replicates of a scenario for a simulation put together elsewhere. */
  replicates(req: ReplicatesRequest): Promise<ReplicatesResponse>;
  /** One sweep run: final metrics per plan as plain numbers, per-tick columns as typed arrays. */
  sweepRun(req: SweepRunRequest): Promise<SweepRunResponse>;
  /** `onPartial`: results so far, after replicates 1, 2, 4, 8, … before the full response. */
  simulate(req: SimulateRequest, onProgress?: (p: Progress) => void, onPartial?: (partial: Simulation) => void): Promise<SimulateResponse>;
  validate(scenario: unknown): { ok: true } | { ok: false; issues: ScenarioIssue[] };
  /** Per-agent trace of one plan-run: state changes, first ticks, exposures, circles, a tie sample (typed arrays). */
  trace(req: TraceRequest): Promise<TraceResponse>;
  /** Stop the running simulation: it answers { ok: false, cancelled: true }. */
  cancel(): void;
}
