// Stylized fact 5 (MODEL.md) on the built-in mothers-threshold scenario: in a circle that needs 6–8
// touches, conversions lag reach, and a plan whose frequency stays below the threshold (three
// different pieces) sells almost nothing there while a high-frequency plan (twelve pieces, same
// opinion leaders, same circle) converts. An ordinary circle (2–3 touches) under the same plans is
// the control. 20 replicates; plans of a replicate share the world and the random numbers.
// Shares: with 20 paired replicates, "share ≥ 0.8" fails only if 5 or more replicates go the wrong
// way, which has probability < 0.3 % when the true share is 0.95; every share asserted below was 1.0
// at model 2.0.0 on the scenario's seed (505) and on seeds 1, 2 and 3. Medians measured on those seeds
// are quoted next to each assertion; the margins are about two or more except where a comment says not.
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import { median, shareBeats } from "./helpers.ts";

const s = readScenario("library:mothers-threshold");
const H = s.horizon;
const circleIndex = (name: string) => s.population.circles.findIndex((c) => c.name === name);
const MOTHERS = circleIndex("young-mothers");
const OFFICE = circleIndex("office-workers");
let low: RunResult[], high: RunResult[];

beforeAll(() => {
  expect(s.replicates).toBeGreaterThanOrEqual(20);
  expect(s.plans.map((p) => p.name)).toEqual(["three-pieces", "twelve-pieces"]);
  expect(s.population.circles[MOTHERS].touchesToConvert).toEqual({ min: 6, max: 8 });
  expect(s.population.circles[OFFICE].touchesToConvert.max).toBeLessThanOrEqual(3);
  [low, high] = runReplicates(s);
});

/** A circle's cumulative series ("reach" or "customers") in one run. */
function circleSeries(r: RunResult, metric: "reach" | "customers", c: number): Float64Array {
  const { series } = r;
  const m = series.circleMetrics.indexOf(metric);
  const off = (m * series.circles + c) * series.rows;
  return series.circleValues.subarray(off, off + series.rows);
}
/** First tick at which a cumulative series reaches `share` of its final value (NaN if it stays 0). */
function ticksTo(x: Float64Array, share: number): number {
  const last = x[x.length - 1];
  if (last === 0) return NaN;
  return x.findIndex((v) => v >= share * last);
}
const finalIn = (runs: RunResult[], metric: "reach" | "customers", c: number) => runs.map((r) => circleSeries(r, metric, c)[H]);
/** Per replicate: ticks from half the circle's final reach to a tenth of its final conversions. */
const lag = (runs: RunResult[], c: number) =>
  runs.map((r) => ticksTo(circleSeries(r, "customers", c), 0.1) - ticksTo(circleSeries(r, "reach", c), 0.5));

describe("fact 5: a high-threshold circle (6–8 touches)", () => {
  it("converts long after it is reached, later than an ordinary circle under the same plan", () => {
    // Twelve pieces: mothers are reached on day 0–1, but need six or more pieces before buying.
    const mothers = lag(high, MOTHERS);
    const office = lag(high, OFFICE);
    expect(mothers.every((v) => !Number.isNaN(v))).toBe(true);
    expect(median(mothers)).toBeGreaterThanOrEqual(21); // measured 37–38.5
    expect(median(mothers) - median(office)).toBeGreaterThanOrEqual(10); // measured 20–22.5
    expect(shareBeats(mothers, office)).toBeGreaterThanOrEqual(0.8);
    // When 90 % of the eventual reach is there, next to no mother has bought yet.
    const early = high.map((r) => {
      const t = ticksTo(circleSeries(r, "reach", MOTHERS), 0.9);
      const customers = circleSeries(r, "customers", MOTHERS);
      return customers[t] / customers[H];
    });
    expect(median(early)).toBeLessThan(0.02); // measured 0
  });

  it("gives almost no conversions when the frequency stays below the threshold, though the circle is reached", () => {
    const size = s.population.circles[MOTHERS].size;
    const reachLow = finalIn(low, "reach", MOTHERS);
    expect(median(reachLow) / size).toBeGreaterThan(0.9); // measured 0.945–0.947: not a reach problem
    const buyLow = finalIn(low, "customers", MOTHERS);
    const buyHigh = finalIn(high, "customers", MOTHERS);
    expect(median(buyLow) / size).toBeLessThan(0.002); // measured 0: no mother buys in the median replicate
    expect(median(buyLow)).toBeLessThan(0.03 * median(buyHigh)); // measured 0
    // The same three pieces do sell in the ordinary circle: it is the threshold, not the plan.
    const office = s.population.circles[OFFICE].size;
    // Measured 0.025–0.027: a margin of 1.3, not two, but the median moves by under ±5 % between seeds.
    expect(median(finalIn(low, "customers", OFFICE)) / office).toBeGreaterThan(0.02);
  });

  it("converts with a high-frequency plan in the same circle", () => {
    const size = s.population.circles[MOTHERS].size;
    const buyHigh = finalIn(high, "customers", MOTHERS);
    expect(median(buyHigh) / size).toBeGreaterThan(0.03); // measured 0.050–0.052 (a margin of 1.7)
    expect(shareBeats(buyHigh, finalIn(low, "customers", MOTHERS).map((v) => 10 * v))).toBeGreaterThanOrEqual(0.8);
  });
});
