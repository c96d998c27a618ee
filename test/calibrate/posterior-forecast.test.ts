import { describe, expect, it } from "vitest";
import { forecastOverPosterior } from "../../engine/experiment/posterior-forecast.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { SCENARIO } from "./fixture.ts";

const scenario = loadScenario(SCENARIO);
const parameters = [{ name: "persuasion", path: "dynamics.persuasion", integer: false }];

describe("forecastOverPosterior", () => {
  it("a posterior of one point leaves all the spread to chance", () => {
    const f = forecastOverPosterior(scenario, { parameters, particles: [{ values: [0.7], weight: 1 }] }, { draws: 4, replicates: 3, seed: 2 });
    const purchases = f.rows.find((r) => r.metric === "purchases")!;
    expect(purchases.parameterShare).toBe(0);
    expect(purchases.p95).toBeGreaterThan(purchases.p5);
  });

  it("two far-apart parameter values explain most of the spread of what they drive, little of what they do not", () => {
    const post = { parameters, particles: [{ values: [0.1], weight: 1 }, { values: [1], weight: 1 }] };
    const f = forecastOverPosterior(scenario, post, { draws: 8, replicates: 3, seed: 2 });
    const share = (m: string) => f.rows.find((r) => r.metric === m)!.parameterShare;
    expect(share("purchases")).toBeGreaterThan(0.7);
    expect(share("spend")).toBe(0);
    // Same seed, same forecast.
    expect(forecastOverPosterior(scenario, post, { draws: 8, replicates: 3, seed: 2 })).toEqual(f);
  });
});
