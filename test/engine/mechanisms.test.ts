import { describe, expect, it } from "vitest";
import { addFatigue, fatigueAt } from "../../engine/core/mechanism/fatigue.ts";
import { novelty } from "../../engine/core/mechanism/novelty.ts";
import { bumpSeen } from "../../engine/core/mechanism/seen.ts";
import { Flag, readyToConvert, Stage } from "../../engine/core/mechanism/funnel.ts";
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { runPlan } from "../../engine/core/run.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { finalOf, smallScenario } from "../helpers.ts";

describe("fatigue", () => {
  it("rises by φ per seen exposure, capped at 1", () => {
    expect(addFatigue(0, 0.3)).toBeCloseTo(0.3, 12);
    expect(addFatigue(0.9, 0.3)).toBe(1);
  });
  it("fades by (1 − ρ) per tick, applied lazily", () => {
    expect(fatigueAt(0.8, 10, 0.25, 10)).toBe(0.8);
    expect(fatigueAt(0.8, 10, 0.25, 12)).toBeCloseTo(0.8 * 0.75 * 0.75, 12);
    let f = 0.8; // the lazy form equals ticking the fade one step at a time
    for (let t = 0; t < 7; t++) f *= 0.75;
    expect(fatigueAt(0.8, 0, 0.25, 7)).toBeCloseTo(f, 12);
  });
  it("lowers persuasion: a circle that tires at once converts less", () => {
    const run = (fatigueRate: number) => {
      const s = smallScenario({ population: { circles: [{ name: "a", size: 2000, fatigueRate, fatigueRecovery: 0.01, touchesToConvert: { min: 2, max: 2 } }] } });
      return runReplicates(s).flatMap((p) => p.map((r) => finalOf(r, "brandAware"))).reduce((a, b) => a + b);
    };
    expect(run(0.9)).toBeLessThan(0.8 * run(0));
  });
});

describe("case-repetition decay", () => {
  it("novelty is δ^m and counters saturate at 255", () => {
    expect(novelty(0.5, 0)).toBe(1);
    expect(novelty(0.5, 3)).toBe(0.125);
    expect(bumpSeen(254)).toBe(255);
    expect(bumpSeen(255)).toBe(255);
  });
  it("the same case repeated in waves gets fewer shares per real impression each wave", () => {
    // Three ad waves of one case, 40 ticks apart so fatigue (ρ = 0.3) has faded between them.
    const s = smallScenario({
      horizon: 119, replicates: 4,
      population: { circles: [{ name: "a", size: 3000, fatigueRecovery: 0.3, repetitionDecay: 0.4 }] },
      contents: [{ id: "case", quality: 0.9 }],
      plans: [{ name: "waves", actions: [{ type: "ads", content: "case", impressions: 6000, at: { start: 0, every: 40, count: 3 } }] }],
    });
    const rate = [0, 0, 0];
    for (const r of runReplicates(s)[0]) {
      const sh = column(r.series, "shares"), real = column(r.series, "realImpressions");
      for (let w = 0; w < 3; w++) rate[w] += (sh[40 * w + 39] - (w ? sh[40 * w - 1] : 0)) / (real[40 * w + 39] - (w ? real[40 * w - 1] : 0));
    }
    expect(rate[1]).toBeLessThan(0.8 * rate[0]);
    expect(rate[2]).toBeLessThan(rate[1]);
  });
});

describe("funnel", () => {
  it("readyToConvert needs interest, brand memory and enough touches", () => {
    expect(readyToConvert(Stage.interested, Flag.brandAware, 3, 3)).toBe(true);
    expect(readyToConvert(Stage.interested, Flag.brandAware, 2, 3)).toBe(false);
    expect(readyToConvert(Stage.interested, 0, 5, 3)).toBe(false);
    expect(readyToConvert(Stage.aware, Flag.brandAware, 5, 3)).toBe(false);
  });
  it("the touches threshold gates conversion", () => {
    const withThreshold = (min: number) =>
      smallScenario({ population: { circles: [{ name: "a", size: 2500, touchesToConvert: { min, max: min } }] } });
    const low = runReplicates(withThreshold(1))[0].map((r) => finalOf(r, "customers"));
    const unreachable = runReplicates(withThreshold(255))[0].map((r) => finalOf(r, "customers"));
    expect(Math.min(...low)).toBeGreaterThan(0);
    expect(Math.max(...unreachable)).toBe(0);
  });
  it("stocks are ordered: customers ≤ brand-aware ≤ reach ≤ consumers, reported ≥ real impressions at every tick", () => {
    for (const r of runReplicates(smallScenario()).flat()) {
      const rep = column(r.series, "reportedImpressions"), real = column(r.series, "realImpressions");
      const reach = column(r.series, "reach"), aware = column(r.series, "brandAware"), cust = column(r.series, "customers");
      for (let t = 0; t < rep.length; t++) {
        expect(rep[t]).toBeGreaterThanOrEqual(real[t]);
        expect(reach[t]).toBeLessThanOrEqual(real[t]);
        expect(aware[t]).toBeLessThanOrEqual(reach[t]);
        expect(cust[t]).toBeLessThanOrEqual(aware[t]);
      }
      expect(reach[reach.length - 1]).toBeLessThanOrEqual(2500);
      expect(rep[rep.length - 1]).toBeGreaterThan(real[real.length - 1]); // zombies and inactive readers
    }
  });
});

describe("zombies", () => {
  it("never read, share or buy: an all-zombie audience gives reported impressions and nothing else", () => {
    const s = smallScenario({
      network: { kind: "circles", meanDegree: 12, bigAccounts: { count: 3, followers: 900, zombieShare: 1 }, brand: { followerShare: 0 } },
    });
    for (const r of runReplicates(s)[1]) {
      expect(finalOf(r, "reportedImpressions")).toBeGreaterThan(1000);
      for (const m of ["realImpressions", "reach", "shares", "customers", "brandAware"]) expect(finalOf(r, m)).toBe(0);
    }
  });
  it("make up about zombieShare of a big account's followers", () => {
    const s = smallScenario({ network: { kind: "circles", bigAccounts: { count: 1, followers: 2000, zombieShare: 0.4 } } });
    const w = buildWorld(s, 0);
    const a = w.net.accounts.bigAccounts[0];
    const { offsets, targets } = w.net.csr;
    let zombies = 0;
    for (let e = offsets[a]; e < offsets[a + 1]; e++) if (targets[e] >= w.pop.zombieStart) zombies++;
    const total = offsets[a + 1] - offsets[a];
    // Followers are Bernoulli draws: total ≈ 2000 ± 5·sqrt(2000·p(1−p)) with p ≤ 1 for each part.
    expect(Math.abs(total - 2000)).toBeLessThan(120);
    expect(Math.abs(zombies / total - 0.4)).toBeLessThan(0.05);
    const plan = runPlan(w, s.plans[0]);
    expect(finalOf(plan, "reach")).toBeGreaterThan(0);
  });
});
