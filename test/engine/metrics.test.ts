// Metric declarations (engine/core/metrics.ts): every model's columns are exactly its declared
// names, every declaration has a label and a unit, and each reader reads what its name says (checked
// by identities between columns that a swapped or misplaced reader would break).
import { describe, expect, it } from "vitest";
import { column, type Series } from "../../engine/core/collect/collector.ts";
import { defineCircleMetrics, defineMetrics, UNITS, type MetricInfo } from "../../engine/core/metrics.ts";
import { ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS } from "../../engine/core/models/activation.ts";
import { BASS_CIRCLE_METRICS, BASS_METRICS } from "../../engine/core/models/bass.ts";
import { SIR_CIRCLE_METRICS, SIR_METRICS } from "../../engine/core/models/sir.ts";
import { GROUP_ACTIVITY, SOCIAL_CIRCLE_METRICS, SOCIAL_METRICS } from "../../engine/core/models/social-metrics.ts";
import { createDynamics, runPlan } from "../../engine/core/run.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { DERIVED_METRICS, UNSPENT } from "../../engine/experiment/summarize.ts";
import { circleMetricInfo, METRIC_LABELS, METRIC_ORDER, metricInfo } from "../../engine/format/labels.ts";
import { libraryNames, readScenario } from "../../engine/node/load.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";

const DECLARATIONS = {
  social: [SOCIAL_METRICS, SOCIAL_CIRCLE_METRICS],
  bass: [BASS_METRICS, BASS_CIRCLE_METRICS],
  ic: [ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS],
  lt: [ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS],
  sir: [SIR_METRICS, SIR_CIRCLE_METRICS],
  sis: [SIR_METRICS, SIR_CIRCLE_METRICS],
} as const;

function expectDeclared(m: MetricInfo | undefined, name: string): void {
  expect(m, `"${name}" has no declaration`).toBeDefined();
  expect(m!.name).toBe(name);
  expect(m!.label.trim(), `"${name}" has no label`).not.toBe("");
  expect(UNITS, `"${name}" has unit ${m!.unit}`).toContain(m!.unit);
}

/** A library scenario cut short: the identities hold on every tick, a few dozen are enough. */
function short(name: string, horizon = 30): Scenario {
  const s = readScenario(`library:${name}`);
  return { ...s, horizon: Math.min(s.horizon, horizon) };
}

function sumOverCircles(s: Series, metric: string): Float64Array {
  const m = s.circleMetrics.indexOf(metric);
  const out = new Float64Array(s.rows);
  for (let c = 0; c < s.circles; c++) for (let t = 0; t < s.rows; t++) out[t] += s.circleValues[(m * s.circles + c) * s.rows + t];
  return out;
}

const cumulative = (a: Float64Array) => a.map(((sum) => (v: number) => (sum += v))(0));

describe("metric declarations", () => {
  it("give every model of the library its columns, in declared order, each with a label and a unit", () => {
    const kinds = new Set<string>();
    let activities = 0;
    for (const name of libraryNames()) {
      const s = readScenario(`library:${name}`);
      const world = buildWorld({ ...s, horizon: Math.min(s.horizon, 5) }, 0);
      const [metrics, circleMetrics] = DECLARATIONS[s.model.kind];
      kinds.add(s.model.kind);
      s.plans.forEach((plan, p) => {
        const d = createDynamics(world, plan, p);
        // Community groups come from the compiled plan (communityOps strategies make them).
        const groups = s.model.kind === "social" ? compilePlan(world, plan, p).groups : [];
        const activity = groups.filter((g) => g.kind === "community").map((g) => GROUP_ACTIVITY.name(g.name));
        expect(d.metrics, `library:${name}, plan ${plan.name}`).toEqual([...metrics.names, ...activity]);
        activities += activity.length;
        expect(d.circleMetrics, `library:${name}, plan ${plan.name}`).toEqual(circleMetrics.names);
        for (const m of d.metrics) expectDeclared(metricInfo(m), m);
        for (const m of d.circleMetrics) expectDeclared(circleMetricInfo(m), m);
      });
    }
    expect([...kinds].sort()).toEqual(Object.keys(DECLARATIONS).sort());
    expect(activities).toBeGreaterThan(0);
  });

  it("declare every final value, the derived ones included, and the tables' labels come from them", () => {
    for (const list of [SOCIAL_METRICS.list, BASS_METRICS.list, ACTIVATION_METRICS.list, SIR_METRICS.list, DERIVED_METRICS, [UNSPENT]])
      for (const m of list) expectDeclared(metricInfo(m.name), m.name);
    const sim = simulate(short("community", 20), { replicates: 1 });
    const finals = Object.keys(sim.plans[0].final);
    expect(finals.some((m) => m.startsWith(GROUP_ACTIVITY.prefix))).toBe(true);
    for (const m of finals) expectDeclared(metricInfo(m), m);
    expect(metricInfo("activity:testimonials")).toEqual({ name: "activity:testimonials", label: "Group activity (testimonials)", unit: "shares" });
    expect(METRIC_LABELS).toEqual(Object.fromEntries([...SOCIAL_METRICS.list, ...DERIVED_METRICS, UNSPENT].map((m) => [m.name, m.label])));
    for (const m of METRIC_ORDER) expect(METRIC_LABELS[m], m).toBeDefined();
    expect(metricInfo("noSuchMetric")).toBeUndefined();
  });

  it("write each reader's value under its own name, in order", () => {
    const t = defineMetrics<{ a: number; b: number }>([
      { name: "b", label: "B", unit: "count", read: (s) => s.b },
      { name: "a", label: "A", unit: "people", read: (s) => s.a },
    ]);
    expect(t.names).toEqual(["b", "a"]);
    const out = new Float64Array(4);
    t.read({ a: 1, b: 2 }, out, 1);
    expect([...out]).toEqual([0, 2, 1, 0]);
    const c = defineCircleMetrics<{ x: Float64Array; y: Float64Array }>([
      { name: "x", label: "X", unit: "people", read: (s) => s.x },
      { name: "y", label: "Y", unit: "people", read: (s) => s.y },
    ]);
    const circles = new Float64Array(6);
    c.read({ x: Float64Array.of(1, 2, 3), y: Float64Array.of(4, 5, 6) }, circles);
    expect([...circles]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => defineMetrics([t.list[0], t.list[0]])).toThrow(/"b" is declared twice/);
  });
});

