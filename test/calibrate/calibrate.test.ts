import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { abcSmc, calibrate, type CalibrationStep, effectiveSampleSize, priorDensity, priorDraw, weightedQuantile, kernelFactor } from "../../engine/experiment/calibrate.ts";
import { prepareCalibration } from "../../engine/experiment/calibrate-prepare.ts";
import { stream } from "../../engine/core/rng/stream.ts";
import { Prior } from "../../scenarios/schema/calibrate.ts";
import { ScenarioError } from "../../engine/errors.ts";
import { calibrationJson, campaignCsv } from "./fixture.ts";

const prepared = (abc: Record<string, number> = {}, over: object = {}) =>
  prepareCalibration({ ...calibrationJson("campaign.csv", abc), ...over }, { readObserved: () => campaignCsv() });

describe("priors", () => {
  it("draw inside their support, and have no density outside it", () => {
    const rng = stream(9);
    for (const p of [
      { kind: "uniform", min: 1, max: 2 },
      { kind: "log-uniform", min: 0.01, max: 1 },
      { kind: "beta", alpha: 2, beta: 5, min: 0.1, max: 0.5 },
      { kind: "normal", mean: 0, sd: 1, min: 2, max: 3 },
    ]) {
      const prior = Prior.parse(p);
      const xs = Array.from({ length: 500 }, () => priorDraw(prior, rng));
      const [lo, hi] = prior.kind === "log-uniform" ? [Math.log(prior.min), Math.log(prior.max)] : [prior.min, prior.max];
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
      expect(priorDensity(prior, hi + 1)).toBe(0);
      expect(priorDensity(prior, lo - 1)).toBe(0);
    }
  });
  it("truncated normal far in the tail keeps its shape: mass piles at the near bound", () => {
    const prior = Prior.parse({ kind: "normal", mean: 0, sd: 1, min: 2, max: 3 });
    const rng = stream(4);
    const xs = Array.from({ length: 2000 }, () => priorDraw(prior, rng));
    expect(xs.filter((x) => x < 2.5).length / xs.length).toBeGreaterThan(0.7);
  });
});

describe("population arithmetic", () => {
  it("weighted quantiles, ESS and the kernel's factor", () => {
    expect(weightedQuantile([3, 1, 2], [1, 1, 1], 0.5)).toBe(2);
    expect(weightedQuantile([3, 1, 2], [0, 0, 1], 0.5)).toBe(2);
    expect(effectiveSampleSize([1, 1, 1, 1])).toBeCloseTo(4);
    expect(effectiveSampleSize([1, 0, 0, 0])).toBeCloseTo(1);
    // Two points at ±1 with equal weights: variance 1, kernel variance 2, factor √2.
    expect(kernelFactor([Float64Array.of(-1), Float64Array.of(1)], [1, 1])[0]).toBeCloseTo(Math.SQRT2);
  });
});

