/**
 * The JSON Schemas of scenario and calibration files, generated from the zod schemas (never edited by
 * hand). `npm run schema` rewrites scenarios/scenario.schema.json and calibration.schema.json; tests check they are current.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { Scenario } from "./schema/scenario.ts";
import { Calibration } from "./schema/calibrate.ts";

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Scenario, { io: "input", unrepresentable: "any" }),
    title: "Circlecast scenario",
  };
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}

export function calibrationJsonSchemaText(): string {
  return JSON.stringify({ ...z.toJSONSchema(Calibration, { io: "input", unrepresentable: "any" }), title: "Circlecast calibration" }, null, 2) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("./scenario.schema.json", import.meta.url));
  writeFileSync(out, scenarioJsonSchemaText());
  writeFileSync(fileURLToPath(new URL("./calibration.schema.json", import.meta.url)), calibrationJsonSchemaText());
}
