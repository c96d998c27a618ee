/**
 * The contract between a model (social, Bass, IC, LT, SIR/SIS) and the run loop: a model owns its
 * state and advances it one tick at a time; the loop and the collector know only this interface.
 */
import type { Wave } from "./strategies/plan.ts";

export interface Dynamics {
  /** Names of the scalar per-tick metrics, in column order. */
  readonly metrics: readonly string[];
  /** Names of the per-circle per-tick metrics, in column order. */
  readonly circleMetrics: readonly string[];
  /** Advance through tick t: publish, deliver, update, in that order. */
  tick(t: number): void;
  /** Write the current scalar metrics into out (length metrics.length). */
  read(out: Float64Array): void;
  /** Write the current per-circle metrics into out, metric-major: out[m * C + c]. */
  readCircles(out: Float64Array): void;
  /** End-of-run tables that are not time series. */
  finish(): RunTables;
  /** Per-agent state for tracers (engine/experiment/trace.ts), read between ticks; nothing reads it otherwise. */
  readonly agents?: AgentView;
}

/** A read-only view of the consumers' state: what a tracer records tick by tick. */
export interface AgentView {
  /** Names of the state codes in order; code 0 is every consumer's state before tick 0. */
  readonly states: readonly string[];
  /** Write each consumer's current state code into out (length: consumers). */
  state(out: Uint8Array): void;
  /** Write each consumer's count of seen exposures so far (saturating at 255), for models with exposures. */
  seen?(out: Uint8Array): void;
}

export interface RunTables {
  /** frequency[k] = consumers who saw the campaign exactly k + 1 times (the last bin is "that many or more"). */
  readonly frequency: Float64Array;
  /**
   * Per channel (a plan's strategy or raw action): spend, reported and real impressions, first- and
   * last-touch conversions, the last-touch ones that came through a reshare (earned), and the money
   * the channel was allotted (its budget, or its schedule's planned cost: the same in every part).
   */
  readonly channels: {
    readonly names: string[];
    readonly spend: Float64Array;
    readonly reported: Float64Array;
    readonly real: Float64Array;
    readonly firstTouch: Float64Array;
    readonly lastTouch: Float64Array;
    readonly earned: Float64Array;
    readonly allotted: Float64Array;
  };
  /** Repeated cases: wave start ticks and spacing, for per-wave results. */
  readonly waves: readonly Wave[];
}

/** Frequency bins: 1, 2, …, FREQUENCY_BINS (the last one is "that many or more"). */
export const FREQUENCY_BINS = 10;

/** Tables of a model that has no channels (the classic models). */
export function emptyTables(): RunTables {
  const none = new Float64Array(0);
  return {
    frequency: new Float64Array(FREQUENCY_BINS),
    channels: { names: [], spend: none, reported: none, real: none, firstTouch: none, lastTouch: none, earned: none, allotted: none },
    waves: [],
  };
}
