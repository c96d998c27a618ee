import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as api from "../../engine/index.ts";
import { scenarioJsonSchemaText } from "../../scenarios/json-schema.ts";
import { parseScenario } from "../../scenarios/parse.ts";
import type { Scenario, ScenarioInput } from "../../scenarios/schema/scenario.ts";

describe("scenario schema", () => {
  it("scenario.schema.json is generated from the zod schema and up to date (run `npm run schema`)", () => {
    expect(readFileSync("scenarios/scenario.schema.json", "utf8")).toBe(scenarioJsonSchemaText());
  });

  it.each(readdirSync("scenarios/library").filter((f) => f.endsWith(".json")))("library scenario %s parses", (f) => {
    const r = parseScenario(JSON.parse(readFileSync(`scenarios/library/${f}`, "utf8")));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it("fills defaults", () => {
    const r = parseScenario({ name: "d", horizon: 5, population: { circles: [{ name: "a", size: 10 }] } });
    if (!r.ok) throw new Error("expected ok");
    expect(r.scenario.replicates).toBe(20);
    expect(r.scenario.model).toEqual({ kind: "social" });
    expect(r.scenario.population.circles[0].touchesToConvert).toEqual({ min: 2, max: 3 });
    expect(r.scenario.network.kind).toBe("circles");
    expect(r.scenario.plans).toEqual([{ name: "baseline", strategies: [], actions: [] }]);
  });

  it("types are inferred from the schema", () => {
    expectTypeOf<Scenario["horizon"]>().toEqualTypeOf<number>();
    expectTypeOf<Scenario["replicates"]>().toEqualTypeOf<number>(); // defaulted: required on output
    expectTypeOf<ScenarioInput["replicates"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Scenario["model"]["kind"]>().toEqualTypeOf<"social" | "bass" | "ic" | "lt" | "sir" | "sis">();
    expectTypeOf<Scenario["network"]["kind"]>().toEqualTypeOf<"circles" | "complete" | "edges" | "file">();
  });
});

describe("public API", () => {
  it("exports exactly this surface", () => {
    expect(Object.keys(api).sort()).toEqual([
      "CancelledError", "EngineError", "METRIC_LABELS", "MODEL_VERSION", "RNG_SCHEME", "ScenarioError", "buildWorld", "calibrate", "column",
      "compareStats", "fitGenerator", "formatCsv", "formatSummaryCsv", "fragment", "importNetwork",
      "loadScenario", "localEvaluator", "masterKey", "optimisedScenario", "optimize", "pairedComparisons", "pairedDifference", "parseScenario",
      "prepareCalibration", "prepareOptimization", "prepareSweep", "replicateKey", "runPlan",
      "runReplicates", "simulate", "simulateAsync", "stat", "summarize", "sweepRuns",
    ]);
  });
});

describe("circlecast/node", () => {
  it("exports exactly this surface", async () => {
    const node = await import("../../engine/node/api.ts");
    expect(Object.keys(node).sort()).toEqual(["PACKAGE_VERSION", "libraryNames", "readOptimization", "readScenario", "readSweep", "seriesCsv", "simulateSplit", "summaryCsv", "toJson", "toTable"]);
  });
});
