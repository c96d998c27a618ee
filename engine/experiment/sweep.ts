/**
 * sweep: a sweep file → checked parameters, the ordered points of its design, a seed per point, and
 * the scenario of each point. Everything is checked before any run: paths exist, every value and
 * every point gives a valid scenario, outputs name real metrics, plans compile (docs/sweeps.md).
 */
import { parseScenario, jsonHazards } from "../../scenarios/parse.ts";
import { formatPath, issueLine, show, toIssues, type ScenarioIssue } from "../../scenarios/issues.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { MAX_SWEEP_RUNS, Sweep, parameterName, type Parameter } from "../../scenarios/schema/sweep.ts";
import { ScenarioError } from "../errors.ts";
import { designSize, expandDesign, gridValues, type Json, type Point } from "./design.ts";
import { PathError, parsePath, resolvePath, setAt, type Location } from "./paths.ts";
import { designKey, pointSeed } from "./sweep-seeds.ts";
import { planMetrics, type TickOptions } from "./sweep-run.ts";
import { checkCost, estimateCost, sweepCost, type Cost, type Limits } from "./cost.ts";

/** Fields the sweep itself sets: a parameter may not address them. */
const RESERVED = new Set(["seed", "replicates"]);
/** Points whose problems are listed before the rest are counted. */
const SHOWN_POINTS = 5;

export interface SweepParameter {
  name: string;
  spec: Parameter;
  /** Every scenario location the parameter sets. */
  locations: Location[];
}

export interface PreparedSweep {
  /** The parsed sweep, its base replaced by the parsed base scenario (so it is self-contained). */
  readonly sweep: Sweep & { base: Scenario };
  readonly base: Scenario;
  readonly parameters: SweepParameter[];
  readonly points: Point[];
  /** Seed of each point (uint32). */
  readonly seeds: Uint32Array;
  readonly replicates: number;
  /** points × replicates; run k is point ⌊k / replicates⌋, replicate k mod replicates. */
  readonly runs: number;
  readonly plans: string[];
  /** Final metrics written per run, in order (null: every metric the runs report). */
  readonly outputs: string[] | null;
  readonly perTick: TickOptions | null;
  /** The estimated work of all its runs (engine/experiment/cost.ts). */
  readonly cost: Cost;
}

export interface SweepSource {
  /** Names the sweep in messages (a file path). */
  source?: string;
  /** Turns a `base` reference (path or library:NAME) into scenario JSON; throws ScenarioError when it cannot. */
  loadBase?: (ref: string) => unknown;
  /** Refuse a sweep whose estimated cost is above these, before its points are listed (none: no check). */
  limits?: Limits;
}

/** Parse a sweep file's JSON and check it against its base scenario; throws ScenarioError (exit 2) listing every problem. */
export function prepareSweep(raw: unknown, opts: SweepSource = {}): PreparedSweep {
  const source = opts.source ?? "sweep";
  const proto = jsonHazards(raw);
  if (proto.length) throw new ScenarioError(proto, source);
  const r = Sweep.safeParse(raw, { reportInput: true });
  if (!r.success) throw new ScenarioError(toIssues(r.error), source);
  const sweep = r.data;

  let baseRaw: unknown = sweep.base;
  if (typeof sweep.base === "string") {
    if (!opts.loadBase) throw new ScenarioError([{ path: "base", message: "expected an inline scenario (no loader for references here)", received: show(sweep.base) }], source);
    baseRaw = opts.loadBase(sweep.base);
  }
  const parsedBase = parseScenario(baseRaw);
  if (!parsedBase.ok)
    throw new ScenarioError(parsedBase.issues.map((i) => ({ ...i, path: `base.${i.path}` })), source, `${source}: the base scenario is invalid`);
  const base = parsedBase.scenario;
  const issues: ScenarioIssue[] = [];

  const plans = sweep.plans ?? base.plans.map((p) => p.name);
  sweep.plans?.forEach((name, i) => {
    if (!base.plans.some((p) => p.name === name))
      issues.push({ path: `plans[${i}]`, message: `expected a plan of the base scenario (${base.plans.map((p) => p.name).join(", ")})`, received: show(name) });
  });

  const parameters = resolveParameters(sweep, base, issues);
  if (issues.length) throw new ScenarioError(issues, source);

  // Size and cost first: a design's points and values are listed and checked only once it may run.
  const size = designSize(sweep.design, sweep.parameters);
  if (size * sweep.replicates > MAX_SWEEP_RUNS)
    throw new ScenarioError([{ path: "design", message: `expected at most ${MAX_SWEEP_RUNS} runs (points × replicates); this design has ${size} points × ${sweep.replicates}`, received: show(sweep.design) }], source);
  const cost = sweepCost(worstRunCost(base, parameters, plans), size, size * sweep.replicates, tickValues(sweep, base));
  if (opts.limits) checkCost(cost, opts.limits, source);
  checkValues(parameters, base, issues);
  if (issues.length) throw new ScenarioError(issues, source);

  const points = expandDesign(sweep.design, sweep.parameters, designKey(sweep.seed));
  const scenarios = checkPoints(parameters, base, points, issues);
  if (issues.length) throw new ScenarioError(issues, source);

  const names = parameters.map((p) => p.name);
  const seeds = Uint32Array.from(points, (p) => (sweep.randomNumbers === "common" ? sweep.seed : pointSeed(sweep.seed, names, p)));
  const perTick = sweep.perTick === false ? null : sweep.perTick === true ? { every: 1, metrics: null } : { every: sweep.perTick.every, metrics: sweep.perTick.metrics ?? null };
  if (perTick && !perTick.metrics && sweep.outputs) perTick.metrics = sweep.outputs;
  checkMetrics(sweep, scenarios, plans, perTick, issues);
  if (issues.length) throw new ScenarioError(issues, source);

  return {
    sweep: { ...sweep, base },
    base,
    cost,
    parameters,
    points,
    seeds,
    replicates: sweep.replicates,
    runs: points.length * sweep.replicates,
    plans,
    outputs: sweep.outputs ?? null,
    perTick,
  };
}

