/**
 * A sweep's results as the Sweep tab draws them, whether computed in the browser or read from a CLI
 * output folder: points, runs, and the grid of cells over one or two chosen parameters, each cell the
 * mean (and spread) of a metric over every run that falls in it, taken in run order.
 */
import { quantileSorted } from "../../../engine/viewer.ts";
import { fmtShort, type Unit } from "../../charts/format.ts";
import { metricUnit } from "../compare/data.ts";
import { table } from "../../export/csv.ts";
import type { SweepCell } from "../../charts/sweep-heatmap.ts";
import { max, min } from "d3";

/** A parameter value as a table cell: JSON objects are carried as their canonical JSON text. */
export type Value = number | string | boolean | null;

export interface SweepParam {
  name: string;
  /** Axis label without the unit (default: the name). */
  label?: string;
  unit?: string;
}

export interface RunRow {
  run: number;
  point: number;
  replicate: number;
  plan: string;
  /** Final metrics; NaN where undefined (an empty CSV field). */
  values: Record<string, number>;
}

export interface SweepData {
  title: string;
  params: SweepParam[];
  /** The design: each point's values in parameter order (cells exist before their runs finish). */
  points: Value[][];
  plans: string[];
  metrics: string[];
  /** Runs per point (0: unknown). */
  replicates: number;
  /** One row per run and plan, in any order. */
  rows: RunRow[];
  /**
   * The design scatters its points over the ranges (Latin hypercube, random, Sobol) rather than on a
   * grid's levels, so each axis is binned; undefined: guess (every point a value of its own on every axis).
   */
  scattered?: boolean;
  /** The base scenario's currency, naming money axes (unknown for a CLI sweep's files). */
  currency?: string;
}

export interface Level {
  label: string;
  /** The value (or, for a bin, its range "lo–hi"), as written in the cells CSV. */
  key: string;
  /** Numeric position: the value, or the bin's middle; NaN for categories. */
  at: number;
}

export interface Axis {
  param: SweepParam;
  levels: Level[];
  numeric: boolean;
  /** Many distinct numbers (a random or Latin hypercube design) are cut into equal-width bins. */
  binned: boolean;
  /** Level of a value (-1 if none). */
  of(v: Value): number;
}

export interface CellStat extends SweepCell {
  x: number;
  /** 0 with one parameter. */
  y: number;
}

export interface Grid {
  metric: string;
  unit: Unit;
  x: Axis;
  y?: Axis;
  /** Per plan, cells[y * nx + x]. */
  plans: { plan: string; cells: CellStat[] }[];
  /** Smallest and largest cell mean over every plan (NaN, NaN when none). */
  domain: [number, number];
}

/** More distinct numbers than this make bins. */
export const MAX_LEVELS = 16;
export const BINS = 10;

/** A parameter value for axes and tooltips: 1,200; 0.35; {"max":4,"min":3} → max 4, min 3. */
export function valueLabel(v: Value): string {
  if (v === null) return "–";
  if (typeof v === "number") return Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(Number(v.toPrecision(6)));
  if (typeof v === "string" && /^[[{]/.test(v)) {
    try {
      const o = JSON.parse(v) as unknown;
      if (o && typeof o === "object" && !Array.isArray(o))
        return Object.entries(o as Record<string, unknown>).map(([k, x]) => `${k} ${typeof x === "object" ? JSON.stringify(x) : String(x)}`).join(", ");
    } catch {
      // not JSON: shown as written
    }
  }
  return String(v);
}

export function paramLabel(p: SweepParam): string {
  return `${p.label ?? p.name}${p.unit ? ` (${p.unit})` : ""}`;
}

/** The levels of parameter i over the design: sorted numbers, numeric bins, or categories in design order. */
export function axisOf(d: SweepData, i: number): Axis {
  const param = d.params[i];
  const seen = new Map<string, Value>();
  for (const p of d.points) if (!seen.has(keyOf(p[i]))) seen.set(keyOf(p[i]), p[i]);
  const values = [...seen.values()];
  const numeric = values.length > 0 && values.every((v) => typeof v === "number");
  if (!numeric) {
    const keys = [...seen.keys()];
    const index = new Map(keys.map((k, j) => [k, j]));
    const levels = values.map((v) => ({ label: valueLabel(v), key: typeof v === "string" ? v : JSON.stringify(v), at: NaN }));
    return { param, numeric, binned: false, levels, of: (v) => index.get(keyOf(v)) ?? -1 };
  }
  const nums = (values as number[]).sort((a, b) => a - b);
  const scattered = d.scattered ?? (d.points.length > BINS && d.params.every((_, k) => new Set(d.points.map((p) => keyOf(p[k]))).size === d.points.length));
  if (nums.length <= MAX_LEVELS && !(scattered && nums.length > BINS)) {
    const index = new Map(nums.map((v, j) => [v, j]));
    return { param, numeric, binned: false, levels: nums.map((v) => ({ label: valueLabel(v), key: String(v), at: v })), of: (v) => (typeof v === "number" ? index.get(v) ?? -1 : -1) };
  }
  // About √points bins (3 … BINS), so a scattered design fills most cells; labels to 3 significant digits.
  const bins = Math.max(3, Math.min(BINS, Math.round(Math.sqrt(d.points.length))));
  const lo = nums[0], hi = nums[nums.length - 1], w = (hi - lo) / bins;
  const edge = (k: number) => Number((lo + k * w).toPrecision(6));
  const short = (k: number) => valueLabel(Number(edge(k).toPrecision(3)));
  const levels = Array.from({ length: bins }, (_, k) => ({ label: `${short(k)}–${short(k + 1)}`, key: `${edge(k)}–${edge(k + 1)}`, at: lo + (k + 0.5) * w }));
  return { param, numeric, binned: true, levels, of: (v) => (typeof v === "number" ? Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w))) : -1) };
}

