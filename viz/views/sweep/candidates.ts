/**
 * What a browser sweep may vary: the numeric parameters of the scenario on screen (plan budgets,
 * strategy parameters, circle parameters, product, network and model settings), each written as a
 * `circlecast sweep` path (by name where the scenario names things) and checked to resolve with
 * engine/experiment/paths.ts, so a path means here exactly what it means to the CLI. Whether a value
 * must be whole, or a probability, is asked of the scenario schema, not guessed.
 */
import { getAt, parsePath, parseScenario, PathError, resolvePath, setAt, type Location, type Scenario } from "../../../engine/viewer.ts";

export interface Candidate {
  /** Column name in the outputs and key in the seed hash (also the value of its option in the form). */
  name: string;
  /** Sweep path; two paths move together (a circle's touches to convert, min = max). */
  path: string | string[];
  /** Option group: "Plan fan-management", "Circle students", "All circles", "Product", … */
  group: string;
  /** Option text and axis label (without the unit): "kolsPerCircle · kolSeeding · fan-management". */
  label: string;
  /** Value in the scenario (after defaults); undefined when absent (a plan without a budget). */
  current?: number;
  /** Suggested budget for a plan without one (its last spend). */
  around?: number;
  budget?: boolean;
}

/** What the schema says about a candidate's values, and a suggested grid. */
export interface Suggestion {
  integer: boolean;
  probability: boolean;
  unit?: string;
  min: number;
  max: number;
  steps: number;
}

/** Units of parameters by their last key (docs/model.md and docs/strategies.md). */
const UNITS: Record<string, string> = {
  budget: "currency units", pricePerPost: "currency units", pricePerRepost: "currency units", adaptationCost: "currency units", productionCost: "currency units", costPerMonth: "currency units",
  cost: "currency units", price: "currency units", unitMargin: "currency units", cpm: "currency units per 1,000",
  start: "tick", every: "ticks", fanDelay: "ticks", duration: "ticks", eventsEvery: "ticks", spacing: "ticks", at: "tick",
  kolsPerCircle: "KOLs per circle", kols: "KOLs", topCircles: "circles", pieces: "pieces", posts: "posts", count: "times",
  waves: "waves", size: "people", followers: "followers", meanDegree: "ties per consumer", recruitPerEvent: "people per event",
  impressions: "impressions", touchesToConvert: "touches", min: "touches", max: "touches", alpha: "Beta shape α", beta: "Beta shape β",
};