function pathsOf(p: Parameter): { text: string; at: string }[] {
  return Array.isArray(p.path) ? p.path.map((text, j) => ({ text, at: `path[${j}]` })) : [{ text: p.path, at: "path" }];
}

function resolveParameters(sweep: Sweep, base: Scenario, issues: ScenarioIssue[]): SweepParameter[] {
  const owner = new Map<string, number>();
  return sweep.parameters.map((spec, i) => {
    const locations: Location[] = [];
    for (const { text, at } of pathsOf(spec)) {
      const field = `parameters[${i}].${at}`;
      try {
        const resolved = resolvePath(base, parsePath(text));
        for (const loc of resolved.locations) {
          const key = formatPath(loc);
          if (RESERVED.has(String(loc[0])))
            issues.push({ path: field, message: `expected a model parameter: the sweep sets ${loc[0]} itself (sweep.seed, sweep.replicates)`, received: show(text) });
          else if (owner.has(key))
            issues.push({ path: field, message: `expected each location set by one parameter: ${key} is already set by parameters[${owner.get(key)}]`, received: show(text) });
          else owner.set(key, i);
          locations.push(loc);
        }
      } catch (e) {
        if (!(e instanceof PathError)) throw e;
        issues.push({ path: field, message: e.message, received: show(text) });
      }
    }
    return { name: parameterName(spec), spec, locations };
  });
}

/** The base scenario with the given parameter values set (a fresh copy). */
function applyValues(base: Scenario, params: readonly SweepParameter[], values: readonly Json[]): unknown {
  const s = structuredClone(base) as unknown;
  params.forEach((p, i) => {
    for (const loc of p.locations) setAt(s, loc, structuredClone(values[i]));
  });
  return s;
}

/** The scenario JSON of a point (not yet parsed: the run parses it where it runs). */
export function pointScenario(prep: PreparedSweep, point: number): unknown {
  return applyValues(prep.base, prep.parameters, prep.points[point]);
}

/** Which point and replicate run k is, and its seed. */
export function runOf(prep: PreparedSweep, run: number): { point: number; replicate: number; seed: number } {
  const point = Math.floor(run / prep.replicates);
  return { point, replicate: run % prep.replicates, seed: prep.seeds[point] };
}

/** What run k asks of an engine (the CLI's workers, the viewer's, or this thread): the point's scenario as JSON, validated where it runs. */
export function runRequest(prep: PreparedSweep, run: number): { scenario: unknown; seed: number; replicate: number; plans?: readonly string[]; perTick: TickOptions | null; reuseWorlds: boolean } {
  const { point, replicate, seed } = runOf(prep, run);
  return {
    scenario: pointScenario(prep, point),
    seed,
    replicate,
    plans: prep.sweep.plans ? prep.plans : undefined,
    perTick: prep.perTick,
    reuseWorlds: prep.sweep.randomNumbers === "common",
  };
}

/** Is scenario issue path `p` at, above or below location text `loc`? */
function sameBranch(p: string, loc: string): boolean {
  const under = (a: string, b: string) => a === b || (a.startsWith(b) && (a[b.length] === "." || a[b.length] === "["));
  return under(p, loc) || under(loc, p);
}

/**
 * The cost of one run at most: the base scenario's, times for each parameter the ratio that its
 * costliest numeric value (the smallest or largest: work grows or shrinks with a count) gives alone.
 */
