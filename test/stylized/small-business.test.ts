/**
 * The claim of library:small-business's story: with the same tiny budget, authentic content on the
 * brand's own account plus a little fan work gets real conversions at a positive ROI, while reposts
 * bought with that budget show bigger numbers (reported impressions, reach) but convert almost no one
 * and lose the money.
 *
 * Replicates: the scenario's 20; both plans run on the same worlds with common random numbers, so the
 * comparisons are paired. Statistics: shares of paired replicates and medians. Measured at model 2.0.0
 * on seed 3 (the scenario's) and seeds 2 and 4 (and, for the ROI's sign, on seeds 1–40): every paired
 * comparison below held in 20 of 20 replicates; the authentic plan's median ROI is ≈ 30% (23–48% over
 * the 40 seeds) with its worst replicate between −9% and +10% on seeds 2–4, and the reposts' ≈ −96%.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { summarize, type PlanSummary } from "../../engine/experiment/summarize.ts";
import { readScenario } from "../../engine/node/load.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { median, shareBeats } from "./helpers.ts";

let s: Scenario;
let authentic: PlanSummary;
let reposts: PlanSummary;

beforeAll(() => {
  s = readScenario("library:small-business");
  const runs = runReplicates(s);
  const of = (name: string) => summarize(s, runs[s.plans.findIndex((p) => p.name === name)]);
  authentic = of("authentic");
  reposts = of("reposts");
});

const per = (p: PlanSummary, metric: string): number[] => Array.from(p.perReplicate[metric]);

describe("library:small-business — own account and authentic content beat bought reposts on a tiny budget", () => {
  it("runs at least 20 replicates, and both plans have the same tiny budget", () => {
    expect(s.replicates).toBeGreaterThanOrEqual(20);
    const budgets = s.plans.map((p) => p.budget);
    expect(new Set(budgets).size).toBe(1);
    expect(budgets[0]).toBeLessThanOrEqual(1000);
  });

  it("the reposts show the bigger numbers: more reported impressions and at least as much reach", () => {
    // Measured medians (seeds 3, 2, 4): reported ≈ 66k vs ≈ 8.3k; reach ≈ 3.9k vs ≈ 0.83k–0.92k.
    expect(median(per(reposts, "reportedImpressions"))).toBeGreaterThan(median(per(authentic, "reportedImpressions")));
    expect(median(per(reposts, "reach"))).toBeGreaterThanOrEqual(median(per(authentic, "reach")));
  });

  it("authentic content converts more people, replicate by replicate", () => {
    // Measured: 20 of 20 on seeds 3, 2, 4 (medians ≈ 43–47 vs ≈ 1.5–2 conversions). Threshold 0.9 leaves two replicates of room.
    expect(shareBeats(per(authentic, "customers"), per(reposts, "customers"))).toBeGreaterThanOrEqual(0.9);
  });

  it("authentic content pays back its spend; the reposts lose money", () => {
    const roiA = per(authentic, "roi");
    const roiR = per(reposts, "roi");
    // Positive ROI in most replicates: measured 20, 17 and 17 of 20 on seeds 3, 2, 4; 32 negative of 800 over
    // seeds 1–40 (4%), so "at least 90%" failed on two of those seeds. At least 80% fails only if 5 or more of
    // 20 are negative: probability 0.1% at 4%. Reposts: negative ROI in the median replicate (measured ≈ −96%).
    expect(roiA.filter((r) => r > 0).length / roiA.length).toBeGreaterThanOrEqual(0.8);
    expect(median(roiR)).toBeLessThan(0);
    expect(shareBeats(roiA, roiR)).toBeGreaterThanOrEqual(0.9);
  });
});
