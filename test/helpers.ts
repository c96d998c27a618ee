/** Small builders shared by tests: a compact valid scenario, and final values of a run. */
import { loadScenario } from "../scenarios/parse.ts";
import { ScenarioError } from "../engine/errors.ts";
import type { Scenario, ScenarioInput } from "../scenarios/schema/scenario.ts";
import { column } from "../engine/core/collect/collector.ts";
import type { RunResult } from "../engine/core/run.ts";

/** A small social scenario: two circles, big accounts, a brand, one post plan. Override any top-level field. */
export function smallScenario(over: Partial<ScenarioInput> = {}): Scenario {
  return loadScenario({
    name: "small",
    horizon: 40,
    replicates: 3,
    seed: 7,
    population: { circles: [{ name: "a", size: 1500 }, { name: "b", size: 1000, touchesToConvert: { min: 1, max: 2 } }] },
    network: { kind: "circles", meanDegree: 12, bigAccounts: { count: 2, followers: 800, zombieShare: 0.5 }, brand: { followerShare: 0.1 } },
    contents: [{ id: "piece", quality: 0.8, brandFit: 0.6 }, { id: "paid", quality: 0.7, brandFit: 0.2, paid: true }],
    plans: [
      { name: "brand", actions: [{ type: "post", content: "piece", from: "brand", at: { start: 0, every: 5, count: 6 }, cost: 10 }] },
      { name: "reposts", actions: [{ type: "post", content: "paid", from: "bigAccounts", at: { start: 0, every: 5, count: 4 }, cost: 50 }] },
    ],
    ...over,
  });
}

export function finalOf(r: RunResult, metric: string): number {
  const c = column(r.series, metric);
  return c[c.length - 1];
}

/** The base scenario of the sweep tests: two circles, a big account, 15 ticks, two plans (raw JSON). */
export const tinySweepBase = {
  name: "tiny",
  horizon: 15,
  population: { circles: [{ name: "a", size: 400, touchesToConvert: { min: 1, max: 6 } }, { name: "b", size: 300 }] },
  network: { kind: "circles", meanDegree: 8, bigAccounts: { count: 1, followers: 200 } },
  contents: [{ id: "c", quality: 0.8, brandFit: 0.6 }],
  plans: [
    { name: "post", actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, every: 3, count: 4 }, cost: 5 }] },
    { name: "fans", budget: 2000, strategies: [{ type: "kolSeeding", pricePerPost: 50, at: 2 }] },
  ],
};

/** The message of the ScenarioError that `f` throws (any other outcome fails the test). */
export function scenarioErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}
