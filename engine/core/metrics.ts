/**
 * Metric declarations (docs/model.md §6): each metric is declared once, with its name, label, unit
 * and the reader that collects it from its model's state. A model's column names, the order its
 * read() writes them, the CSV headers and the labels of the tables and the viewer all come from the
 * declaration, so nothing matches metrics by position.
 */

export const UNITS = ["people", "impressions", "touches", "purchases", "shares", "money", "ratio", "share", "count"] as const;
/** What a metric counts (money: the scenario's currency; ratio and share: fractions, 0.25 = 25 %). */
export type Unit = (typeof UNITS)[number];

export interface MetricInfo {
  readonly name: string;
  /** What the tables and the viewer call it. */
  readonly label: string;
  readonly unit: Unit;
}

/** A per-tick metric of a model whose collected state is S, read once at the end of every tick. */
export interface Metric<S> extends MetricInfo {
  readonly read: (s: S) => number;
}

/** A per-circle metric: its reader gives one value per circle (consumers in the circle). */
export interface CircleMetric<S> extends MetricInfo {
  readonly read: (s: S) => Float64Array;
}

/** A model's declared metrics, in column order. */
export interface Metrics<S, M extends MetricInfo = Metric<S>> {
  readonly names: readonly string[];
  readonly list: readonly M[];
  /** Write every metric of s into out: out[at + m] (per-circle metrics: metric-major, out[m · C + c]). */
  read(s: S, out: Float64Array, at?: number): void;
}

function names(list: readonly MetricInfo[]): string[] {
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.name)) throw new Error(`metric "${m.name}" is declared twice`);
    seen.add(m.name);
  }
  return list.map((m) => m.name);
}

export function defineMetrics<S>(list: readonly Metric<S>[]): Metrics<S> {
  const reads = list.map((m) => m.read);
  return {
    names: names(list),
    list,
    read(s, out, at = 0) {
      for (let m = 0; m < reads.length; m++) out[at + m] = reads[m](s);
    },
  };
}

export function defineCircleMetrics<S>(list: readonly CircleMetric<S>[]): Metrics<S, CircleMetric<S>> {
  const reads = list.map((m) => m.read);
  return {
    names: names(list),
    list,
    read(s, out, at = 0) {
      for (let m = 0; m < reads.length; m++) {
        const v = reads[m](s);
        out.set(v, at + m * v.length);
      }
    },
  };
}

/** Metrics named per instance (`activity:<group>`): one declaration, one name and label per instance. */
export interface MetricFamily {
  readonly prefix: string;
  readonly unit: Unit;
  name(instance: string): string;
  label(instance: string): string;
}

export function metricFamily(prefix: string, label: (instance: string) => string, unit: Unit): MetricFamily {
  return { prefix, unit, name: (instance) => prefix + instance, label };
}

/** The collector's view of a model whose collected state is s: column names from the declarations, and their readers. */
export function bindMetrics<S>(metrics: Metrics<S>, circleMetrics: Metrics<S, CircleMetric<S>>, s: S) {
  return {
    metrics: metrics.names,
    circleMetrics: circleMetrics.names,
    read: (out: Float64Array) => metrics.read(s, out),
    readCircles: (out: Float64Array) => circleMetrics.read(s, out),
  };
}
