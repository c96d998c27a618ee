/** Error typology: the CLI and tests branch on the class, not on message text. */
import type { ScenarioIssue } from "../scenarios/issues.ts";
import { issueLine } from "../scenarios/issues.ts";

/** Bad input (scenario, file, flag): exit code 2. */
export class ScenarioError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly issues: ScenarioIssue[],
    readonly source = "scenario",
    headline = `${source} is invalid`,
  ) {
    super(`${headline}:\n${issues.map((i) => `  - ${issueLine(i)}`).join("\n")}`);
    this.name = "ScenarioError";
  }
}

/** A failure inside the model at run time: exit code 1. */
export class EngineError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = "EngineError";
  }
}
