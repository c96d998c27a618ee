// Stylized fact 4 (MODEL.md) on the built-in repeat-case scenario: a case rerun in waves wears out —
// wave 2 well below wave 1, wave 3 lower still — while fresh cases in the same waves do not.
// 20 replicates; the two plans of a replicate share the world and the random numbers, so paired
// shares compare like with like. Thresholds on shares leave room for chance: with 20 paired
// replicates, "share ≥ 0.8" fails only if 5 or more replicates go the wrong way, which has
// probability < 0.3 % when the true share is 0.95 (at model 2.0.0, shares asserted at 0.8 measured
// 0.95–1.0 on the scenario's seed, 404, and on seeds 1–6). Conversions falling from wave 2 to wave 3,
// the noisiest share under model 1 (0.85–1.0), now measure 1.0 on those seeds (a share of 0.997 pooled
// over seeds 1–16 and 404): "share ≥ 0.75" fails on 6 or more wrong replicates, probability < 0.05 % at a
// true share of 0.95. Median ratios wave 2 / wave 1: touches 0.29–0.30 (the 0.5 asked is a margin of
// 1.7), conversions 0.65–0.72 (see that test: the margin is no longer two).
import { beforeAll, describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { summarize, type WaveSummary } from "../../engine/experiment/summarize.ts";
import { readScenario } from "../../engine/node/load.ts";
import { median, shareBeats } from "./helpers.ts";

const s = readScenario("library:repeat-case");
let same: RunResult[], fresh: RunResult[];
let waves: WaveSummary["waves"];

beforeAll(() => {
  expect(s.replicates).toBeGreaterThanOrEqual(20);
  expect(s.plans.map((p) => p.name)).toEqual(["same-case-three-times", "three-fresh-cases"]);
  [same, fresh] = runReplicates(s);
  const summary = summarize(s, same).waves;
  expect(summary).toHaveLength(1);
  waves = summary[0].waves;
  expect(waves).toHaveLength(3);
});

/** inWave[k][r]: growth of a cumulative metric over wave k's window in replicate r (the windows of the repeated case, used for both plans). */
function inWave(runs: RunResult[], metric: string): number[][] {
  return waves.map(({ start, end }) =>
    runs.map((r) => {
      const c = column(r.series, metric);
      return c[end] - (start > 0 ? c[start - 1] : 0);
    }),
  );
}
const ratios = (a: number[], b: number[]) => a.map((v, k) => v / b[k]);

describe("fact 4: repeating a case", () => {
  it("moves far fewer people each time: persuasive touches in wave 2 well below wave 1, wave 3 lower still", () => {
    // The planner's output: per-wave decay ratios of the repeated case.
    const ratio = waves.map((w) => w.ratio.engagements.median);
    expect(ratio[1]).toBeLessThan(0.5);
    expect(ratio[2]).toBeLessThan(ratio[1]);
    // Paired: in (nearly) every replicate.
    const [w1, w2, w3] = inWave(same, "engagements");
    expect(shareBeats(w1, w2)).toBeGreaterThanOrEqual(0.8);
    expect(shareBeats(w2, w3)).toBeGreaterThanOrEqual(0.8);
  });

  it("sells less each time: conversions in wave 2 below wave 1, wave 3 lower still", () => {
    const [w1, w2, w3] = inWave(same, "customers");
    // Wave 2 / wave 1 measured 0.65–0.72 on seeds 404, 1–6 and 0.64–0.72 over 17 seeds (mean 0.67, sd 0.027):
    // 0.75 is about 3 sd above the mean, not a factor two; fresh cases, which do not wear out, give ≈ 1.0.
    // Wave 3 / wave 1: 0.36–0.43.
    expect(median(ratios(w2, w1))).toBeLessThan(0.75);
    expect(median(ratios(w3, w1))).toBeLessThan(median(ratios(w2, w1)));
    expect(shareBeats(w1, w2)).toBeGreaterThanOrEqual(0.8);
    expect(shareBeats(w2, w3)).toBeGreaterThanOrEqual(0.75);
  });

  it("is the case wearing out, not the audience or fatigue: fresh cases in the same waves keep their effect", () => {
    // Waves are a month apart, so fatigue has faded (it keeps (1 − ρ)^30 ≈ 4 % at the default ρ = 0.1);
    // the same opinion leaders post to the same followers.
    expect(waves[1].start - waves[0].start).toBeGreaterThanOrEqual(30);
    // Fresh cases: wave k / wave 1 measured 0.99–1.02; fresh beat twice the repeated case in 20 of 20 pairs.
    const [f1, f2, f3] = inWave(fresh, "engagements");
    for (const later of [f2, f3]) {
      expect(median(ratios(later, f1))).toBeGreaterThan(0.8);
      expect(median(ratios(later, f1))).toBeLessThan(1.25);
    }
    const [, s2, s3] = inWave(same, "engagements");
    expect(shareBeats(f2, s2.map((v) => 2 * v))).toBeGreaterThanOrEqual(0.8);
    expect(shareBeats(f3, s3.map((v) => 2 * v))).toBeGreaterThanOrEqual(0.8);
    // And the money: the same budget sells more with fresh cases.
    const final = (runs: RunResult[]) => runs.map((r) => column(r.series, "customers")[s.horizon]);
    expect(shareBeats(final(fresh), final(same))).toBeGreaterThanOrEqual(0.8);
  });
});
