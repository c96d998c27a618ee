/**
 * An optimisation file → its checked decision variables, each mapped to coordinates in [0, 1] for
 * the search, and back: a point of the unit cube is a plan (ranges scaled, whole numbers rounded,
 * choices binned, budget shares normalised and rounded so they add up to the total exactly).
 * Everything is checked before any run: paths exist and lie in the optimised plan, the extremes of
 * every variable give a valid scenario, the objective names a metric the plan reports (docs/optimize.md).
 */
import { formatPath, issueLine, show, toIssues, type ScenarioIssue } from "../../scenarios/issues.ts";
import { jsonHazards, parseScenario } from "../../scenarios/parse.ts";
import { isShares, Optimization, type Objective } from "../../scenarios/schema/optimize.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import type { Json } from "./design.ts";
import { getAt, PathError, parsePath, resolvePath, setAt, type Location } from "./paths.ts";
import { planMetrics } from "./sweep-run.ts";

/** One decision: a number in a range, one of a list, or a split of a total (several columns). */
export type Decision =
  | { kind: "range"; name: string; locations: Location[]; min: number; max: number; integer: boolean }
  | { kind: "choice"; name: string; locations: Location[]; values: Json[] }
  | { kind: "shares"; name: string; paths: string[]; locations: Location[][]; total: number; minShare: number };

export interface PreparedOptimization {
  readonly file: Optimization & { scenario: Scenario };
  readonly base: Scenario;
  readonly plan: string;
  readonly decisions: Decision[];
  /** Coordinates of the search (a shares decision takes one per path). */
  readonly dims: number;
  /** Output columns of a plan: one per range or choice, one per share. */
  readonly columns: string[];
  /** The final metric the objective reads per replicate ("reach@circle" for a circle's reach). */
  readonly metric: string;
  /** The metrics kept per run: the objective's and the frontier's. */
  readonly metrics: string[];
  /** Runs must report per-circle finals (the objective names a circle). */
  readonly circleFinals: boolean;
  /** The plan as written, as a point of the unit cube (where the search starts). */
  readonly start: Float64Array;
}

export const FRONTIER_METRICS = ["customers", "spend", "reach", "revenue", "roi"] as const;
const ALIASES: Record<string, string> = { conversions: "customers" };
const CIRCLE_METRICS = ["reach", "customers"];

export interface OptimizationSource {
  source?: string;
  /** Turns a `scenario` reference (path or library:NAME) into scenario JSON; throws ScenarioError when it cannot. */
  loadScenario?: (ref: string) => unknown;
}

export function prepareOptimization(raw: unknown, opts: OptimizationSource = {}): PreparedOptimization {
  const source = opts.source ?? "optimization";
  const proto = jsonHazards(raw);
  if (proto.length) throw new ScenarioError(proto, source);
  const r = Optimization.safeParse(raw, { reportInput: true });
  if (!r.success) throw new ScenarioError(toIssues(r.error), source);
  const file = r.data;
  let scenarioRaw: unknown = file.scenario;
  if (typeof file.scenario === "string") {
    if (!opts.loadScenario) throw new ScenarioError([{ path: "scenario", message: "expected an inline scenario (no loader for references here)", received: show(file.scenario) }], source);
    scenarioRaw = opts.loadScenario(file.scenario);
  }
  const parsed = parseScenario(scenarioRaw);
  if (!parsed.ok) throw new ScenarioError(parsed.issues.map((i) => ({ ...i, path: `scenario.${i.path}` })), source, `${source}: the scenario is invalid`);
  const base = parsed.scenario;
  const issues: ScenarioIssue[] = [];
  const fail = () => {
    if (issues.length) throw new ScenarioError(issues, source);
  };

  const planIndex = file.plan === undefined ? 0 : base.plans.findIndex((p) => p.name === file.plan);
  if (planIndex < 0) issues.push({ path: "plan", message: `expected a plan of the scenario (${base.plans.map((p) => p.name).join(", ")})`, received: show(file.plan) });
  fail();
  const plan = base.plans[planIndex];

  const decisions = resolveDecisions(file, base, planIndex, issues);
  fail();
  checkExtremes(decisions, base, issues);
  fail();

  const obj = file.objective;
  const name = ALIASES[obj.metric] ?? obj.metric;
  const known = planMetrics(base, [plan.name])[0].final;
  if (obj.circle !== undefined) {
    if (!CIRCLE_METRICS.includes(name)) issues.push({ path: "objective.circle", message: `expected a circle only with ${CIRCLE_METRICS.join(" or ")}`, received: show(obj.metric) });
    if (!base.population.circles.some((c) => c.name === obj.circle))
      issues.push({ path: "objective.circle", message: `expected a circle of the scenario (${base.population.circles.map((c) => c.name).join(", ")})`, received: show(obj.circle) });
  } else if (!known.includes(name)) issues.push({ path: "objective.metric", message: `expected conversions or a metric the plan reports (${known.join(", ")})`, received: show(obj.metric) });
  fail();
  const metric = obj.circle !== undefined ? `${name}@${obj.circle}` : name;
  const metrics = [...new Set([metric, ...FRONTIER_METRICS.filter((m) => known.includes(m))])];

  const columns = decisions.flatMap((d) => (d.kind === "shares" ? d.paths.map((p) => `${d.name}:${p}`) : [d.name]));
  const dims = decisions.reduce((a, d) => a + (d.kind === "shares" ? d.paths.length : 1), 0);
  return { file: { ...file, scenario: base }, base, plan: plan.name, decisions, dims, columns, metric, metrics, circleFinals: obj.circle !== undefined, start: encode(decisions, base) };
}

