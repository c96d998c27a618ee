/**
 * The contract between a model (social, Bass, IC, LT, SIR/SIS) and the run loop: a model owns its
 * state and advances it one tick at a time; the loop and the collector know only this interface.
 */

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
}

export interface RunTables {
  /** frequency[k] = consumers who saw the campaign exactly k times (k = 1 … last; the last bin is "k or more"). */
  readonly frequency: Float64Array;
  /** Per message (plan action): reported and real impressions, first- and last-touch conversions. */
  readonly byMessage: {
    readonly reported: Float64Array;
    readonly real: Float64Array;
    readonly firstTouch: Float64Array;
    readonly lastTouch: Float64Array;
  };
}

/** Frequency bins: 1, 2, …, FREQUENCY_BINS (the last one is "that many or more"). */
export const FREQUENCY_BINS = 10;

export function emptyTables(messages: number): RunTables {
  return {
    frequency: new Float64Array(FREQUENCY_BINS),
    byMessage: {
      reported: new Float64Array(messages),
      real: new Float64Array(messages),
      firstTouch: new Float64Array(messages),
      lastTouch: new Float64Array(messages),
    },
  };
}
