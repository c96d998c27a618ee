/**
 * Preallocated per-tick columns, named by the model's metric declarations (metrics.ts); the model's
 * read() fills one row per tick. Mechanisms never write here.
 */
import type { Dynamics } from "../dynamics.ts";

export interface Series {
  readonly metrics: readonly string[];
  readonly circleMetrics: readonly string[];
  /** Rows per column: horizon + 1 (tick 0 … horizon). */
  readonly rows: number;
  readonly circles: number;
  /** values[m * rows + t]. */
  readonly values: Float64Array;
  /** circleValues[(m * circles + c) * rows + t]. */
  readonly circleValues: Float64Array;
}

/** What a collector reads: a model, or anything that rebuilds a model's counts (a split run's driver). */
export type Collected = Pick<Dynamics, "metrics" | "circleMetrics" | "read" | "readCircles">;

export function createCollector(d: Collected, rows: number, circles: number) {
  const series: Series = {
    metrics: d.metrics,
    circleMetrics: d.circleMetrics,
    rows,
    circles,
    values: new Float64Array(d.metrics.length * rows),
    circleValues: new Float64Array(d.circleMetrics.length * circles * rows),
  };
  const row = new Float64Array(d.metrics.length);
  const crow = new Float64Array(d.circleMetrics.length * circles);
  return {
    series,
    collect(t: number): void {
      d.read(row);
      for (let m = 0; m < row.length; m++) series.values[m * rows + t] = row[m];
      d.readCircles(crow);
      for (let k = 0; k < crow.length; k++) series.circleValues[k * rows + t] = crow[k];
    },
  };
}

/** The column of metric `name` (a view, no copy). */
export function column(s: Series, name: string): Float64Array {
  const m = s.metrics.indexOf(name);
  if (m < 0) throw new RangeError(`no metric "${name}" (metrics: ${s.metrics.join(", ")})`);
  return s.values.subarray(m * s.rows, (m + 1) * s.rows);
}
