/** An issue's text without its path, for display next to the field it belongs to. */
import type { ScenarioIssue } from "../../engine/viewer.ts";

export function issueText(i: ScenarioIssue): string {
  if (i.received === undefined) return i.message;
  if (i.received === "nothing") return `missing, ${i.message}`;
  return `got ${i.received}, ${i.message}`;
}
