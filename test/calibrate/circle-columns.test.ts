/**
 * Per-circle observed columns (docs/calibration.md, "Per-circle columns"): a column may be a metric of
 * one circle; the fit then compares it with that circle's series from the engine. A campaign whose two
 * circles differ only in product affinity is recovered circle by circle, and a wrong circle or metric
 * is named with its field and value.
 */
import { describe, expect, it } from "vitest";
import { calibrate } from "../../engine/experiment/calibrate.ts";
import { prepareCalibration } from "../../engine/experiment/calibrate-prepare.ts";
import { runSweepRun } from "../../engine/experiment/sweep-run.ts";
import { ScenarioError } from "../../engine/errors.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { SCENARIO } from "./fixture.ts";

const TRUTH = { a: 0.85, b: 0.15 };
const scenarioAt = (a: number, b: number) => ({
  ...SCENARIO,
  population: { circles: SCENARIO.population.circles.map((c) => ({ ...c, size: c.size * 3, productAffinity: c.name === "a" ? a : b })) },
});

/** The campaign export, by tick: each circle's running reach and customers, from one run at the true affinities. */
function circleCsv(seed = 5): string {
  const [out] = runSweepRun(loadScenario(scenarioAt(TRUTH.a, TRUTH.b)), { seed, replicate: 0, perTick: { every: 1, metrics: ["reach@a", "reach@b", "customers@a", "customers@b"] } });
  const v = (name: string) => out.ticks!.values[out.ticks!.metrics.indexOf(name)];
  expect(out.ticks!.metrics).toEqual(["reach@a", "reach@b", "customers@a", "customers@b"]);
  const rows = ["Tick,Reach A,Reach B,Buyers A,Buyers B"];
  for (let t = 0; t <= SCENARIO.horizon; t++) rows.push([t, v("reach@a")[t], v("reach@b")[t], v("customers@a")[t], v("customers@b")[t]].join(","));
  return rows.join("\n") + "\n";
}

const calibration = (metrics: object[]) => ({
  name: "per-circle",
  scenario: scenarioAt(0.5, 0.5),
  observed: { file: "circles.csv", time: { column: "Tick", kind: "tick" }, metrics },
  parameters: [
    { name: "affinityA", path: "circles.a.productAffinity", prior: { kind: "uniform", min: 0.02, max: 1 } },
    { name: "affinityB", path: "circles.b.productAffinity", prior: { kind: "uniform", min: 0.02, max: 1 } },
  ],
  summaries: { window: 10 },
  abc: { particles: 40, generations: 3, maxSimulations: 2000, predictive: 10 },
  seed: 9,
});

const METRICS = [
  { column: "Reach A", metric: "reach", circle: "a", values: "cumulative" },
  { column: "Reach B", metric: "reach", circle: "b", values: "cumulative" },
  { column: "Buyers A", metric: "customers", circle: "a", values: "cumulative" },
  { column: "Buyers B", metric: "customers", circle: "b", values: "cumulative" },
];

describe("per-circle observed columns", () => {
  const csv = circleCsv();

  it("the fit reads each circle's series from the engine and recovers each circle's affinity", () => {
    const prep = prepareCalibration(calibration(METRICS), { readObserved: () => csv });
    expect(prep.metrics).toEqual(["reach@a", "reach@b", "customers@a", "customers@b"]);
    expect(prep.observed.series.map((s) => s.circle)).toEqual(["a", "b", "a", "b"]);
    const fit = calibrate(prep);
    const stats = [0, 1].map((k) => {
      const mean = fit.particles.reduce((s, p) => s + p.weight * p.values[k], 0);
      const sorted = fit.particles.map((p) => ({ v: p.values[k], w: p.weight })).sort((x, y) => x.v - y.v);
      const at = (q: number) => {
        let c = 0;
        for (const x of sorted) if ((c += x.w) >= q) return x.v;
        return sorted[sorted.length - 1].v;
      };
      return { mean, p5: at(0.05), p95: at(0.95) };
    });
    // Each truth is inside its 90 % interval, the two circles come out in the right order, apart
    // (seed 9: a 0.71 [0.43, 0.98], b 0.23 [0.07, 0.49]).
    expect(stats[0].p5).toBeLessThanOrEqual(TRUTH.a);
    expect(stats[0].p95).toBeGreaterThanOrEqual(TRUTH.a);
    expect(stats[1].p5).toBeLessThanOrEqual(TRUTH.b);
    expect(stats[1].p95).toBeGreaterThanOrEqual(TRUTH.b);
    expect(stats[0].mean - stats[1].mean).toBeGreaterThan(0.3);
    // Circle b's interval is narrower than its prior's (0.02 – 1: 0.88 wide for 90 %).
    expect(stats[1].p95 - stats[1].p5).toBeLessThan(0.5);
    // The predictive check names each circle's series.
    expect(fit.predictive.map((b) => b.metric)).toEqual(["reach@a", "reach@b", "customers@a", "customers@b"]);
  });

  it("names an unknown circle, and a metric that has no per-circle series, by field and value", () => {
    const bad = METRICS.map((m) => ({ ...m }));
    bad[1].circle = "young-mothers";
    bad[2].metric = "purchases";
    let err: unknown;
    try {
      prepareCalibration(calibration(bad), { readObserved: () => csv });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const issues = (err as ScenarioError).issues;
    expect(issues).toContainEqual({ path: "observed.metrics[1].circle", message: "expected a circle of the scenario (a, b)", received: '"young-mothers"' });
    expect(issues).toContainEqual({ path: "observed.metrics[2].metric", message: 'expected a per-circle metric of plan "post" for circle "a" (reach, customers)', received: '"purchases"' });
    expect(issues).toHaveLength(2);
  });

  it("a circle's column is refused for revenue (no per-circle series), and whole-campaign columns still work beside circle ones", () => {
    const mixed = [...METRICS, { column: "Buyers A", metric: "revenue", circle: "a" }];
    expect(() => prepareCalibration(calibration(mixed), { readObserved: () => csv })).toThrow(/observed\.metrics\[4\]\.metric: got "revenue", expected a per-circle metric/);
    const withTotal = [...METRICS, { column: "Buyers B", metric: "customers", values: "cumulative" }];
    const prep = prepareCalibration(calibration(withTotal), { readObserved: () => csv });
    expect(prep.metrics).toEqual(["reach@a", "reach@b", "customers@a", "customers@b", "customers"]);
  });
});
