/** parseScenario: unknown JSON → a fully defaulted Scenario, or readable issues. */
import { Scenario } from "./schema/scenario.ts";
import { formatPath, toIssues, type ScenarioIssue } from "./issues.ts";
import { ScenarioError } from "../engine/errors.ts";

/** Largest scenario or sweep JSON file read (CLI and viewer): far beyond any real one, below V8's string limit. */
export const MAX_JSON_BYTES = 256 * 2 ** 20;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

export function parseScenario(input: unknown): ParseResult {
  const proto = prototypeKeys(input);
  if (proto.length) return { ok: false, issues: proto };
  const r = Scenario.safeParse(input, { reportInput: true });
  return r.success ? { ok: true, scenario: r.data } : { ok: false, issues: toIssues(r.error) };
}

/**
 * Fields named "__proto__" anywhere in parsed JSON (JSON.parse makes them own fields). Zod drops them
 * from records without a word, so they are refused here, before parsing (found iteratively: any
 * depth is safe).
 */
export function prototypeKeys(input: unknown, max = 8): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  // Each container links to its parent, so a path is built only for a hit (deep input stays linear).
  type Node = { value: object; key: PropertyKey; up: Node | undefined };
  const pathOf = (n: Node | undefined, last: string): string => {
    const keys: PropertyKey[] = [last];
    for (; n?.up; n = n.up) keys.push(n.key);
    const shown = formatPath(keys.slice(0, 12).reverse());
    return keys.length > 12 ? `(${keys.length - 12} levels deep)…${shown}` : shown;
  };
  const todo: Node[] = isJsonContainer(input) ? [{ value: input, key: "", up: undefined }] : [];
  while (todo.length > 0 && issues.length < max) {
    const node = todo.pop()!;
    const value = node.value;
    if (!Array.isArray(value) && Object.hasOwn(value, "__proto__"))
      issues.push({ path: pathOf(node, "__proto__"), message: "expected no field named __proto__ (it would reach the prototype of every object)" });
    for (const [k, v] of Object.entries(value)) if (isJsonContainer(v)) todo.push({ value: v, key: Array.isArray(value) ? Number(k) : k, up: node });
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
