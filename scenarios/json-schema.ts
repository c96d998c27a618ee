/**
 * The JSON Schema of scenario files, generated from the zod schema (never edited by hand), with each
 * documented field's JSDoc as its `description` (schema-docs.ts). `npm run schema` rewrites
 * scenarios/scenario.schema.json; a test checks it is current.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describeFields } from "./schema-describe.ts";
import { Scenario } from "./schema/scenario.ts";

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Scenario, { io: "input", unrepresentable: "any", override: describeFields() }),
    title: "Circlecast scenario",
  };
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("./scenario.schema.json", import.meta.url));
  writeFileSync(out, scenarioJsonSchemaText());
}
