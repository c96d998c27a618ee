/** parseScenario: unknown JSON → a fully defaulted Scenario, or readable issues. */
import { Scenario } from "./schema/scenario.ts";
import { formatPath, toIssues, type ScenarioIssue } from "./issues.ts";
import { ScenarioError } from "../engine/errors.ts";

/** Largest scenario or sweep JSON file read (CLI and viewer): far beyond any real one, below V8's string limit. */
export const MAX_JSON_BYTES = 256 * 2 ** 20;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

export function parseScenario(input: unknown): ParseResult {
  const proto = jsonHazards(input);
  if (proto.length) return { ok: false, issues: proto };
  const r = Scenario.safeParse(input, { reportInput: true });
  return r.success ? { ok: true, scenario: r.data } : { ok: false, issues: toIssues(r.error) };
}

/** Deepest nesting of lists and objects accepted: scenarios need about 6 levels; recursive parsers need a bound. */
export const MAX_JSON_DEPTH = 64;

/**
 * Fields named "__proto__" anywhere in parsed JSON (JSON.parse makes them own fields), and nesting
 * deeper than MAX_JSON_DEPTH. Zod drops "__proto__" from records without a word and recurses into
 * JSON values, so both are refused here, before parsing (found iteratively: any depth is safe).
 */
export function jsonHazards(input: unknown, max = 8): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  // Each container links to its parent, so a path is built only for a hit (deep input stays linear).
  type Node = { value: object; key: PropertyKey; up: Node | undefined; depth: number };
  const pathOf = (n: Node | undefined, last: PropertyKey): string => {
    const keys: PropertyKey[] = [last];
    for (; n?.up; n = n.up) keys.push(n.key);
    keys.reverse();
    return keys.length > 12 ? `${formatPath(keys.slice(0, 4))}…${formatPath(keys.slice(-4)).replace(/^(?=[^[])/, ".")} (${keys.length} levels)` : formatPath(keys);
  };
  const todo: Node[] = isJsonContainer(input) ? [{ value: input, key: "", up: undefined, depth: 1 }] : [];
  while (todo.length > 0 && issues.length < max) {
    const node = todo.pop()!;
    const value = node.value;
    if (!Array.isArray(value) && Object.hasOwn(value, "__proto__"))
      issues.push({ path: pathOf(node, "__proto__"), message: "expected no field named __proto__ (it would reach the prototype of every object)" });
    if (node.depth > MAX_JSON_DEPTH) {
      const path = pathOf(node.up, node.key);
      issues.push({ path, message: `expected lists and objects nested at most ${MAX_JSON_DEPTH} deep` });
      continue;
    }
    for (const [k, v] of Object.entries(value)) if (isJsonContainer(v)) todo.push({ value: v, key: Array.isArray(value) ? Number(k) : k, up: node, depth: node.depth + 1 });
  }
  return issues;
}

/** An array or plain object, as JSON.parse makes them (a loaded network's typed arrays are not walked). */
function isJsonContainer(v: unknown): v is object {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
}

/** Parse or throw a ScenarioError listing every problem. */
export function loadScenario(input: unknown, source = "scenario"): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues, source);
  return r.scenario;
}

export { Scenario };