/** The unit of a sweep path (or the first of several), from its last key; probabilities read "0–1". */
export function pathUnit(path: string | readonly string[], probability = false): string | undefined {
  const p = typeof path === "string" ? path : path[0];
  const keys = p.split(/[.[\]"]+/).filter(Boolean);
  const last = keys[keys.length - 1] ?? "";
  if (last === "min" || last === "max") return keys.includes("touchesToConvert") ? "touches" : undefined;
  if (last === "count" && keys[keys.length - 2] === "bigAccounts") return "accounts";
  if (keys[0] === "model") return probability ? "0–1" : undefined;
  return UNITS[last] ?? (probability ? "0–1" : undefined);
}

/** A path step for a name: `.name`, or `["name"]` when it holds `.`, `[` or `]`. */
export function step(name: string): string {
  return /^[^.[\]"]+$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Names of list elements as paths.ts picks them: name, else id, else the type numbered from its second use. */
function elementNames(list: readonly unknown[]): (string | undefined)[] {
  const seen = new Map<string, number>();
  return list.map((e) => {
    const o = e as Record<string, unknown>;
    if (typeof o?.name === "string") return o.name;
    if (typeof o?.id === "string") return o.id;
    if (typeof o?.type !== "string") return undefined;
    const n = (seen.get(o.type) ?? 0) + 1;
    seen.set(o.type, n);
    return n === 1 ? o.type : `${o.type}-${n}`;
  });
}

/** The path of element i of a list at `base`: by its name when that name is unique, else by index. */
function elementPath(base: string, list: readonly unknown[], i: number): string {
  const names = elementNames(list);
  const n = names[i];
  return n !== undefined && names.filter((x) => x === n).length === 1 ? `${base}${step(n)}` : `${base}[${i}]`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Numeric fields of an object, one level of plain objects deep: `kolsPerCircle`, `at.count`, `quality.alpha`. */
function numericFields(o: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (skip.has(k)) continue;
    if (typeof v === "number") out.push(k);
    else if (isObject(v)) for (const [k2, v2] of Object.entries(v)) if (typeof v2 === "number") out.push(`${k}.${k2}`);
  }
  return out;
}

const CIRCLE_FIELDS = ["size", "productAffinity", "trust.alpha", "trust.beta", "skepticism.alpha", "fatigueRate", "sharePropensity", "repetitionDecay", "kols", "kolReach"];
const ALL_CIRCLE_FIELDS = ["productAffinity", "fatigueRate", "sharePropensity", "repetitionDecay"];

/** Three significant digits, for suggested ranges. */
const round3 = (x: number) => Number(x.toPrecision(3));

/** The sweepable parameters of a parsed scenario. `spend` (by plan) suggests budgets for plans without one. */
export function sweepCandidates(scenario: Scenario, spend: Record<string, number> = {}): Candidate[] {
  const root = scenario as unknown;
  const drafts: Candidate[] = [];
  const social = scenario.model.kind === "social";

  scenario.plans.forEach((plan, pi) => {
    const base = elementPath("plans", scenario.plans, pi);
    const group = `Plan ${plan.name}`;
    if (social) drafts.push({ name: `${plan.name}.budget`, path: `${base}.budget`, group, label: `budget · ${plan.name}`, budget: true, around: spend[plan.name] });
    plan.strategies.forEach((st, si) => {
      const sp = elementPath(`${base}.strategies`, plan.strategies, si);
      const sname = elementNames(plan.strategies)[si] ?? `${si}`;
      for (const f of numericFields(st as unknown as Record<string, unknown>))
        drafts.push({ name: `${plan.name}.${sname}.${f}`, path: `${sp}.${f}`, group, label: `${f} · ${sname} · ${plan.name}` });
    });
  });

  const circles = scenario.population.circles;
  circles.forEach((c, ci) => {
    const base = elementPath("circles", circles, ci);
    const group = `Circle ${c.name}`;
    if (social)
      drafts.push({ name: `${c.name}.touchesToConvert`, path: [`${base}.touchesToConvert.min`, `${base}.touchesToConvert.max`], group, label: `touchesToConvert (min = max) · ${c.name}` });
    for (const f of social ? CIRCLE_FIELDS : ["size"]) drafts.push({ name: `${c.name}.${f}`, path: `${base}.${f}`, group, label: `${f} · ${c.name}` });
  });
  if (circles.length > 1 && social) {
    drafts.push({ name: "all.touchesToConvert", path: ["circles[*].touchesToConvert.min", "circles[*].touchesToConvert.max"], group: "All circles", label: "touchesToConvert (min = max) · every circle" });
    for (const f of ALL_CIRCLE_FIELDS) drafts.push({ name: `all.${f}`, path: `circles[*].${f}`, group: "All circles", label: `${f} · every circle` });
  }
  const sections = social ? ([["product", "Product"], ["network", "Network"]] as const) : ([["model", "Model"], ["network", "Network"]] as const);
  for (const [key, group] of sections) {
    const o = (scenario as unknown as Record<string, unknown>)[key];
    if (isObject(o)) for (const f of numericFields(o, new Set(["kind"]))) drafts.push({ name: `${key}.${f}`, path: `${key}.${f}`, group, label: `${f} · ${key}` });
  }
  if (social) scenario.contents.forEach((ct, i) => {
    const base = elementPath("contents", scenario.contents, i);
    const id = elementNames(scenario.contents)[i] ?? String(i);
    for (const f of numericFields(ct as unknown as Record<string, unknown>, new Set(["fit"])))
      drafts.push({ name: `content.${id}.${f}`, path: `${base}.${f}`, group: "Contents", label: `${f} · content ${id}` });
  });

  const seen = new Set<string>();
  return drafts.filter((d) => {
    if (seen.has(d.name)) return false;
    seen.add(d.name);
    const locations = locate(root, d.path);
    if (!locations) return false;
    const v = getAt(root, locations[0]);
    if (v !== undefined && typeof v !== "number") return false;
    d.current = v;
    return true;
  });
}

/** Every scenario location of a candidate's path(s), or undefined when a path does not lead anywhere. */
function locate(root: unknown, path: string | string[]): Location[] | undefined {
  try {
    return (Array.isArray(path) ? path : [path]).flatMap((p) => resolvePath(root, parsePath(p)).locations);
  } catch (e) {
    if (e instanceof PathError) return undefined;
    throw e;
  }
}

/** Ask the scenario schema whether the candidate's values must be whole or probabilities, and suggest a grid around its value. */
export function suggest(scenario: Scenario, c: Candidate): Suggestion {
  const root = scenario as unknown;
  const locations = locate(root, c.path) ?? [];
  const accepts = (v: number) => {
    const s = structuredClone(root);
    for (const loc of locations) setAt(s, loc, v);
    return parseScenario(s).ok;
  };
  const probe = c.current ?? c.around ?? 1;
  const integer = Number.isInteger(probe) && !accepts(probe + 0.5) && accepts(probe + 1);
  const probability = !integer && probe >= 0 && probe <= 1 && !accepts(1.5);
  const unit = pathUnit(c.path, probability);
  let min: number, max: number;
  if (c.budget) {
    const b = c.current ?? Math.ceil(c.around ?? 1000);
    [min, max] = [round3(b), round3(b * 2)];
  } else if (integer) {
    const v = c.current ?? 1;
    if (v >= 10) [min, max] = [Math.round(v / 2), Math.round(v * 1.5)];
    else {
      const lo = accepts(v - 1) ? v - 1 : v;
      [min, max] = [lo, lo + 2];
    }
  } else if (probability) {
    const v = c.current ?? 0.5;
    [min, max] = v === 0 ? [0, 0.2] : v < 0.2 ? [round3(v / 2), round3(v * 2)] : [round3(Math.max(0, v - 0.2)), round3(Math.min(1, v + 0.2))];
  } else {
    const v = c.current ?? 1;
    [min, max] = v > 0 ? [round3(v / 2), round3(v * 1.5)] : [0, 1];
  }
  // Keep the ends inside what the schema accepts: move each toward the current value until it does.
  const anchor = c.current ?? probe;
  const inside = (v: number) => {
    for (let k = 0; k < 8 && !accepts(v); k++) v = integer ? Math.round((v + anchor) / 2) : round3((v + anchor) / 2);
    return accepts(v) ? v : anchor;
  };
  [min, max] = [inside(min), inside(max)];
  return { integer, probability, unit, min, max, steps: 3 };
}
