/** Turns zod issues into readable lines: "`plans[0].actions[1].at`: got 400, expected …". */
import type { z } from "zod";

export interface ScenarioIssue {
  path: string;
  message: string;
  received?: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(root)";
}

/** How many characters of a received value an issue shows. */
const SHOWN = 80;

/** A value as the issue lines show it: JSON, cut to 80 characters (built iteratively: any depth is safe). */
export function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return `${value}n`;
  const s = jsonPrefix(value, SHOWN + 1);
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 3)}...` : s;
}

/**
 * The first characters (at least `limit`, when there are that many) of JSON.stringify(value), written
 * with an explicit stack: a value nested 100,000 deep neither overflows the call stack nor is read whole.
 */
function jsonPrefix(value: unknown, limit: number): string {
  let out = "";
  const todo: ({ text: string } | { value: unknown; inArray: boolean })[] = [{ value, inArray: true }];
  while (todo.length > 0 && out.length < limit) {
    const item = todo.pop()!;
    if ("text" in item) {
      out += item.text;
      continue;
    }
    const v = item.value;
    if (v !== null && typeof v === "object") {
      const array = Array.isArray(v);
      const entries: [string | undefined, unknown][] = array
        ? v.map((x): [undefined, unknown] => [undefined, x])
        : Object.keys(v).flatMap((k): [string, unknown][] => (skipped((v as Record<string, unknown>)[k]) ? [] : [[k, (v as Record<string, unknown>)[k]]]));
      const parts: typeof todo = [{ text: array ? "[" : "{" }];
      entries.forEach(([k, x], i) => {
        parts.push({ text: `${i > 0 ? "," : ""}${k === undefined ? "" : `${JSON.stringify(k)}:`}` });
        parts.push({ value: x, inArray: array });
      });
      parts.push({ text: array ? "]" : "}" });
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
      continue;
    }
    if (typeof v === "bigint") out += `${v}n`;
    else out += skipped(v) ? (item.inArray ? "null" : String(v)) : JSON.stringify(v);
  }
  return out;
}

/** Values JSON leaves out of objects (and writes as null in arrays). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

/** Fields a model version removed, and what replaces them: a file written for an older model says what to write instead. */
const RENAMED: Record<string, string> = {
  costPerMonth: "replaced in model 2.0.0 by costPerEvent and costPerRecruit, with an optional budget: money buys events and members",
};

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected === "int" ? "an integer" : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}`;
    case "too_small": {
      const op = issue.inclusive ? "≥" : ">";
      if (issue.origin === "array") return `expected at least ${issue.minimum} item(s)`;
      if (issue.origin === "string") return `expected at least ${issue.minimum} character(s)`;
      return `expected a number ${op} ${issue.minimum}`;
    }
    case "too_big": {
      const op = issue.inclusive ? "≤" : "<";
      if (issue.origin === "array") return `expected at most ${issue.maximum} item(s)`;
      if (issue.origin === "string") return `expected at most ${issue.maximum} character(s)`;
      return `expected a number ${op} ${String(issue.maximum)}`;
    }
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"${RENAMED[k] ? ` (${RENAMED[k]})` : ""}`).join(", ")}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union": {
      const m = /Invalid discriminator value\. Expected (.*)$/.exec(issue.message);
      return m ? `expected one of ${m[1].replaceAll("'", '"')}` : "expected one of the allowed forms";
    }
    case "invalid_format":
      return `expected ${issue.format}`;
    default:
      return issue.message;
  }
}

/** One readable issue per zod issue; `input` is present because parsing runs with reportInput. */
export function toIssues(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the closest alternative's first problem rather than a bare "invalid input": one whose
      // type the input has (no type mismatch at its root), then the one with the fewest problems.
      const mismatch = (errs: z.core.$ZodIssue[]) => (errs.some((e) => e.code === "invalid_type" && e.path.length === 0) ? 1 : 0);
      const best = [...issue.errors].sort((a, b) => mismatch(a) - mismatch(b) || a.length - b.length)[0];
      if (best && best.length > 0) {
        const inner = best[0];
        return { path: formatPath([...issue.path, ...inner.path]), message: expected(inner), received: show(inner.input) };
      }
    }
    const received = issue.code === "unrecognized_keys" ? undefined : show(discriminated(issue));
    return { path: formatPath(issue.path), message: expected(issue), received };
  });
}

/** For a bad discriminator the path ends at the key: show that key's value, not the whole object. */
function discriminated(issue: z.core.$ZodIssue): unknown {
  const key = issue.path[issue.path.length - 1];
  const input = issue.input;
  if (issue.code === "invalid_union" && typeof key === "string" && input && typeof input === "object" && key in input)
    return (input as Record<string, unknown>)[key];
  return input;
}

/** Names for a message, the first `max` of them: "a, b, c, … (40 in all)". */
export function shortList(names: readonly string[], max = 8): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, … (${names.length} in all)`;
}

export function issueLine(i: ScenarioIssue): string {
  if (i.received === undefined) return `${i.path}: ${i.message}`;
  if (i.received === "nothing") return `${i.path}: missing, ${i.message}`;
  return `${i.path}: got ${i.received}, ${i.message}`;
}
