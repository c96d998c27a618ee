/**
 * A calibration file → everything the fit needs, checked before any simulation: the scenario, the
 * fitted parameters' locations (sweep paths), the observed series on the scenario's ticks, and the
 * summary statistics (each a metric's increase over a window of ticks) with their observed values
 * (docs/calibration.md).
 */
import { parseScenario, jsonHazards } from "../../scenarios/parse.ts";
import { formatPath, issueLine, show, toIssues, type ScenarioIssue } from "../../scenarios/issues.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { Calibration, fitParameterName, type FitParameter } from "../../scenarios/schema/calibrate.ts";
import { ScenarioError } from "../errors.ts";
import { loadObserved, type ObservedData } from "./observed.ts";
import { PathError, parsePath, resolvePath, setAt, type Location } from "./paths.ts";
import { planMetrics } from "./sweep-run.ts";

/** Fields the calibration sets itself. */
const RESERVED = new Set(["seed", "replicates"]);

export interface FittedParameter {
  name: string;
  spec: FitParameter;
  locations: Location[];
}

/** One summary statistic: observed series `series`'s increase over ticks from…to (inclusive). */
export interface StatDef {
  series: number;
  from: number;
  to: number;
  /** The ticks summed, where the data miss some days of the window (null: every tick from…to). */
  ticks: number[] | null;
  /** Observed value, transformed (not yet scaled). */
  observed: number;
}

export interface PreparedCalibration {
  readonly calibration: Calibration & { scenario: Scenario };
  readonly base: Scenario;
  readonly parameters: FittedParameter[];
  readonly observed: ObservedData;
  readonly stats: StatDef[];
  /** Plans the simulations run (those the observed rows map to), and the per-tick metrics they keep (`metric@circle` for one circle's). */
  readonly plans: string[];
  readonly metrics: string[];
}

export interface CalibrationSource {
  /** Names the file in messages. */
  source?: string;
  /** A `scenario` reference (path or library:NAME) → its JSON. */
  loadScenario?: (ref: string) => unknown;
  /** The observed CSV's text, by the path in the file. */
  readObserved: (file: string) => string;
}

/** The engine metric a series of `metric` reads (revenue is purchases × price). */
export function engineMetric(metric: string): string {
  return metric === "revenue" ? "purchases" : metric;
}

/** The per-tick column an observed series reads: its engine metric, or `metric@circle` for one circle's (sweep-run.ts). */
export function seriesColumn(s: { metric: string; circle?: string }): string {
  return s.circle !== undefined ? `${s.metric}@${s.circle}` : engineMetric(s.metric);
}

/** Signed square root: a variance-stabilising transform for counts that keeps a fall negative. */
export function transform(kind: "none" | "sqrt", x: number): number {
  if (kind === "none") return x;
  return x < 0 ? -Math.sqrt(-x) : Math.sqrt(x);
}

export function prepareCalibration(raw: unknown, src: CalibrationSource): PreparedCalibration {
  const source = src.source ?? "calibration";
  const proto = jsonHazards(raw);
  if (proto.length) throw new ScenarioError(proto, source);
  const r = Calibration.safeParse(raw, { reportInput: true });
  if (!r.success) throw new ScenarioError(toIssues(r.error), source);
  const cal = r.data;

  let baseRaw: unknown = cal.scenario;
  if (typeof cal.scenario === "string") {
    if (!src.loadScenario) throw new ScenarioError([{ path: "scenario", message: "expected an inline scenario (no loader for references here)", received: show(cal.scenario) }], source);
    baseRaw = src.loadScenario(cal.scenario);
  }
  const parsed = parseScenario(baseRaw);
  if (!parsed.ok) throw new ScenarioError(parsed.issues.map((i) => ({ ...i, path: `scenario.${i.path}` })), source, `${source}: the scenario is invalid`);
  const base = parsed.scenario;
  const issues: ScenarioIssue[] = [];
  const parameters = cal.parameters.map((spec, i) => resolveParameter(base, spec, i, issues));
  if (issues.length) throw new ScenarioError(issues, source);
  parameters.forEach((p, i) => checkBounds(base, p, i, issues));
  if (issues.length) throw new ScenarioError(issues, source);

  const observed = loadObserved(src.readObserved(cal.observed.file), cal.observed, { horizon: base.horizon, tickDays: base.tickDays, plans: base.plans.map((p) => p.name), source: cal.observed.file });
  const plans = [...new Set(observed.series.map((s) => s.plan))].sort((a, b) => base.plans.findIndex((p) => p.name === a) - base.plans.findIndex((p) => p.name === b));
  const known = planMetrics(base, plans);
  const circles = base.population.circles.map((c) => c.name);
  cal.observed.metrics.forEach((m, i) => {
    if (m.circle !== undefined && !circles.includes(m.circle))
      issues.push({ path: `observed.metrics[${i}].circle`, message: `expected a circle of the scenario (${circles.join(", ")})`, received: show(m.circle) });
    for (const k of known) {
      if (m.circle !== undefined && !k.circleMetrics.includes(m.metric))
        issues.push({ path: `observed.metrics[${i}].metric`, message: `expected a per-circle metric of plan ${JSON.stringify(k.plan)} for circle ${JSON.stringify(m.circle)} (${k.circleMetrics.join(", ")})`, received: show(m.metric) });
      if (m.circle === undefined && !k.metrics.includes(engineMetric(m.metric)))
        issues.push({ path: `observed.metrics[${i}].metric`, message: `expected a per-tick metric of plan ${JSON.stringify(k.plan)} (${[...k.metrics, "revenue"].join(", ")})`, received: show(m.metric) });
    }
  });
  if (issues.length) throw new ScenarioError(issues, source);
  const metrics = [...new Set(cal.observed.metrics.map(seriesColumn))];
  const stats = statDefs(observed, cal.summaries.window, cal.summaries.transform);
  if (stats.length === 0)
    throw new ScenarioError([{ path: "summaries.window", message: `expected at least one window of ${cal.summaries.window} tick(s) with complete data; every window has a missing day`, received: show(cal.summaries.window) }], source);
  return { calibration: { ...cal, scenario: base }, base, parameters, observed, stats, plans, metrics };
}

