import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getPath } from "../../engine/experiment/paths.ts";
import { prepareSweep } from "../../engine/experiment/sweep.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { pathUnit, step, suggest, sweepCandidates, type Candidate } from "../../viz/views/sweep/candidates.ts";
import { candidateLocations, checkSweep, fieldOf, schemaIssues, sweepJson, untouchedPlans, type SweepBase, type SweepForm } from "../../viz/views/sweep/sweep-file.ts";
import { tinySweepBase } from "../helpers.ts";

const libraryRaw = (name: string) => JSON.parse(readFileSync(new URL(`../../scenarios/library/${name}.json`, import.meta.url), "utf8"));
const threeStages = loadScenario(libraryRaw("three-stages"));
const byName = (cs: Candidate[], name: string) => cs.find((c) => c.name === name)!;

describe("sweepable parameters of a scenario", () => {
  const cs = sweepCandidates(threeStages);

  it("offers budgets, strategy parameters, circle parameters (touches as min = max), every circle, product and network, as CLI paths by name", () => {
    expect(byName(cs, "fan-management.budget")).toMatchObject({ path: "plans.fan-management.budget", group: "Plan fan-management", current: 6000 });
    expect(byName(cs, "fan-management.kolSeeding.kolsPerCircle")).toMatchObject({ path: "plans.fan-management.strategies.kolSeeding.kolsPerCircle", current: 2 });
    expect(byName(cs, "fan-management.kolSeeding.pricePerPost").path).toBe("plans.fan-management.strategies.kolSeeding.pricePerPost");
    expect(byName(cs, "young-mothers.touchesToConvert")).toMatchObject({
      path: ["circles.young-mothers.touchesToConvert.min", "circles.young-mothers.touchesToConvert.max"], label: "touchesToConvert (min = max) · young-mothers", current: 6,
    });
    expect(byName(cs, "young-mothers.productAffinity").path).toBe("circles.young-mothers.productAffinity");
    expect(byName(cs, "students.trust.alpha")).toMatchObject({ path: "circles.students.trust.alpha", current: 5 });
    expect(byName(cs, "all.productAffinity").path).toBe("circles[*].productAffinity");
    expect(byName(cs, "product.conversionRate").path).toBe("product.conversionRate");
    expect(byName(cs, "network.meanDegree").path).toBe("network.meanDegree");
    expect(new Set(cs.map((c) => c.name)).size).toBe(cs.length);
    // Each path reads the value the candidate shows, through engine/experiment/paths.ts.
    for (const c of cs) if (c.current !== undefined) expect(getPath(threeStages, Array.isArray(c.path) ? c.path[0] : c.path), c.name).toBe(c.current);
  });

  it("asks the schema which values are whole numbers or probabilities, and names units", () => {
    expect(suggest(threeStages, byName(cs, "fan-management.kolSeeding.kolsPerCircle"))).toEqual({ integer: true, probability: false, unit: "KOLs per circle", min: 1, max: 3, steps: 3 });
    expect(suggest(threeStages, byName(cs, "young-mothers.productAffinity"))).toEqual({ integer: false, probability: true, unit: "0–1", min: 0.7, max: 1, steps: 3 });
    expect(suggest(threeStages, byName(cs, "fan-management.budget"))).toEqual({ integer: false, probability: false, unit: "currency units", min: 6000, max: 12000, steps: 3 });
    expect(suggest(threeStages, byName(cs, "young-mothers.touchesToConvert"))).toMatchObject({ integer: true, unit: "touches", min: 5, max: 7 });
    expect(pathUnit("plans.x.strategies.buyReposts.at.count")).toBe("times");
    expect(pathUnit("network.bigAccounts.count")).toBe("accounts");
  });

  it("quotes names that paths cannot hold bare, and falls back to indices for names used twice", () => {
    expect(step("fan-management")).toBe(".fan-management");
    expect(step("plan.v2")).toBe('["plan.v2"]');
    const s = loadScenario({
      ...tinySweepBase,
      plans: [{ name: "plan.v2", budget: 500, strategies: [{ type: "kolSeeding", name: "k", pricePerPost: 50, at: 2 }, { type: "kolSeeding", name: "k", pricePerPost: 60, at: 4 }] }],
    });
    const c = sweepCandidates(s);
    expect(byName(c, "plan.v2.budget").path).toBe('plans["plan.v2"].budget');
    expect(c.filter((x) => x.name === "plan.v2.k.pricePerPost").map((x) => x.path)).toEqual(['plans["plan.v2"].strategies[0].pricePerPost']);
    expect(getPath(s, 'plans["plan.v2"].strategies[0].pricePerPost')).toBe(50);
  });

  it("suggests a grid that passes every check of circlecast sweep, for every parameter of a small scenario", () => {
    const base = loadScenario(tinySweepBase);
    const all = sweepCandidates(base);
    expect(all.length).toBeGreaterThan(20);
    for (const c of all) {
      const s = suggest(base, c);
      const sweep = { name: "s", base: tinySweepBase, parameters: [{ name: c.name, path: c.path, min: s.min, max: s.max, steps: s.steps, ...(s.integer ? { integer: true } : {}) }], design: { kind: "grid" } };
      expect(() => prepareSweep(sweep), c.name).not.toThrow();
    }
  });
});

