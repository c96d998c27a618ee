/**
 * The JSON Schemas of scenario, optimisation and calibration files, generated from the zod schemas
 * (never edited by hand), with each documented field's JSDoc as its `description` (schema-docs.ts).
 * `npm run schema` rewrites scenarios/scenario.schema.json, optimize.schema.json and
 * calibration.schema.json; tests check they are current.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describeFields } from "./schema-describe.ts";
import { Optimization } from "./schema/optimize.ts";
import { Scenario } from "./schema/scenario.ts";
import { Calibration } from "./schema/calibrate.ts";

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Scenario, { io: "input", unrepresentable: "any", override: describeFields() }),
    title: "Circlecast scenario",
  };
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}

export function optimizeJsonSchemaText(): string {
  return JSON.stringify({ ...z.toJSONSchema(Optimization, { io: "input", unrepresentable: "any", override: describeFields() }), title: "Circlecast optimisation" }, null, 2) + "\n";
}

export function calibrationJsonSchemaText(): string {
  return JSON.stringify({ ...z.toJSONSchema(Calibration, { io: "input", unrepresentable: "any", override: describeFields() }), title: "Circlecast calibration" }, null, 2) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(fileURLToPath(new URL("./scenario.schema.json", import.meta.url)), scenarioJsonSchemaText());
  writeFileSync(fileURLToPath(new URL("./optimize.schema.json", import.meta.url)), optimizeJsonSchemaText());
  writeFileSync(fileURLToPath(new URL("./calibration.schema.json", import.meta.url)), calibrationJsonSchemaText());
}
