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

export function show(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return `${value}n`;
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
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

export function issueLine(i: ScenarioIssue): string {
  if (i.received === undefined) return `${i.path}: ${i.message}`;
  if (i.received === "nothing") return `${i.path}: missing, ${i.message}`;
  return `${i.path}: got ${i.received}, ${i.message}`;
}
