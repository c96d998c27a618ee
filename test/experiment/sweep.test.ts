import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../engine/errors.ts";
import { prepareSweep, pointScenario, runOf, runRequest } from "../../engine/experiment/sweep.ts";
import { sweepRuns } from "../../engine/experiment/sweep-local.ts";
import { drive, inThisThread, replicateLoop, type PlanRunner } from "../../engine/experiment/replicates.ts";
import { WorldCache, worldBytes } from "../../engine/experiment/world-cache.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { runPlan, type RunResult } from "../../engine/core/run.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { canonicalJson, pointSeed } from "../../engine/experiment/sweep-seeds.ts";
import { planMetrics, runSweepRun } from "../../engine/experiment/sweep-run.ts";
import { libraryNames } from "../../engine/node/load.ts";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { SweepInput } from "../../scenarios/schema/sweep.ts";
import { tinySweepBase } from "../helpers.ts";

const base = tinySweepBase;

const sweep = (over: Partial<SweepInput> = {}): SweepInput => ({
  name: "t",
  base,
  parameters: [{ path: "circles.a.fatigueRate", values: [0.05, 0.2] }],
  design: { kind: "grid" },
  ...over,
});

function problems(raw: unknown): string {
  try {
    prepareSweep(raw, { source: "t.json" });
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("prepareSweep: bad sweep files fail before any run, naming the field", () => {
  it("unknown parameter paths", () => {
    expect(problems(sweep({ parameters: [{ path: "circles[0].trusst.alpha", values: [1] }, { path: "circles[0].trusst", values: [1] }, { path: "plans.nope.budget", values: [1] }] })))
      .toMatchInlineSnapshot(`
        "t.json is invalid:
          - parameters[0].path: got "circles[0].trusst.alpha", expected a field of population.circles[0] (name, size, productAffinity, trust, skepticism, activity, fatigueRate, fatigueRecovery, touchesToConvert, sharePropensity, repetitionDecay, kols, kolReach), not "trusst"
          - parameters[2].path: got "plans.nope.budget", expected an element of plans (post, fans), not "nope""
      `);
    expect(problems(sweep({ parameters: [{ path: "circles[0].trusst", values: [1] }] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters[0].path: got "circles[0].trusst", expected a path into the scenario: population.circles[0] has no field "trusst""
    `);
  });

  it("empty designs", () => {
    expect(problems(sweep({ parameters: [] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters: got [], expected at least 1 item(s)"
    `);
    expect(problems(sweep({ parameters: [{ path: "horizon", values: [] }] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters[0].values: got [], expected at least 1 item(s)"
    `);
    expect(problems(sweep({ design: { kind: "lhs", points: 0 } }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - design.points: got 0, expected a number ≥ 1"
    `);
    expect(problems(sweep({ parameters: [{ path: "horizon", min: 5, max: 10 }] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters[0].steps: missing, expected steps (a grid needs values, or min, max and steps)"
    `);
  });

  it("values of the wrong type for their path, checked by parsing the scenario they give", () => {
    expect(problems(sweep({ parameters: [{ path: "circles.a.fatigueRate", values: [0.1, "high", 3] }] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters[0].values[1]: got "high", expected a number (population.circles[0].fatigueRate)
        - parameters[0].values[2]: got 3, expected a number ≤ 1 (population.circles[0].fatigueRate)"
    `);
    expect(problems(sweep({ parameters: [{ path: "plans.fans.strategies.kolSeeding.kolsPerCircle", min: 0, max: 3, integer: true }], design: { kind: "random", points: 4 } })))
      .toMatchInlineSnapshot(`
        "t.json is invalid:
          - parameters[0].min: got 0, expected a number ≥ 1 (plans[1].strategies[0].kolsPerCircle)"
      `);
  });

  it("points whose combination is invalid, and values that break a rule elsewhere", () => {
    const both = [{ path: "circles.a.touchesToConvert.min", values: [2, 5] }, { path: "circles.a.touchesToConvert.max", values: [3, 6] }];
    expect(problems(sweep({ parameters: both }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - design: expected every point to give a valid scenario; point 2 (circles.a.touchesToConvert.min = 5, circles.a.touchesToConvert.max = 3): population.circles[0].touchesToConvert: got {"min":5,"max":3}, expected min ≤ max"
    `);
    expect(problems(sweep({ parameters: [{ path: "circles.b.name", values: ["a"] }] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - parameters[0].values[0]: got "a", expected a unique circle name (population.circles[1].name)"
    `);
  });

  it("reserved and doubly set locations, unknown plans and outputs, a bad base", () => {
    expect(problems(sweep({ parameters: [{ path: "seed", values: [1] }, { path: "circles[*].kols", values: [1] }, { name: "k", path: "circles.b.kols", values: [2] }] })))
      .toMatchInlineSnapshot(`
        "t.json is invalid:
          - parameters[0].path: got "seed", expected a model parameter: the sweep sets seed itself (sweep.seed, sweep.replicates)
          - parameters[2].path: got "circles.b.kols", expected each location set by one parameter: population.circles[1].kols is already set by parameters[1]"
      `);
    expect(problems(sweep({ plans: ["fans", "nope"], outputs: ["customers", "conversions"] }))).toMatchInlineSnapshot(`
      "t.json is invalid:
        - plans[1]: got "nope", expected a plan of the base scenario (post, fans)"
    `);
    expect(problems(sweep({ outputs: ["customers", "conversions"] }))).toContain('outputs[1]: got "conversions", expected a metric (reportedImpressions');
    expect(problems(sweep({ base: { ...base, name: "" } }))).toMatchInlineSnapshot(`
      "t.json: the base scenario is invalid:
        - base.name: got "", expected at least 1 character(s)"
    `);
    expect(problems({ ...sweep(), design: { kind: "grid", points: 3 }, replicate: 2 })).toMatchInlineSnapshot(`
      "t.json is invalid:
        - design: unknown field "points"
        - (root): unknown field "replicate""
    `);
  });
});

describe("seeds: a run's seed depends only on the master seed, the point's values and the replicate", () => {
  it("canonical JSON sorts keys at every depth and writes numbers in shortest form", () => {
    expect(canonicalJson({ b: [1.5, { y: 1, x: 2 }], a: 1e21, c: -0 })).toBe('{"a":1e+21,"b":[1.5,{"x":2,"y":1}],"c":0}');
    expect(pointSeed(1, ["t"], [{ min: 1, max: 2 }])).toBe(pointSeed(1, ["t"], [{ max: 2, min: 1 }]));
    expect(pointSeed(1, ["a", "b"], [1, 2])).toBe(pointSeed(1, ["b", "a"], [2, 1]));
    expect(pointSeed(1, ["a"], [1])).not.toBe(pointSeed(2, ["a"], [1]));
    expect(pointSeed(1, ["a"], [1])).not.toBe(pointSeed(1, ["a"], [1.0000000001]));
  });

  it("adding, removing or reordering grid points leaves every other point's seed unchanged", () => {
    const seedsOf = (values: number[]) => {
      const p = prepareSweep(sweep({ parameters: [{ path: "circles.a.fatigueRate", values }, { path: "circles.b.kols", values: [1, 2] }] }));
      return new Map(p.points.map((pt, k) => [JSON.stringify(pt), p.seeds[k]]));
    };
    const two = seedsOf([0.05, 0.2]);
    const three = seedsOf([0.2, 0.1, 0.05]);
    for (const [pt, seed] of two) expect(three.get(pt)).toBe(seed);
    expect(three.size).toBe(6);
    expect(new Set(three.values()).size).toBe(6);
  });

  it("random designs are prefix-stable: more points keep the first ones and their seeds", () => {
    const at = (points: number) => prepareSweep(sweep({ parameters: [{ path: "circles.a.fatigueRate", min: 0, max: 1 }], design: { kind: "random", points } }));
    const a = at(3);
    const b = at(5);
    expect(b.points.slice(0, 3)).toEqual(a.points);
    expect(Array.from(b.seeds.slice(0, 3))).toEqual(Array.from(a.seeds));
  });

  it("run k is point ⌊k/R⌋, replicate k mod R", () => {
    const p = prepareSweep(sweep({ replicates: 3 }));
    expect(p.runs).toBe(6);
    expect([0, 2, 3, 5].map((k) => runOf(p, k))).toEqual([
      { point: 0, replicate: 0, seed: p.seeds[0] }, { point: 0, replicate: 2, seed: p.seeds[0] },
      { point: 1, replicate: 0, seed: p.seeds[1] }, { point: 1, replicate: 2, seed: p.seeds[1] },
    ]);
  });
});

describe("a sweep run is replicate r of the point's scenario run with the point's seed", () => {
  it("equals `simulate` of the point's scenario with --seed = the point seed, for every plan", () => {
    const p = prepareSweep(sweep({ replicates: 2 }));
    const { point, replicate, seed } = runOf(p, 3);
    const s = loadScenario(pointScenario(p, point));
    expect(s.population.circles[0].fatigueRate).toBe(0.2);
    const sim = simulate(s, { seed, replicates: 2 });
    const out = runSweepRun(s, { seed, replicate });
    expect(out.map((o) => o.plan)).toEqual(["post", "fans"]);
    out.forEach((o, k) => {
      for (const m of ["customers", "reach", "spend", "roi"]) expect(o.final[m]).toBe(sim.plans[k].perReplicate[m][replicate]);
    });
    // Selecting plans does not change a plan's numbers (plans share the world, not their random draws).
    expect(runSweepRun(s, { seed, replicate, plans: ["fans"] })).toEqual([out[1]]);
  });

  it("names an over-budget plan by its place in the scenario, even when only that plan runs", () => {
    const s = loadScenario({ ...base, plans: [base.plans[0], { ...base.plans[1], budget: 1 }] });
    expect(() => runSweepRun(s, { seed: 1, replicate: 0, plans: ["fans"] })).toThrow(ScenarioError);
    try {
      runSweepRun(s, { seed: 1, replicate: 0, plans: ["fans"] });
    } catch (e) {
      expect((e as ScenarioError).issues.map((i) => i.path)).toEqual(["plans[1].budget"]);
    }
  });

  it("per-tick columns keep every n-th tick and the last", () => {
    const p = prepareSweep(sweep({ perTick: { every: 4, metrics: ["reach"] } }));
    const [o] = runSweepRun(loadScenario(pointScenario(p, 0)), { seed: p.seeds[0], replicate: 0, perTick: p.perTick, plans: ["post"] });
    expect(Array.from(o.ticks!.ticks)).toEqual([0, 4, 8, 12, 15]);
    expect(o.ticks!.metrics).toEqual(["reach"]);
    expect(o.ticks!.values[0][4]).toBe(o.final.reach);
  });
});

describe("common random numbers: every point on the same worlds, each world built once per thread", () => {
  const plansOnly = sweep({ parameters: [{ path: "plans.post.actions[0].cost", values: [1, 5, 9] }], replicates: 3, randomNumbers: "common", seed: 11 });

  it("every point's seed is the master seed, so a row replays as `run point.json --seed <master>`", () => {
    const p = prepareSweep(plansOnly);
    expect(Array.from(p.seeds)).toEqual([11, 11, 11]);
    expect(Array.from(prepareSweep({ ...plansOnly, randomNumbers: "per-point" }).seeds)).not.toContain(11);
    const { point, replicate, seed } = runOf(p, 7);
    const sim = simulate(loadScenario(pointScenario(p, point)), { seed, replicates: 3 });
    const row = [...sweepRuns(p, { runs: [7] })][0];
    row.plans.forEach((o, k) => expect(o.final.customers).toBe(sim.plans[k].perReplicate.customers[replicate]));
  });

  it("reusing worlds changes no number, and builds each replicate's world once for a plan-only sweep", () => {
    const p = prepareSweep(plansOnly);
    const fresh = Array.from({ length: p.runs }, (_, run) => {
      const { scenario, ...req } = runRequest(p, run);
      return runSweepRun(loadScenario(scenario), { ...req, reuseWorlds: false });
    });
    const cache = new WorldCache();
    const runner = { world: (s: Scenario, r: number) => cache.get(s, r), run: inThisThread.run };
    const reused = Array.from({ length: p.runs }, (_, run) => {
      const { scenario, seed, replicate } = runRequest(p, run);
      return runReplicatesWith(loadScenario(scenario), seed, replicate, runner);
    });
    expect([cache.built, cache.reused]).toEqual([3, 6]);
    // Finals of the sweep (cached worlds, this thread's cache) equal the fresh ones exactly.
    expect(JSON.stringify([...sweepRuns(p)].map((r) => r.plans))).toBe(JSON.stringify(fresh));
    expect(reused.map((runs) => runs.map((r) => Array.from(r.series.values)))).toEqual(fresh.map((_, run) => {
      const { scenario, seed, replicate } = runRequest(p, run);
      return runReplicatesWith(loadScenario(scenario), seed, replicate, inThisThread).map((r) => Array.from(r.series.values));
    }));
  });

  it("a world is kept only within the byte budget; a world of another network is built anew", () => {
    const s = loadScenario(base);
    const small = new WorldCache(worldBytes(buildWorld(s, 0)) - 1);
    small.get(s, 0);
    small.get(s, 0);
    expect([small.built, small.reused]).toEqual([2, 0]);
    const cache = new WorldCache();
    cache.get(s, 0);
    cache.get({ ...s, plans: s.plans.slice(1) }, 0);
    cache.get({ ...s, network: { ...s.network, meanDegree: 6 } } as Scenario, 0);
    cache.get(s, 1);
    expect([cache.built, cache.reused]).toEqual([3, 1]);
  });
});

function runReplicatesWith(s: Scenario, seed: number, replicate: number, runner: PlanRunner<RunResult>): RunResult[] {
  return drive(replicateLoop({ ...s, seed }, runner, { replicates: [replicate] })).map(([r]) => r);
}

describe("the metrics a sweep can name (planMetrics)", () => {
  it("are the columns a run of each plan has, for every built-in scenario, without making the run", () => {
    let plans = 0;
    for (const name of libraryNames()) {
      const s = loadScenario(JSON.parse(readFileSync(`${LIBRARY_DIR}/${name}.json`, "utf8")));
      const world = buildWorld(s, 0);
      for (const [p, known] of planMetrics(s).entries()) {
        const run = runPlan(world, s.plans[p], { planIndex: p });
        expect(known.metrics, `${name}, plan ${known.plan}`).toEqual([...run.series.metrics]);
        expect(known.circleMetrics, `${name}, plan ${known.plan}`).toEqual([...run.series.circleMetrics]);
        plans++;
      }
    }
    expect(plans).toBeGreaterThan(20);
  });
});