describe("metric readers read what their names say", () => {
  it("IC and LT: active is the running sum of newActive and of active per circle; attempts never fall", () => {
    for (const name of ["ic", "lt"]) {
      const s = short(name);
      const { series } = runPlan(buildWorld(s, 0), s.plans[0]);
      expect([...column(series, "active")], name).toEqual([...cumulative(column(series, "newActive"))]);
      expect([...column(series, "active")], name).toEqual([...sumOverCircles(series, "active")]);
      expect(column(series, "active").at(-1)!).toBeGreaterThan(column(series, "newActive")[0]);
      const attempts = column(series, "attempts");
      for (let t = 1; t < attempts.length; t++) expect(attempts[t]).toBeGreaterThanOrEqual(attempts[t - 1]);
      expect(attempts.at(-1)!).toBeGreaterThan(column(series, "active").at(-1)!);
    }
  });

  it("Bass: adopters is the running sum of newAdopters and of adopters per circle", () => {
    const s = short("bass");
    const { series } = runPlan(buildWorld(s, 0), s.plans[0]);
    expect([...column(series, "adopters")]).toEqual([...cumulative(column(series, "newAdopters"))]);
    expect([...column(series, "adopters")]).toEqual([...sumOverCircles(series, "adopters")]);
    expect(column(series, "adopters").at(-1)!).toBeGreaterThan(0);
  });

  it("SIR and SIS: the three states add up to the population; everInfected sums newInfected and the circles", () => {
    for (const name of ["sir", "sis"]) {
      const s = short(name);
      const world = buildWorld(s, 0);
      const { series } = runPlan(world, s.plans[0]);
      const [S, I, R] = ["susceptible", "infected", "recovered"].map((m) => column(series, m));
      for (let t = 0; t < series.rows; t++) expect(S[t] + I[t] + R[t], `${name}, tick ${t}`).toBe(world.pop.consumers);
      expect([...column(series, "everInfected")], name).toEqual([...cumulative(column(series, "newInfected"))]);
      expect([...column(series, "everInfected")], name).toEqual([...sumOverCircles(series, "everInfected")]);
      if (name === "sis") expect(R.every((v) => v === 0)).toBe(true);
      else expect(R.at(-1)!).toBeGreaterThan(0);
    }
  });

  it("social: reach and customers add up over the circles, conversions over their sources, impressions narrow to reach", () => {
    const s = short("three-stages", 60);
    const world = buildWorld(s, 0);
    for (const plan of s.plans) {
      const { series } = runPlan(world, plan);
      const col = (m: string) => column(series, m);
      expect([...col("reach")], plan.name).toEqual([...sumOverCircles(series, "reach")]);
      expect([...col("customers")], plan.name).toEqual([...sumOverCircles(series, "customers")]);
      expect([...col("customers")], plan.name).toEqual([...col("customersBought").map((v, t) => v + col("customersEarned")[t] + col("customersFans")[t])]);
      for (let t = 0; t < series.rows; t++) {
        expect(col("reach")[t]).toBeLessThanOrEqual(col("realImpressions")[t]);
        expect(col("realImpressions")[t]).toBeLessThanOrEqual(col("reportedImpressions")[t]);
        expect(col("brandAware")[t]).toBeLessThanOrEqual(col("reach")[t]);
        expect(col("purchases")[t]).toBeGreaterThanOrEqual(col("customers")[t]);
      }
      expect(col("reach").at(-1)!, plan.name).toBeGreaterThan(0);
      expect(col("spend").at(-1)!, plan.name).toBeGreaterThan(0);
    }
  });
});
