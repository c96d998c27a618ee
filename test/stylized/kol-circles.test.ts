// Stylized fact 6 (MODEL.md) on the built-in kol-circles scenario: circle-targeted KOL seeding (the
// most relevant circles, their opinion leaders, content adapted to each circle) beats the same
// budget spread uniformly over all circles, on conversions. 20 replicates; the plans of a replicate
// share the world and the random numbers, so the paired share of replicates where one plan sells
// more compares like with like. With 20 paired replicates, "share ≥ 0.8" fails only if 5 or more go
// the wrong way: probability < 0.3 % when the true share is 0.95; "share ≥ 0.7" fails on 7 or more:
// probability < 0.3 % when the true share is 0.9 (it was set for model 1, where that share measured
// 0.85–1.0). At model 2.0.0 every share below measured 1.0 on the scenario's seed (606) and on seeds 7,
// 8 and 9, so both thresholds are conservative. Median factors keep a margin of two or more against the
// measured ones (quoted next to each assertion) except the last, which only asks for the order.
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import { at, median, shareBeats } from "./helpers.ts";

const s = readScenario("library:kol-circles");
const H = s.horizon;
let targeted: RunResult[], spread: RunResult[], generic: RunResult[], spreadAdapted: RunResult[];

beforeAll(() => {
  expect(s.replicates).toBeGreaterThanOrEqual(20);
  expect(s.plans.map((p) => p.name)).toEqual(["circle-targeted", "spread-evenly", "targeted-generic-piece", "spread-adapted"]);
  // Same budget for every plan.
  expect(new Set(s.plans.map((p) => p.budget)).size).toBe(1);
  [targeted, spread, generic, spreadAdapted] = runReplicates(s);
});

const customers = (runs: RunResult[]) => at(runs, "customers", H);

describe("fact 6: circle → KOL → content", () => {
  it("spends the same money in every plan", () => {
    const spend = [targeted, spread, generic, spreadAdapted].map((r) => median(at(r, "spend", H)));
    expect(new Set(spend).size).toBe(1);
  });

  it("circle-targeted seeding beats the same budget spread uniformly over all circles, on conversions", () => {
    expect(shareBeats(customers(targeted), customers(spread))).toBeGreaterThanOrEqual(0.8);
    expect(median(customers(targeted))).toBeGreaterThan(3 * median(customers(spread))); // measured 11.5–26×
  });

  it("wins on conversions, not on reach: the spread plan reaches about as many people", () => {
    expect(median(at(spread, "reach", H))).toBeGreaterThan(0.9 * median(at(targeted, "reach", H))); // measured 1.32–1.36
  });

  it("needs each step: the right circles with a generic piece, or adapted pieces in every circle, sell less", () => {
    expect(shareBeats(customers(targeted), customers(generic))).toBeGreaterThanOrEqual(0.8);
    expect(median(customers(targeted))).toBeGreaterThan(2 * median(customers(generic))); // measured 6–7.7×
    expect(shareBeats(customers(targeted), customers(spreadAdapted))).toBeGreaterThanOrEqual(0.7);
    expect(median(customers(targeted))).toBeGreaterThan(median(customers(spreadAdapted))); // measured 2.6–3.2×
  });
});