describe("calibrate", () => {
  it("checks the file against its scenario: unknown paths and metrics are named", () => {
    const bad = calibrationJson("campaign.csv");
    bad.parameters[0].path = "dynamics.nope.x";
    bad.observed.metrics[1].metric = "likes";
    expect(() => prepareCalibration(bad, { readObserved: () => campaignCsv() })).toThrow(ScenarioError);
    const bad2 = calibrationJson("campaign.csv");
    bad2.observed.metrics[1].metric = "likes";
    expect(() => prepareCalibration(bad2, { readObserved: () => campaignCsv() })).toThrow(/observed\.metrics\[1\]\.metric.*likes/s);
  });

  it("narrows the tolerance generation by generation, the same for a seed, and tightens the posterior around the truth", () => {
    const prep = prepared({ particles: 40, generations: 3, maxSimulations: 2000, predictive: 20 });
    const a = calibrate(prep);
    const tol = a.generations.map((g) => g.tolerance);
    expect(a.generations.length).toBeGreaterThanOrEqual(3);
    for (let t = 2; t < tol.length; t++) expect(tol[t]).toBeLessThanOrEqual(tol[t - 1]);
    expect(a.generations.every((g) => g.ess > 1 && g.ess <= 40 + 1e-9)).toBe(true);
    expect(a.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1);
    // Persuasion (which drives engagements and orders) narrows to well under its prior's sd (uniform on
    // [0.1, 1]: 0.26) around the truth 0.7; conversion barely moves orders here, so it is not asserted.
    const mean = a.particles.reduce((s, p) => s + p.weight * p.values[0], 0);
    const sd = Math.sqrt(a.particles.reduce((s, p) => s + p.weight * (p.values[0] - mean) ** 2, 0));
    expect(sd).toBeLessThan(0.2);
    expect(Math.abs(mean - 0.7)).toBeLessThan(0.15);
    // Same seed, same everything.
    const b = calibrate(prep);
    expect(b).toEqual(a);
    // The predictive bands hold the observed series mostly within p5–p95.
    const orders = a.predictive.find((x) => x.metric === "purchases")!;
    expect(orders.p5.every((x, t) => x <= orders.p50[t] && orders.p50[t] <= orders.p95[t])).toBe(true);
  });

  it("hands the runner each finished generation (stats and population) as it goes, ending with the posterior's", () => {
    const steps: CalibrationStep[] = [];
    const r = calibrate(prepared({ particles: 12, generations: 2, maxSimulations: 400, predictive: 5 }), { onStep: (s) => steps.push(s) });
    expect(steps[0]).toMatchObject({ kind: "particles", generation: 0, generations: [] });
    expect(steps[0].population).toBeUndefined();
    // Every batch of generation t shows generation t − 1, with the stats of the generations before it.
    for (const s of steps.filter((x) => x.kind === "particles" && x.generation > 0)) {
      const g = (s as { generation: number }).generation;
      expect(s.population!.generation).toBe(g - 1);
      expect(s.generations).toEqual(r.generations.slice(0, g));
      expect(s.population!.values).toHaveLength(12);
    }
    const last = steps[steps.length - 1];
    expect(last.kind).toBe("predictive");
    expect(last.generations).toEqual(r.generations);
    expect(last.population).toEqual({ generation: 2, values: r.particles.map((p) => p.values), weights: r.particles.map((p) => p.weight), distances: r.particles.map((p) => p.distance) });
  });

  it("the nearest-neighbour screen rejects hopeless proposals unsimulated from generation 2 on, and the posterior stays where it was", () => {
    const abc = { particles: 40, generations: 4, maxSimulations: 4000, predictive: 0 };
    const plain = calibrate(prepared(abc));
    const screened = calibrate(prepared(abc, { abc: { ...abc, screen: { neighbours: 8, margin: 1.5 } } }));
    // Generations 0 and 1 are the same fit; the screen starts with generation 2.
    expect(screened.generations.slice(0, 2)).toEqual(plain.generations.slice(0, 2));
    expect(plain.generations.every((g) => g.screened === 0)).toBe(true);
    const late = screened.generations.slice(2);
    expect(late.reduce((a, g) => a + g.screened, 0)).toBeGreaterThan(0);
    // Fewer simulations for as many generations: each screened proposal is one not run.
    expect(screened.generations.length).toBe(plain.generations.length);
    expect(screened.simulations).toBeLessThan(plain.simulations);
    // The same proposals are drawn (proposal k of generation t has its own stream): the screen only skips
    // some, so each generation's proposals are at least its simulations.
    for (const g of late) expect(g.proposals).toBeGreaterThan(0);
    // Persuasion's posterior mean moves by less than a fifth of its prior's sd (0.26).
    const mean = (r: typeof plain) => r.particles.reduce((s, p) => s + p.weight * p.values[0], 0);
    expect(Math.abs(mean(screened) - mean(plain))).toBeLessThan(0.05);
    expect(calibrate(prepared(abc, { abc: { ...abc, screen: { neighbours: 8, margin: 1.5 } } }))).toEqual(screened);
  });

  it("another seed gives another fit", () => {
    const a = calibrate(prepared({ particles: 20, generations: 1, predictive: 0 }));
    const b = calibrate(prepared({ particles: 20, generations: 1, predictive: 0 }, { seed: 4 }));
    expect(b.particles).not.toEqual(a.particles);
  });

  it("adaptive scales (Prangle 2017) rescale from generation 2 on: generation 1 is the same as with fixed scales, later ones differ", () => {
    const base = calibrationJson("campaign.csv", { particles: 20, generations: 2, predictive: 0 });
    const fixed = calibrate(prepareCalibration(base, { readObserved: () => campaignCsv() }));
    const adaptive = calibrate(prepareCalibration({ ...base, summaries: { window: 20, scale: "adaptive" } }, { readObserved: () => campaignCsv() }));
    expect(adaptive.generations[1]).toEqual(fixed.generations[1]);
    expect(adaptive.generations[2].tolerance).not.toBe(fixed.generations[2].tolerance);
    expect(Array.from(adaptive.scales)).not.toEqual(Array.from(fixed.scales));
  });

  it("stops at the budget with the last complete generation", () => {
    const r = calibrate(prepared({ particles: 20, generations: 5, maxSimulations: 60, predictive: 0 }));
    expect(r.stopped).toMatch(/budget of 60 simulations ran out/);
    expect(r.simulations).toBeLessThanOrEqual(60);
    expect(r.particles.length).toBe(20);
  });

  it("common random numbers give every particle the calibration seed's worlds and draws; per-particle, each its own", () => {
    const seeds = (randomNumbers: string) => {
      const step = abcSmc(prepared({ particles: 6, generations: 1, predictive: 0 }, { randomNumbers })).next().value as { requests: { seed: number }[] };
      return step.requests.map((r) => r.seed);
    };
    expect(new Set(seeds("common"))).toEqual(new Set([3]));
    expect(new Set(seeds("per-particle")).size).toBe(6);
  });

  it("answers batches in any grouping with the same requests (the driver decides them alone)", () => {
    const prep = prepared({ particles: 10, generations: 1, predictive: 0 });
    const first = abcSmc(prep).next();
    const again = abcSmc(prep).next();
    expect(first.done).toBe(false);
    expect(JSON.stringify(first.value)).toBe(JSON.stringify(again.value));
  });
});

describe("calibration schema", () => {
  it("calibration.schema.json is generated from the zod schema and up to date (run `npm run schema`)", async () => {
    const { calibrationJsonSchemaText } = await import("../../scenarios/json-schema.ts");
    expect(readFileSync("scenarios/calibration.schema.json", "utf8")).toBe(calibrationJsonSchemaText());
  });
  it("the worked example's files parse and load", async () => {
    const { readCalibration } = await import("../../engine/node/commands/calibrate.ts");
    const prep = readCalibration("docs/examples/bakery-calibration.json");
    expect(prep.parameters.map((p) => p.name)).toEqual(["persuasion", "conversionRate", "sharePropensity", "fatigueRate"]);
    expect(prep.observed.rows).toBe(89);
  });
});