function resolveDecisions(file: Optimization, base: Scenario, planIndex: number, issues: ScenarioIssue[]): Decision[] {
  const owner = new Map<string, string>();
  const planBudget = base.plans[planIndex].budget;
  const locate = (text: string, field: string): Location[] => {
    try {
      const locations = resolvePath(base, parsePath(text)).locations;
      for (const loc of locations) {
        const key = formatPath(loc);
        if (loc[0] !== "plans" || loc[1] !== planIndex)
          issues.push({ path: field, message: `expected a path into the optimised plan "${base.plans[planIndex].name}" (plans.${base.plans[planIndex].name}.…); ${key} is outside it`, received: show(text) });
        else if (owner.has(key)) issues.push({ path: field, message: `expected each location set by one variable: ${key} is already set by ${owner.get(key)}`, received: show(text) });
        else owner.set(key, field);
      }
      return locations;
    } catch (e) {
      if (!(e instanceof PathError)) throw e;
      issues.push({ path: field, message: e.message, received: show(text) });
      return [];
    }
  };
  return file.variables.map((v, i): Decision => {
    const at = `variables[${i}]`;
    if (isShares(v)) {
      const total = v.total ?? planBudget;
      if (total === undefined) issues.push({ path: `${at}.total`, message: `expected a total: the plan "${base.plans[planIndex].name}" has no budget to split`, received: show(v.total) });
      if (v.minShare * v.shares.length > 1) issues.push({ path: `${at}.minShare`, message: `expected minShare × ${v.shares.length} shares ≤ 1`, received: show(v.minShare) });
      return { kind: "shares", name: v.name, paths: v.shares, locations: v.shares.map((p, j) => locate(p, `${at}.shares[${j}]`)), total: total ?? 0, minShare: v.minShare };
    }
    const name = v.name ?? v.path;
    const locations = locate(v.path, `${at}.path`);
    if (v.values) return { kind: "choice", name, locations, values: v.values as Json[] };
    return { kind: "range", name, locations, min: v.min!, max: v.max!, integer: v.integer };
  });
}

/** Each variable alone at its extremes (each choice, each share taking all but the minimum) must give a valid scenario. */
function checkExtremes(decisions: readonly Decision[], base: Scenario, issues: ScenarioIssue[]): void {
  decisions.forEach((d, i) => {
    const tries: { at: string; value: Json[] }[] =
      d.kind === "range"
        ? [{ at: "min", value: [d.min] }, { at: "max", value: [d.max] }]
        : d.kind === "choice"
          ? d.values.map((v, j) => ({ at: `values[${j}]`, value: [v] }))
          : d.paths.map((_, j) => ({ at: `shares[${j}]`, value: splitTotal(d, d.paths.map((__, k) => (k === j ? 1 : 0))) }));
    for (const t of tries) {
      const s = structuredClone(base) as unknown;
      setDecision(s, d, t.value);
      const parsed = parseScenario(s);
      if (!parsed.ok) issues.push({ path: `variables[${i}].${t.at}`, message: `expected a value the scenario accepts; ${issueLine(parsed.issues[0])}`, received: show(t.value.length === 1 ? t.value[0] : t.value) });
    }
  });
}

function setDecision(s: unknown, d: Decision, value: readonly Json[]): void {
  if (d.kind === "shares") d.locations.forEach((locs, j) => locs.forEach((loc) => setAt(s, loc, value[j])));
  else for (const loc of d.locations) setAt(s, loc, structuredClone(value[0]));
}

