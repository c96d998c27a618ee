import { describe, expect, it } from "vitest";
import { getAt, parsePath, setAt } from "../../viz/form/paths.ts";
import { loadScenario } from "../../scenarios/parse.ts";

describe("form field paths", () => {
  it("parse the issue path syntax", () => {
    expect(parsePath("plans[0].strategies[12].at.count")).toEqual(["plans", 0, "strategies", 12, "at", "count"]);
    expect(parsePath("seed")).toEqual(["seed"]);
  });

  it("set a value, filling missing parents from the parsed scenario and turning a one-tick schedule into an object", () => {
    const raw = {
      name: "x", horizon: 20,
      population: { circles: [{ name: "a", size: 100 }] },
      plans: [{ name: "p", strategies: [{ type: "buyReposts", at: 3 }] }],
      network: { kind: "circles", bigAccounts: { count: 1, followers: 50 } },
    };
    const parsed = loadScenario(raw);
    const edited = structuredClone(raw) as Record<string, unknown>;
    setAt(edited, parsed, parsePath("population.circles[0].touchesToConvert.max"), 5);
    setAt(edited, parsed, parsePath("plans[0].strategies[0].at.count"), 4);
    setAt(edited, parsed, parsePath("plans[0].budget"), 900);
    expect(getAt(edited, parsePath("population.circles[0].touchesToConvert"))).toEqual({ min: 2, max: 5 });
    expect(getAt(edited, parsePath("plans[0].strategies[0].at"))).toEqual({ start: 3, every: 1, count: 4 });
    setAt(edited, parsed, parsePath("plans[0].budget"), undefined);
    expect(getAt(edited, parsePath("plans[0]"))).not.toHaveProperty("budget");
    expect(loadScenario(edited).plans[0].strategies[0]).toMatchObject({ at: { start: 3, every: 1, count: 4 } });
    expect(raw.plans[0].strategies[0].at).toBe(3); // the original is untouched
  });
});