function resolveParameter(base: Scenario, spec: FitParameter, i: number, issues: ScenarioIssue[]): FittedParameter {
  const locations: Location[] = [];
  const paths = Array.isArray(spec.path) ? spec.path.map((text, j) => ({ text, at: `path[${j}]` })) : [{ text: spec.path, at: "path" }];
  for (const { text, at } of paths) {
    try {
      const resolved = resolvePath(base, parsePath(text));
      for (const loc of resolved.locations) {
        if (RESERVED.has(String(loc[0]))) issues.push({ path: `parameters[${i}].${at}`, message: `expected a model parameter: the calibration sets ${loc[0]} itself`, received: show(text) });
        locations.push(loc);
      }
    } catch (e) {
      if (!(e instanceof PathError)) throw e;
      issues.push({ path: `parameters[${i}].${at}`, message: e.message, received: show(text) });
    }
  }
  return { name: fitParameterName(spec), spec, locations };
}

/** The prior's bounds, each alone on the scenario, must give valid scenarios. */
function checkBounds(base: Scenario, p: FittedParameter, i: number, issues: ScenarioIssue[]): void {
  for (const at of ["min", "max"] as const) {
    const v = p.spec.integer ? Math.round(p.spec.prior[at]) : p.spec.prior[at];
    const s = structuredClone(base) as unknown;
    for (const loc of p.locations) setAt(s, loc, v);
    const r = parseScenario(s);
    if (!r.ok) issues.push({ path: `parameters[${i}].prior.${at}`, message: `expected a value the scenario accepts at ${p.locations.map((l) => formatPath(l)).join(", ")}; ${issueLine(r.issues[0])}`, received: show(v) });
  }
}

/**
 * Statistics: for every fitted series, its increase over each window [b·w, (b+1)·w − 1] of ticks (a
 * last window shorter than w/2 joins the one before). Daily values: the sum over the window's ticks
 * that the data have (a missing day drops that day, on both sides, not the window); running totals:
 * the change between the window's ends, where both are known.
 */
function statDefs(obs: ObservedData, w: number, kind: "none" | "sqrt"): StatDef[] {
  const out: StatDef[] = [];
  obs.series.forEach((s, k) => {
    if (!s.fit) return;
    const last = s.byTick.length - 1;
    const windows: [number, number][] = [];
    for (let from = 0; from <= last; from += w) windows.push([from, Math.min(from + w - 1, last)]);
    if (windows.length > 1 && windows[windows.length - 1][1] - windows[windows.length - 1][0] + 1 < w / 2) windows[windows.length - 2][1] = windows.pop()![1];
    for (const [from, to] of windows) {
      if (s.values === "daily") {
        const ticks: number[] = [];
        let sum = 0;
        for (let t = from; t <= to; t++) if (!Number.isNaN(s.byTick[t])) (sum += s.byTick[t]), ticks.push(t);
        if (ticks.length) out.push({ series: k, from, to, ticks: ticks.length === to - from + 1 ? null : ticks, observed: transform(kind, sum) });
      } else {
        const v = s.byTick[to] - (from > 0 ? s.byTick[from - 1] : 0);
        if (!Number.isNaN(v)) out.push({ series: k, from, to, ticks: null, observed: transform(kind, v) });
      }
    }
  });
  return out;
}

/** The scenario JSON with fitted values set (integer parameters rounded). */
export function withValues(prep: PreparedCalibration, values: readonly number[]): unknown {
  const s = structuredClone(prep.base) as unknown;
  prep.parameters.forEach((p, i) => {
    const v = p.spec.integer ? Math.round(values[i]) : values[i];
    for (const loc of p.locations) setAt(s, loc, v);
  });
  return s;
}