function worstRunCost(base: Scenario, params: readonly SweepParameter[], plans: readonly string[]): Cost {
  const one = estimateCost(base, { replicates: 1, plans });
  let units = one.units, bytes = one.bytes, draws = one.draws;
  for (const p of params) {
    const nums = p.spec.values ? p.spec.values.filter((v): v is number => typeof v === "number") : [p.spec.min!, p.spec.max!];
    if (nums.length === 0) continue;
    const extremes = [nums.reduce((a, b) => Math.min(a, b)), nums.reduce((a, b) => Math.max(a, b))];
    const costs = extremes.flatMap((v) => {
      const s = structuredClone(base) as unknown;
      for (const loc of p.locations) setAt(s, loc, v);
      const parsed = parseScenario(s);
      return parsed.ok ? [estimateCost(parsed.scenario, { replicates: 1, plans })] : [];
    });
    if (costs.length === 0) continue;
    units *= Math.max(...costs.map((c) => c.units)) / one.units;
    bytes *= Math.max(...costs.map((c) => c.bytes)) / one.bytes;
    draws = Math.max(draws, ...costs.map((c) => c.draws));
  }
  return { ...one, units, bytes, draws };
}

/** Per-tick values a run keeps for the data files (0 without perTick). */
function tickValues(sweep: Sweep, base: Scenario): number {
  if (sweep.perTick === false) return 0;
  const every = sweep.perTick === true ? 1 : sweep.perTick.every;
  const metrics = (typeof sweep.perTick === "object" ? sweep.perTick.metrics?.length : undefined) ?? sweep.outputs?.length ?? 16;
  return metrics * Math.ceil((base.horizon + 1) / every);
}

/** Each value of each parameter, alone on the base scenario, must give a valid scenario. */
function checkValues(params: readonly SweepParameter[], base: Scenario, issues: ScenarioIssue[]): void {
  params.forEach((p, i) => {
    const spec = p.spec;
    const candidates: { at: string; value: Json }[] = spec.values
      ? spec.values.map((v, j) => ({ at: `values[${j}]`, value: v as Json }))
      : [{ at: "min", value: spec.min! }, { at: "max", value: spec.max! }];
    if (!spec.values && spec.steps !== undefined)
      gridValues(spec).slice(1, -1).forEach((v) => candidates.push({ at: "steps", value: v }));
    for (const { at, value } of candidates) {
      const s = structuredClone(base) as unknown;
      for (const loc of p.locations) setAt(s, loc, structuredClone(value));
      const parsed = parseScenario(s);
      if (parsed.ok) continue;
      const field = `parameters[${i}].${at}`;
      const locs = p.locations.map((l) => ({ text: formatPath(l), leaf: String(l[l.length - 1]) }));
      for (const issue of parsed.issues) {
        const added = locs.find((l) => issue.message === `unknown field "${l.leaf}"` && sameBranch(issue.path, l.text));
        if (added) {
          issues.push({ path: `parameters[${i}].path`, message: `expected a path into the scenario: ${issue.path} has no field "${added.leaf}"`, received: show(spec.path) });
          return;
        }
        const near = locs.some((l) => sameBranch(issue.path, l.text));
        issues.push(
          near
            ? { path: field, message: `${issue.message} (${issue.path})`, received: show(value) }
            : { path: field, message: `expected a value the scenario accepts; ${issueLine(issue)}`, received: show(value) },
        );
      }
    }
  });
}

/** Every point must give a valid scenario (combinations can break rules such as min ≤ max). Returns point 0's scenario. */
function checkPoints(params: readonly SweepParameter[], base: Scenario, points: readonly Point[], issues: ScenarioIssue[]): Scenario {
  let first: Scenario | undefined;
  let bad = 0;
  points.forEach((values, k) => {
    const parsed = parseScenario(applyValues(base, params, values));
    if (parsed.ok) {
      first ??= parsed.scenario;
      return;
    }
    if (++bad > SHOWN_POINTS) return;
    const where = params.map((p, i) => `${p.name} = ${show(values[i])}`).join(", ");
    issues.push({ path: "design", message: `expected every point to give a valid scenario; point ${k} (${where}): ${issueLine(parsed.issues[0])}` });
  });
  if (bad > SHOWN_POINTS) issues.push({ path: "design", message: `… and ${bad - SHOWN_POINTS} more invalid point(s) of ${points.length}` });
  return first ?? base;
}

/** outputs and perTick.metrics must name metrics that some selected plan reports; plans must compile. */
function checkMetrics(sweep: Sweep, first: Scenario, plans: string[], perTick: TickOptions | null, issues: ScenarioIssue[]): void {
  const known = planMetrics(first, plans);
  const finals = [...new Set(known.flatMap((k) => k.final))];
  const series = [...new Set(known.flatMap((k) => k.metrics))];
  sweep.outputs?.forEach((m, i) => {
    if (!finals.includes(m)) issues.push({ path: `outputs[${i}]`, message: `expected a metric (${finals.join(", ")})`, received: show(m) });
  });
  const tickMetrics = typeof sweep.perTick === "object" ? sweep.perTick.metrics : undefined;
  tickMetrics?.forEach((m, i) => {
    if (!series.includes(m)) issues.push({ path: `perTick.metrics[${i}]`, message: `expected a per-tick metric (${series.join(", ")})`, received: show(m) });
  });
  if (perTick && !tickMetrics && sweep.outputs)
    perTick.metrics = sweep.outputs.filter((m) => series.includes(m)); // derived outputs have no per-tick series
}
