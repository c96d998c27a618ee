/**
 * Stylized facts 7 and 8 (MODEL.md) on library:community.
 *
 * Fact 7: a red-envelope-only group's activity spikes, then decays toward silence; a group fed value
 * content keeps a base level. Fact 8: testimonials help in prospect groups, not in general traffic groups.
 *
 * Replicates: the scenario's 20. Plans of a replicate share the world and common random numbers, so
 * every comparison below is paired per replicate; the statistics are medians and shares of paired
 * replicates, which a single odd replicate cannot flip. With 20 pairs, a share ≥ 0.9 means at most two
 * replicates may go the other way; the shares asserted at 0.9 measured 1.0 at model 2.0.0 on seed 7 (the
 * scenario's) and seeds 1–4.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { median, shareBeats } from "./helpers.ts";

const final = (r: RunResult, metric: string): number => {
  const c = column(r.series, metric);
  return c[c.length - 1];
};
/** Mean per tick of a metric over ticks [from, to). */
const meanOver = (r: RunResult, metric: string, from: number, to: number): number => {
  const c = column(r.series, metric);
  let sum = 0;
  for (let t = from; t < to; t++) sum += c[t];
  return sum / (to - from);
};

let s: Scenario;
let byPlan: Record<string, RunResult[]>;

beforeAll(() => {
  s = readScenario("library:community");
  const runs = runReplicates(s);
  byPlan = Object.fromEntries(s.plans.map((p, k) => [p.name, runs[k]]));
});

describe("library:community", () => {
  it("runs at least 20 replicates by default", () => {
    expect(s.replicates).toBeGreaterThanOrEqual(20);
  });

  describe("fact 7: red envelopes spike then fall silent, value content keeps a base", () => {
    // Both plans feed the same traffic group (same members, same world) every 3 ticks from tick 0 to 57.
    // Early: ticks 0–5 (the first two posts). Late: ticks 30–59, while the feed is still running.
    const activity = "activity:traffic group";
    const levels = (plan: string) => byPlan[plan].map((r) => ({ early: meanOver(r, activity, 0, 6), late: meanOver(r, activity, 30, 60) }));

    it("red envelopes make a bigger spike than value content", () => {
      const red = levels("red-envelopes");
      const value = levels("value-content");
      // Members grab red envelopes and say thanks (five times as readily as they pass on a post): the first
      // week's replies are 6.3–6.6 times a value feed's in the median pair, and red beats value in 20 of 20
      // pairs (seeds 7, 1, 2); "≥ 0.9 of pairs and twice the median" leaves room for two odd replicates.
      expect(shareBeats(red.map((x) => x.early), value.map((x) => x.early))).toBeGreaterThanOrEqual(0.9);
      expect(median(red.map((x) => x.early))).toBeGreaterThan(2 * median(value.map((x) => x.early)));
    });

    it("the red-envelope group decays toward silence while it is still being fed", () => {
      const red = levels("red-envelopes");
      // Measured median late/early: 0.008–0.011 (max over replicates ≤ 0.022; seeds 7, 1, 2). "Toward silence" = below
      // 5% of the opening level; with 20 replicates the median is stable well inside that bound.
      expect(median(red.map((x) => x.late / x.early))).toBeLessThan(0.05);
    });

    it("the value-content group keeps a base level, above the red-envelope group's", () => {
      const red = levels("red-envelopes");
      const value = levels("value-content");
      // Measured median late/early: 0.33–0.35 (min over replicates ≥ 0.18; seeds 7, 1, 2): a base of at least 15% of the opening.
      expect(median(value.map((x) => x.late / x.early))).toBeGreaterThan(0.15);
      // Measured: 20 of 20 replicates (seeds 7, 1, 2).
      expect(shareBeats(value.map((x) => x.late), red.map((x) => x.late))).toBeGreaterThanOrEqual(0.9);
    });
  });

  describe("fact 8: testimonials help in prospect groups, not in traffic groups", () => {
    // Uplift = conversions with testimonials − conversions of the same group without them, per replicate.
    // All group posts and their chatter stay inside the group, so the plan's conversions are the members'.
    const uplift = (withT: string, without: string) =>
      byPlan[withT].map((r, k) => final(r, "customers") - final(byPlan[without][k], "customers"));
    const testimonialCost = () => {
      const tm = s.plans.find((p) => p.name === "prospect + testimonials")!.strategies[0];
      if (tm.type !== "communityOps" || !tm.testimonials) throw new Error("expected communityOps with testimonials");
      return tm.testimonials.count * tm.testimonials.costEach;
    };

    it("the prospect group gains more from testimonials than the traffic group, replicate by replicate", () => {
      const prospect = uplift("prospect + testimonials", "prospect group");
      const traffic = uplift("traffic + testimonials", "value-content");
      // Measured: 20 of 20 replicates for seeds 7 and 1–4 (median uplift ≈ 37–45 vs ≈ 1–2.5 conversions).
      expect(shareBeats(prospect, traffic)).toBeGreaterThanOrEqual(0.9);
    });

    it("testimonials pay for themselves in the prospect group and not in the traffic group", () => {
      const margin = s.product.unitMargin;
      const cost = testimonialCost();
      // "Help" in money terms: the median extra margin earned against what the testimonials cost.
      // Measured: prospect ≈ 37.5 × 30 = 1,125 (1,125–1,350 on seeds 7, 1–4) vs a cost of 240; traffic 30–75.
      expect(median(uplift("prospect + testimonials", "prospect group")) * margin).toBeGreaterThan(cost);
      expect(median(uplift("traffic + testimonials", "value-content")) * margin).toBeLessThan(cost);
    });
  });
});
