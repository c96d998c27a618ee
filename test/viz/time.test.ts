import { describe, expect, it } from "vitest";
import { atTick, tickUnit } from "../../viz/time.ts";

describe("time in the scenario's words", () => {
  it("says days for one-day ticks, weeks for seven-day ticks, and ticks with their days otherwise", () => {
    expect([tickUnit(true, 1), tickUnit(false, 1), tickUnit(true, 7), tickUnit(false, 7), tickUnit(true, 0.5)]).toEqual(["days", "day", "weeks", "week", "ticks of 0.5 days"]);
    expect([atTick(240, 1), atTick(12, 7), atTick(30, 1.5)]).toEqual(["day 240", "week 12", "tick 30 (day 45)"]);
  });
});