/** Amounts of a split: weights → shares above minShare → whole units adding up to the total (largest remainders). */
export function splitTotal(d: Extract<Decision, { kind: "shares" }>, weights: readonly number[]): number[] {
  const m = weights.length;
  const sum = weights.reduce((a, w) => a + Math.max(w, 0), 0);
  const free = 1 - d.minShare * m;
  const exact = weights.map((w) => d.total * (d.minShare + free * (sum > 0 ? Math.max(w, 0) / sum : 1 / m)));
  if (!Number.isInteger(d.total)) return exact;
  const whole = exact.map(Math.floor);
  let left = d.total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((x, j) => j).sort((a, b) => exact[b] - whole[b] - (exact[a] - whole[a]) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % m, left--) whole[order[k]]++;
  return whole;
}

/** A point of the unit cube (clipped into it) → the value of every column. */
export function decode(prep: PreparedOptimization, x: Float64Array): Json[] {
  const out: Json[] = [];
  let k = 0;
  const unit = (v: number) => Math.min(1, Math.max(0, v));
  for (const d of prep.decisions) {
    if (d.kind === "shares") {
      const w = Array.from(d.paths, () => unit(x[k++]) + 1e-9);
      out.push(...splitTotal(d, w));
    } else if (d.kind === "choice") out.push(d.values[Math.min(d.values.length - 1, Math.floor(unit(x[k++]) * d.values.length))]);
    else {
      const v = d.min + unit(x[k++]) * (d.max - d.min);
      out.push(d.integer ? Math.round(v) : v);
    }
  }
  return out;
}

/** The plan as written, as a point of the unit cube (values outside a range are clipped; a choice the plan does not make starts at the first value). */
function encode(decisions: readonly Decision[], base: Scenario): Float64Array {
  const x: number[] = [];
  const read = (loc: Location | undefined) => (loc ? getAt(base, loc) : undefined);
  for (const d of decisions) {
    if (d.kind === "shares") {
      const now = d.locations.map((locs) => read(locs[0]));
      const nums = now.map((v) => (typeof v === "number" ? v : 0));
      const sum = nums.reduce((a, b) => a + b, 0);
      // Invert splitTotal: the share above the minimum, as a weight.
      const free = 1 - d.minShare * nums.length;
      x.push(...nums.map((v) => (sum > 0 && free > 0 ? Math.max(0, v / sum - d.minShare) / free : 1 / nums.length)));
    } else if (d.kind === "choice") {
      const now = JSON.stringify(read(d.locations[0]));
      const j = d.values.findIndex((v) => JSON.stringify(v) === now);
      // A field the plan leaves out takes its default, which the list usually starts with.
      x.push((Math.max(j, 0) + 0.5) / d.values.length);
    } else {
      const v = read(d.locations[0]);
      x.push(typeof v === "number" ? Math.min(1, Math.max(0, (v - d.min) / (d.max - d.min))) : 0.5);
    }
  }
  return Float64Array.from(x);
}

/** The scenario JSON of a plan's column values (the whole scenario: the worker validates and runs it). */
export function candidateScenario(prep: PreparedOptimization, values: readonly Json[]): unknown {
  const s = structuredClone(prep.base) as unknown;
  let k = 0;
  for (const d of prep.decisions) {
    const n = d.kind === "shares" ? d.paths.length : 1;
    setDecision(s, d, values.slice(k, k + n));
    k += n;
  }
  return s;
}

/**
 * A scenario for `circlecast compare`: the scenario's plans as written, then the optimised plan named
 * `<plan>-optimised` (and the runner-up, `<plan>-runner-up`), all on the same worlds.
 */
export function optimisedScenario(prep: PreparedOptimization, best: readonly Json[], runnerUp?: readonly Json[]): Record<string, unknown> {
  const out = structuredClone(prep.base) as unknown as Record<string, unknown> & { plans: Record<string, unknown>[] };
  const planOf = (values: readonly Json[], suffix: string) => {
    const s = candidateScenario(prep, values) as { plans: Record<string, unknown>[] };
    const p = s.plans.find((x) => x.name === prep.plan)!;
    return { ...p, name: `${prep.plan}-${suffix}`, description: `${prep.plan} as optimised by ${prep.file.name} (${suffix})` };
  };
  out.plans = [...out.plans, planOf(best, "optimised"), ...(runnerUp ? [planOf(runnerUp, "runner-up")] : [])];
  delete out.$schema;
  return out;
}

export type { Objective };
