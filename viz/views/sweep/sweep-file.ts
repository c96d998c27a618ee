/**
 * The Sweep tab's form as a sweep file (docs/sweeps.md): a grid over one or two parameters of the
 * scenario on screen, checked by the sweep zod schema as the user types and by prepareSweep (the
 * CLI's own checks: paths, every value and point against the scenario schema, plans compile) before
 * it runs. Problems are routed to the field they belong to.
 */
import { EngineError, formatPath, parsePath, prepareSweep, resolvePath, ScenarioError, Sweep, toIssues, type PreparedSweep, type ScenarioIssue } from "../../../engine/viewer.ts";
import type { Candidate } from "./candidates.ts";
import { VIEWER_LIMITS } from "../../state.ts";

export interface ParamInput {
  /** Candidate name ("" for none). */
  candidate: string;
  min: string;
  max: string;
  steps: string;
}

export interface SweepForm {
  params: ParamInput[];
  replicates: string;
  seed: string;
  /** Plans ticked; all of the scenario's plans leave `plans` out of the file. */
  plans: string[];
  /** "common": every point on the same worlds and draws (docs/sweeps.md, "Seeds"); "per-point": each its own. */
  randomNumbers: string;
}

export interface SweepBase {
  /** The scenario's name: the sweep is named after it. */
  name: string;
  /** `library:NAME` for an unedited built-in scenario, else undefined (the scenario goes inline). */
  ref?: string;
  raw: Record<string, unknown>;
  allPlans: string[];
}

/** A number field: empty is absent, a number is a number, anything else is passed on for the schema to name. */
export function numberField(s: string): number | string | undefined {
  const t = s.trim();
  if (t === "") return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : t;
}

/** The sweep file for the form (not yet checked). `integer` says which candidates take whole numbers. */
export function sweepJson(form: SweepForm, base: SweepBase, candidates: readonly Candidate[], integer: (c: Candidate) => boolean): Record<string, unknown> {
  const parameters = form.params.filter((p) => p.candidate !== "").map((p) => {
    const c = candidates.find((x) => x.name === p.candidate);
    const spec: Record<string, unknown> = { name: c?.name ?? p.candidate, path: c?.path ?? "", min: numberField(p.min), max: numberField(p.max), steps: numberField(p.steps) };
    if (c && integer(c)) spec.integer = true;
    return spec;
  });
  const plans = form.plans.length === base.allPlans.length && base.allPlans.every((p) => form.plans.includes(p)) ? undefined : base.allPlans.filter((p) => form.plans.includes(p));
  const sweep: Record<string, unknown> = {
    name: `${base.name}-sweep`,
    description: `A grid over ${parameters.map((p) => p.name).join(" and ")} of ${base.name}, made in the Circlecast viewer.`,
    base: base.ref ?? base.raw,
    parameters,
    design: { kind: "grid" },
    replicates: numberField(form.replicates),
    seed: numberField(form.seed),
    randomNumbers: form.randomNumbers,
  };
  if (plans) sweep.plans = plans;
  return JSON.parse(JSON.stringify(sweep)) as Record<string, unknown>; // drops undefined fields, as a saved file would
}

/**
 * The plans a sweep's parameters cannot change: a parameter under `plans.NAME` touches plan NAME
 * alone. Empty when some parameter touches every plan (a circle, the product, the network).
 */
export function untouchedPlans(paths: readonly string[], allPlans: readonly string[]): string[] {
  const touched = new Set<string>();
  for (const p of paths) {
    const m = /^plans(?:\.|\[")([^.["\]]+)/.exec(p);
    if (!m) return [];
    touched.add(m[1]);
  }
  return allPlans.filter((p) => !touched.has(p));
}

/** The schema's check alone (instant): issues by sweep path. */
export function schemaIssues(sweep: unknown): ScenarioIssue[] {
  const r = Sweep.safeParse(sweep, { reportInput: true });
  return r.success ? [] : toIssues(r.error);
}

export type Checked = { ok: true; prep: PreparedSweep } | { ok: false; issues: ScenarioIssue[] };

/** Every check `circlecast sweep` makes before a run. `loadBase` reads `library:NAME`. */
export function checkSweep(sweep: unknown, loadBase: (ref: string) => unknown): Checked {
  try {
    return { ok: true, prep: prepareSweep(sweep, { source: "sweep", loadBase, limits: VIEWER_LIMITS }) };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, issues: e.issues };
    if (e instanceof EngineError) return { ok: false, issues: [{ path: "sweep", message: e.message }] };
    throw e;
  }
}

/** Which form field an issue belongs to: `p0.min`, `p1.path`, `replicates`, `seed`, `plans`, or "" (the list under the form). */
export function fieldOf(issuePath: string, locations: readonly string[][] = []): string {
  const m = /^parameters\[(\d+)\](?:\.(\w+))?/.exec(issuePath);
  if (m) {
    const f = m[2];
    return `p${m[1]}.${f === "min" || f === "max" || f === "steps" ? f : f === "values" || f === "integer" || f === "log" ? "min" : "path"}`;
  }
  if (/^replicates\b/.test(issuePath)) return "replicates";
  if (/^seed\b/.test(issuePath)) return "seed";
  if (/^plans(\[\d+\])?$/.test(issuePath)) return "plans";
  // A scenario path set by a parameter (a budget below the planned cost): that parameter's range.
  const under = (p: string, loc: string) => p === loc || (p.startsWith(loc) && (p[loc.length] === "." || p[loc.length] === "["));
  const i = locations.findIndex((locs) => locs.some((l) => under(issuePath, l) || under(l, issuePath)));
  if (i >= 0) return `p${i}.min`;
  // Plan errors from the plan compiler may number the plan among those compiled together: match the rest of the path.
  const tail = (p: string) => /^plans\[\d+\](.+)$/.exec(p)?.[1];
  const t = tail(issuePath);
  const hits = t ? locations.flatMap((locs, k) => (locs.some((l) => tail(l) === t) ? [k] : [])) : [];
  return hits.length === 1 ? `p${hits[0]}.min` : "";
}

/** Scenario locations (as issue paths write them) each candidate sets, for fieldOf. */
export function candidateLocations(scenario: unknown, c: Candidate | undefined): string[] {
  if (!c) return [];
  try {
    return (Array.isArray(c.path) ? c.path : [c.path]).flatMap((p) => resolvePath(scenario, parsePath(p)).locations.map((l) => formatPath(l)));
  } catch {
    return [];
  }
}
