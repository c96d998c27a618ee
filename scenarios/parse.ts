/** parseScenario: unknown JSON → a fully defaulted Scenario, or readable issues. */
import { Scenario } from "./schema/scenario.ts";
import { toIssues, type ScenarioIssue } from "./issues.ts";
import { ScenarioError } from "../engine/errors.ts";

/** Largest scenario or sweep JSON file read (CLI and viewer): far beyond any real one, below V8's string limit. */
export const MAX_JSON_BYTES = 256 * 2 ** 20;

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

export function parseScenario(input: unknown): ParseResult {
  const r = Scenario.safeParse(input, { reportInput: true });
  return r.success ? { ok: true, scenario: r.data } : { ok: false, issues: toIssues(r.error) };
}

/** Parse or throw a ScenarioError listing every problem. */
export function loadScenario(input: unknown, source = "scenario"): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new ScenarioError(r.issues, source);
  return r.scenario;
}

export { Scenario };