function keyOf(v: Value): string {
  return typeof v === "string" ? `s:${v}` : JSON.stringify(v);
}

function stats(x: number, y: number, values: number[], missing: number, expected: number): CellStat {
  let sum = 0;
  for (const v of values) sum += v; // in run order, as a reader of runs.csv would add them
  const sorted = Float64Array.from(values).sort();
  const n = values.length;
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return {
    x, y, n, missing, expected,
    mean, median: quantileSorted(sorted, 0.5), p5: quantileSorted(sorted, 0.05), p95: quantileSorted(sorted, 0.95),
    min: n ? sorted[0] : NaN, max: n ? sorted[n - 1] : NaN, sd, se: sd / Math.sqrt(n),
  };
}

/** The cells of `metric` over parameter x (and y), per plan: every run of the cell's points, in run order. */
export function sweepGrid(d: SweepData, o: { x: number; y?: number; metric: string; plans?: readonly string[] }): Grid {
  const x = axisOf(d, o.x);
  const y = o.y === undefined ? undefined : axisOf(d, o.y);
  const nx = x.levels.length, ny = y?.levels.length ?? 1;
  const cellOfPoint = d.points.map((p) => {
    const i = x.of(p[o.x]), j = y ? y.of(p[o.y!]) : 0;
    return i < 0 || j < 0 ? -1 : j * nx + i;
  });
  const expected = new Array<number>(nx * ny).fill(0);
  for (const c of cellOfPoint) if (c >= 0) expected[c] += d.replicates;
  const rows = [...d.rows].sort((a, b) => a.run - b.run);
  const plans = (o.plans ?? d.plans).map((plan) => {
    const values = Array.from({ length: nx * ny }, () => [] as number[]);
    const missing = new Array<number>(nx * ny).fill(0);
    for (const r of rows) {
      if (r.plan !== plan) continue;
      const c = cellOfPoint[r.point] ?? -1;
      if (c < 0) continue;
      const v = r.values[o.metric];
      if (v === undefined || !Number.isFinite(v)) missing[c]++;
      else values[c].push(v);
    }
    return { plan, cells: values.map((v, c) => stats(c % nx, Math.floor(c / nx), v, missing[c], expected[c])) };
  });
  const means = plans.flatMap((p) => p.cells.map((c) => c.mean)).filter(Number.isFinite);
  const domain: [number, number] = means.length ? [min(means)!, max(means)!] : [NaN, NaN];
  return { metric: o.metric, unit: metricUnit(o.metric), x, y, plans, domain };
}

/** The data behind a grid chart: one row per plan and cell (sd and se, added later, come last). */
export function gridCsv(g: Grid): string {
  const head = ["plan", g.x.param.name, ...(g.y ? [g.y.param.name] : []), "metric", "runs", "undefined", "expected", "mean", "median", "p5", "p95", "min", "max", "sd", "se"];
  const num = (v: number) => (Number.isFinite(v) ? v : "");
  const rows = g.plans.flatMap((p) =>
    p.cells.map((c) => [p.plan, g.x.levels[c.x].key, ...(g.y ? [g.y.levels[c.y].key] : []), g.metric, c.n, c.missing, c.expected, num(c.mean), num(c.median), num(c.p5), num(c.p95), num(c.min), num(c.max), num(c.sd), num(c.se)]),
  );
  return table(head, rows);
}

/** Runs done over runs expected in a grid (every plan), e.g. for a caption. */
export function gridCount(g: Grid): { done: number; expected: number } {
  const cells = g.plans[0]?.cells ?? [];
  return { done: cells.reduce((a, c) => a + c.n + c.missing, 0), expected: cells.reduce((a, c) => a + c.expected, 0) };
}