describe("the sweep form as a sweep file", () => {
  const s = loadScenario(tinySweepBase);
  const cs = sweepCandidates(s);
  const base: SweepBase = { name: "tiny", raw: tinySweepBase as unknown as Record<string, unknown>, allPlans: ["post", "fans"] };
  const form = (over: Partial<SweepForm> = {}): SweepForm => ({
    params: [{ candidate: "fans.budget", min: "2000", max: "3000", steps: "3" }, { candidate: "a.touchesToConvert", min: "1", max: "3", steps: "3" }],
    replicates: "2", seed: "7", plans: ["post", "fans"], randomNumbers: "common", ...over,
  });
  const integer = (c: Candidate) => suggest(s, c).integer;

  it("names the plans a sweep of plan parameters cannot change", () => {
    expect(untouchedPlans(["plans.fans.budget"], ["post", "fans"])).toEqual(["post"]);
    expect(untouchedPlans(["plans.fans.budget", "plans.post.actions[0].cost"], ["post", "fans"])).toEqual([]);
    expect(untouchedPlans(["plans.fans.budget", "circles.a.productAffinity"], ["post", "fans"])).toEqual([]);
    expect(untouchedPlans(['plans["fans"].budget'], ["post", "fans"])).toEqual(["post"]);
  });

  it("writes a grid over the chosen paths, the base inline or by library name, plans only when some are left out", () => {
    const f = sweepJson(form(), base, cs, integer);
    expect(f).toEqual({
      name: "tiny-sweep",
      description: "A grid over fans.budget and a.touchesToConvert of tiny, made in the Circlecast viewer.",
      base: tinySweepBase,
      parameters: [
        { name: "fans.budget", path: "plans.fans.budget", min: 2000, max: 3000, steps: 3 },
        { name: "a.touchesToConvert", path: ["circles.a.touchesToConvert.min", "circles.a.touchesToConvert.max"], min: 1, max: 3, steps: 3, integer: true },
      ],
      design: { kind: "grid" },
      replicates: 2,
      seed: 7,
      randomNumbers: "common",
    });
    const one = sweepJson(form({ params: [form().params[0], { candidate: "", min: "", max: "", steps: "" }], plans: ["fans"] }), { ...base, ref: "library:tiny" }, cs, integer);
    expect(one.base).toBe("library:tiny");
    expect(one.plans).toEqual(["fans"]);
    expect((one.parameters as unknown[]).length).toBe(1);
    const prep = prepareSweep(f);
    expect(prep.points).toHaveLength(9);
    expect(prep.points.map((p) => p[1])).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it("routes each problem to its field: schema problems as typed, the CLI's checks before a run", () => {
    const locs = form().params.map((p) => candidateLocations(s, cs.find((c) => c.name === p.candidate)));
    expect(locs).toEqual([["plans[1].budget"], ["population.circles[0].touchesToConvert.min", "population.circles[0].touchesToConvert.max"]]);
    const quick = schemaIssues(sweepJson(form({ replicates: "0", params: [{ candidate: "fans.budget", min: "3000", max: "2000", steps: "1" }, form().params[1]] }), base, cs, integer));
    expect(quick.map((i) => [fieldOf(i.path, locs), i.message])).toEqual([
      ["p0.steps", "expected a number ≥ 2"],
      ["p0.max", "expected a number > min (3000)"],
      ["replicates", "expected a number ≥ 1"],
    ]);
    expect(schemaIssues(sweepJson(form({ plans: [] }), base, cs, integer)).map((i) => fieldOf(i.path, locs))).toEqual(["plans"]);

    const load = () => undefined;
    const over = checkSweep(sweepJson(form({ params: [{ candidate: "fans.budget", min: "10", max: "3000", steps: "2" }, form().params[1]] }), base, cs, integer), load);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.issues.map((i) => [fieldOf(i.path, locs), i.message])).toEqual([["p0.min", "expected at least the planned cost 200 of the plan's strategies"]]);
    const bad = checkSweep(sweepJson(form({ params: [form().params[0], { candidate: "a.touchesToConvert", min: "1", max: "300", steps: "2" }] }), base, cs, integer), load);
    if (!bad.ok) expect(bad.issues.map((i) => [fieldOf(i.path, locs), i.message])).toEqual([["p1.max", "expected a number ≤ 255 (population.circles[0].touchesToConvert.min)"], ["p1.max", "expected a number ≤ 255 (population.circles[0].touchesToConvert.max)"]]);
    expect(bad.ok).toBe(false);
    expect(fieldOf("design", locs)).toBe("");
  });
});
