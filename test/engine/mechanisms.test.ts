import { describe, expect, it } from "vitest";
import { addFatigue, fadeTable, fatigueAt, fatigueNow } from "../../engine/core/mechanism/fatigue.ts";
import { novelty, noveltyAt, noveltyTable } from "../../engine/core/mechanism/novelty.ts";
import { persuasion } from "../../engine/core/mechanism/persuasion.ts";
import { delayDraws, reshare, reshareDelay } from "../../engine/core/mechanism/reshare.ts";
import { bumpSeen, seen } from "../../engine/core/mechanism/seen.ts";
import {
  addTouch, Flag, readyToConvert, removeTouch, repurchaseChance, Stage, stageAfterHarm, stageAfterTouch,
} from "../../engine/core/mechanism/funnel.ts";
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { runPlan } from "../../engine/core/run.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { finalOf, smallScenario } from "../helpers.ts";

describe("seen", () => {
  it("a delivery is seen when its draw falls below the reader's activity; zombies (a = 0) never see one", () => {
    expect(seen(0.29, 0.3)).toBe(true);
    expect(seen(0.3, 0.3)).toBe(false);
    expect(seen(0, 0)).toBe(false);
    expect(seen(0.999, 1)).toBe(true);
  });
  it("counters saturate at 255", () => {
    expect(bumpSeen(0)).toBe(1);
    expect(bumpSeen(254)).toBe(255);
    expect(bumpSeen(255)).toBe(255);
  });
});

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
  it("fatigue now, read from the per-circle fade table, has fatigueAt's bits: f_i · (1 − ρ_c)^(t − t_i)", () => {
    const rho = [0.25, 0.1, 0.9], H = 30;
    const fade = fadeTable(rho, H);
    expect(fade.length).toBe(3 * (H + 1));
    for (let c = 0; c < rho.length; c++)
      for (const fi of [0, 0.3, Math.fround(0.77), 1])
        for (const [ti, t] of [[0, 0], [3, 4], [0, 30], [12, 29]]) expect(fatigueNow(fade, H, c, fi, ti, t)).toBe(fatigueAt(fi, ti, rho[c], t));
    expect(fatigueNow(fade, H, 0, 0.8, 10, 12)).toBe(0.8 * 0.5625); // 0.75² is exact
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
  it("novelty is δ^m", () => {
    expect(novelty(0.5, 0)).toBe(1);
    expect(novelty(0.5, 3)).toBe(0.125);
  });
  it("the per-circle table holds δ_c^m for m = 0 … 255", () => {
    const table = noveltyTable([0.5, 0.9]);
    expect(table.length).toBe(512);
    expect(noveltyAt(table, 0, 0)).toBe(1);
    expect(noveltyAt(table, 0, 3)).toBe(0.125);
    expect(noveltyAt(table, 1, 0)).toBe(1);
    expect(noveltyAt(table, 1, 2)).toBe(novelty(0.9, 2));
    expect(noveltyAt(table, 1, 2)).toBeCloseTo(0.81, 15);
    expect(noveltyAt(table, 1, 255)).toBe(novelty(0.9, 255));
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

describe("persuasion", () => {
  const none = new Float32Array(1);
  it("a perfect piece over a tie of weight w persuades a fully trusting, fresh reader with probability λ·w", () => {
    expect(persuasion(1, 0.4, 1, 1, 1, 0, false, none, 0, 1)).toBe(0.4);
    expect(persuasion(0.5, 0.4, 1, 1, 1, 0, false, none, 0, 1)).toBe(0.2);
  });
  it("is λ · w · τ_i · q_x · n · (1 − f) · (paid ? 1 − σ_i : 1) · fit, multiplied in that order", () => {
    const sigma = Float32Array.of(0, 0.35);
    const [l, w, tau, q, n, f, fit] = [0.9, 0.6, 0.7, 0.8, 0.5, 0.25, 0.6];
    expect(persuasion(l, w, tau, q, n, f, false, sigma, 1, fit)).toBe(l * w * tau * q * n * (1 - f) * 1 * fit);
    expect(persuasion(l, w, tau, q, n, f, true, sigma, 1, fit)).toBe(l * w * tau * q * n * (1 - f) * (1 - sigma[1]) * fit);
    // skepticism only discounts paid content
    expect(persuasion(l, w, tau, q, n, f, false, sigma, 1, fit)).toBe(persuasion(l, w, tau, q, n, f, false, sigma, 0, fit));
  });
  it("is 0 for a fully tired reader, a worn-out case, an untrusting reader or a circle the piece does not fit", () => {
    expect(persuasion(1, 1, 1, 1, 1, 1, false, none, 0, 1)).toBe(0);
    expect(persuasion(1, 1, 1, 1, 0, 0, false, none, 0, 1)).toBe(0);
    expect(persuasion(1, 1, 0, 1, 1, 0, false, none, 0, 1)).toBe(0);
    expect(persuasion(1, 1, 1, 1, 1, 0, false, none, 0, 0)).toBe(0);
  });
});

describe("reshare", () => {
  it("is η_c · q_x · n · (1 − f) · b_x, times fanBoost for a fan", () => {
    const [eta, q, n, f, b] = [0.2, 0.7, 0.5, 0.4, 5];
    expect(reshare(eta, q, n, f, b, false, 2)).toBe(eta * q * n * (1 - f) * b * 1);
    expect(reshare(eta, q, n, f, b, true, 2)).toBe(eta * q * n * (1 - f) * b * 2);
    expect(reshare(eta, q, n, 1, b, true, 2)).toBe(0); // a fully tired reader passes nothing on
  });
  it("comes after a delay of 1 + Geometric(1 / shareDelay) failures: at least a tick, mean shareDelay", () => {
    expect(reshareDelay(0, delayDraws(1.5))).toBe(1);
    expect(reshareDelay(0.999, delayDraws(1))).toBe(1); // mean 1: always the next tick
    // E[1 + G] over a fine grid of u: p = 2/3 gives E[G] = (1 − p)/p = 0.5; the grid's error is O(1/N).
    const N = 100000;
    const draws = delayDraws(1.5);
    let sum = 0;
    for (let k = 0; k < N; k++) sum += reshareDelay((k + 0.5) / N, draws);
    expect(Math.abs(sum / N - 1.5)).toBeLessThan(1e-3);
  });
});

describe("funnel", () => {
  it("a touch that names a remembered brand: aware first, interested from min(2, k_i) touches; later stages stay", () => {
    expect(stageAfterTouch(Stage.unaware, 1, 3)).toBe(Stage.aware);
    expect(stageAfterTouch(Stage.aware, 1, 3)).toBe(Stage.aware);
    expect(stageAfterTouch(Stage.aware, 2, 3)).toBe(Stage.interested);
    expect(stageAfterTouch(Stage.unaware, 1, 1)).toBe(Stage.interested); // one touch is enough when k_i = 1
    for (const st of [Stage.interested, Stage.customer, Stage.fan]) expect(stageAfterTouch(st, 9, 3)).toBe(st);
    expect(addTouch(0)).toBe(1);
    expect(addTouch(255)).toBe(255);
  });
  it("a persuasive negative exposure takes a touch back (not below 0) and cools an interested agent", () => {
    expect(removeTouch(3)).toBe(2);
    expect(removeTouch(0)).toBe(0);
    expect(stageAfterHarm(Stage.interested)).toBe(Stage.aware);
    for (const st of [Stage.unaware, Stage.aware, Stage.customer, Stage.fan]) expect(stageAfterHarm(st)).toBe(st);
  });
  it("a customer persuaded again repurchases with its tier's chance", () => {
    const r = { HV: 0.3, MV: 0.15, LV: 0.05 };
    expect([1, 2, 3].map((tier) => repurchaseChance(tier, r))).toEqual([0.3, 0.15, 0.05]);
  });
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
