/**
 * Get and set a value in a scenario's JSON by a readable path (docs/sweeps.md, "Parameter paths"):
 * `circles[2].touchesToConvert.min`, `plans.fans.budget`, `plans.fans.strategies.kolSeeding.pricePerPost`,
 * `circles[*].fatigueRate`. A name on a list picks the element with that `name`, `id` or (for
 * strategies) default name; `circles` at the start stands for `population.circles`.
 */
import { formatPath } from "../../scenarios/issues.ts";
import { FORBIDDEN_KEYS } from "../../scenarios/schema/common.ts";
import { typeNamer } from "../../scenarios/schema/names.ts";

export type Step = { kind: "key"; key: string } | { kind: "index"; index: number } | { kind: "all" };
/** A concrete location: object keys and array indices from the root. */
export type Location = (string | number)[];

/** Shortcuts for the first step of a path. */
const ALIASES = new Map<string, string[]>([["circles", ["population", "circles"]]]);

/** A path that does not parse or does not lead anywhere in the scenario; `message` reads "expected …". */
export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PathError";
  }
}

/** `a.b[2]["odd.name"][*]` → steps. Keys are any characters but `.`, `[` and `]`; quote others in brackets. */
export function parsePath(text: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PathError(`expected a path like circles[0].trust or plans.NAME.budget (${why} at character ${i + 1})`);
  };
  const safeKey = (key: string): string =>
    FORBIDDEN_KEYS.has(key) ? fail(`"${key}" is not a scenario field`) : key;
  if (text.length === 0) fail("empty path");
  while (i < text.length) {
    if (text[i] === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) fail("unclosed [");
      const inner = text.slice(i + 1, close);
      if (inner === "*") steps.push({ kind: "all" });
      else if (/^\d+$/.test(inner)) steps.push({ kind: "index", index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) steps.push({ kind: "key", key: safeKey(JSON.parse(inner) as string) });
      else fail(`"[${inner}]" is not an index, [*] or a quoted name`);
      i = close + 1;
    } else {
      if (text[i] === ".") {
        if (steps.length === 0) fail("leading .");
        i++;
      } else if (steps.length > 0) fail("expected . or [");
      const m = /^[^.[\]]+/.exec(text.slice(i));
      if (!m) fail("empty name");
      steps.push({ kind: "key", key: safeKey(m![0]) });
      i += m![0].length;
    }
  }
  return steps;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return "null";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/**
 * The name of each element of a list: its `name`, else its `id`, else its `type` numbered from the
 * second unnamed use on (`kolSeeding`, `kolSeeding-2`), as strategies name their channels.
 */
function elementNames(arr: readonly unknown[]): (string | undefined)[] {
  const byType = typeNamer();
  return arr.map((e) => {
    if (!isObject(e)) return undefined;
    if (typeof e.name === "string") return e.name;
    if (typeof e.id === "string") return e.id;
    return typeof e.type === "string" ? byType(e.type) : undefined;
  });
}

function pickByName(arr: readonly unknown[], key: string, where: string): number {
  const names = elementNames(arr);
  const hits = names.flatMap((n, i) => (n === key ? [i] : []));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new PathError(`expected a unique name: ${where} has ${hits.length} elements named "${key}"; use an index`);
  const known = names.map((n, i) => n ?? String(i));
  throw new PathError(`expected an element of ${where} (${known.join(", ") || "it is empty"}), not "${key}"`);
}

export interface Resolved {
  /** Every location the path sets (several with [*]). */
  locations: Location[];
  /** The last key does not exist yet: setting it adds a field (which the scenario schema then judges). */
  adds: boolean;
}

/** Expand a path against a scenario's JSON into concrete locations, or throw a PathError saying where it stops. */
export function resolvePath(root: unknown, steps: readonly Step[]): Resolved {
  let expanded = [...steps];
  const first = steps[0];
  const alias = first?.kind === "key" ? ALIASES.get(first.key) : undefined;
  if (alias && first?.kind === "key" && !(isObject(root) && Object.hasOwn(root, first.key)))
    expanded = [...alias.map((key): Step => ({ kind: "key", key })), ...steps.slice(1)];

  let current: { loc: Location; value: unknown }[] = [{ loc: [], value: root }];
  let adds = false;
  expanded.forEach((step, s) => {
    const last = s === expanded.length - 1;
    current = current.flatMap(({ loc, value }) => {
      const where = formatPath(loc);
      if (step.kind === "all") {
        if (!Array.isArray(value)) throw new PathError(`expected a list at ${where} for [*], found ${describe(value)}`);
        if (value.length === 0) throw new PathError(`expected a non-empty list at ${where} for [*]`);
        return value.map((v, i) => ({ loc: [...loc, i], value: v }));
      }
      if (step.kind === "index") {
        if (!Array.isArray(value)) throw new PathError(`expected a list at ${where} for [${step.index}], found ${describe(value)}`);
        if (step.index >= value.length)
          throw new PathError(`expected an index below ${value.length}: ${where} has ${value.length} item(s)`);
        return [{ loc: [...loc, step.index], value: value[step.index] }];
      }
      if (Array.isArray(value)) {
        const i = pickByName(value, step.key, where);
        return [{ loc: [...loc, i], value: value[i] }];
      }
      if (!isObject(value)) throw new PathError(`expected an object at ${where} for "${step.key}", found ${describe(value)}`);
      // Own fields only: inherited names (toString, __proto__) are not scenario fields.
      if (!Object.hasOwn(value, step.key)) {
        if (!last) throw new PathError(`expected a field of ${where} (${Object.keys(value).join(", ")}), not "${step.key}"`);
        adds = true;
      }
      return [{ loc: [...loc, step.key], value: value[step.key] }];
    });
  });
  return { locations: current.map((c) => c.loc), adds };
}

export function getAt(root: unknown, loc: Location): unknown {
  let v = root;
  for (const k of loc) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Set the value at a location (whose parent exists), in place. */
export function setAt(root: unknown, loc: Location, value: unknown): void {
  const parent = getAt(root, loc.slice(0, -1)) as Record<string | number, unknown>;
  parent[loc[loc.length - 1]] = value;
}

/** The value a path reads (the first location, with [*]). */
export function getPath(root: unknown, path: string): unknown {
  return getAt(root, resolvePath(root, parsePath(path)).locations[0]);
}

/** A copy of `root` with `value` at every location of `path`. */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const out = structuredClone(root);
  for (const loc of resolvePath(out, parsePath(path)).locations) setAt(out, loc, structuredClone(value));
  return out;
}
