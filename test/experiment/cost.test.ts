import { describe, expect, it } from "vitest";
import { checkCost, cpuTime, DEFAULT_MAX_WORK, estimateCost } from "../../engine/experiment/cost.ts";
import { prepareSweep } from "../../engine/experiment/sweep.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { scenarioErrorOf, smallScenario, tinySweepBase } from "../helpers.ts";

const refusal = scenarioErrorOf;

describe("the cost estimate", () => {
  it("counts agents, ticks, plans and replicates as the engine will build them", () => {
    const s = smallScenario();
    const c = estimateCost(s);
    const w = buildWorld(s, 0);
    expect([c.agents, c.ticks, c.plans, c.replicates]).toEqual([w.pop.n, 41, 2, 3]);
    // Expected ties from the parameters; the generator draws them at random, so the built count is near.
    expect(Math.abs(w.net.csr.targets.length - c.ties) / c.ties).toBeLessThan(0.05);
    expect(estimateCost(s, { replicates: 30, plans: ["brand"] })).toMatchObject({ replicates: 30, plans: 1 });
  });

  it("counts ad impressions and recruits, whose numbers a scenario sets directly", () => {
    const ads = (impressions: number) =>
      estimateCost(smallScenario({ plans: [{ name: "ads", actions: [{ type: "ads", content: "piece", impressions, at: { start: 0, every: 10, count: 4 } }] }] }));
    expect(ads(1e12).draws / ads(1e6).draws).toBe(1e6);
    expect(ads(1e12).units).toBeGreaterThan(DEFAULT_MAX_WORK);
  });

  it("work above the limit is refused with the estimate and the flag that raises it", () => {
    const huge = loadScenario({ name: "huge", horizon: 100_000, replicates: 100_000, population: { circles: [{ name: "a", size: 1_000_000 }] } });
    const msg = refusal(() => checkCost(estimateCost(huge), { work: DEFAULT_MAX_WORK, memory: 2 ** 50 }, "huge.json"));
    expect(msg).toMatch(/^huge\.json is too large to start:\n {2}- --max-work: expected at most 1\.0e12 agent-tick equivalents \(≈ 5\.6 CPU-hours\); this needs 1\.0e6 agents × 100001 ticks × 1 plan\(s\) × 100000 replicate\(s\)/);
    expect(msg).toMatch(/CPU-years\), ≈ [\d.]+ GiB of memory\. Reduce it, or raise the limit with --max-work 1\.0e16$/);
    expect(refusal(() => checkCost(estimateCost(huge), { work: 1e20, memory: 2 ** 30 }, "huge.json"))).toContain("raise the limit with --max-memory");
  });

  it("prints time in the largest fitting unit", () => {
    expect([1e6, 5e7 * 90, 5e7 * 3600 * 30, 5e7 * 86400 * 365.25 * 12].map(cpuTime)).toEqual([
      "under a CPU-second", "≈ 1.5 CPU-minutes", "≈ 1.3 CPU-days", "≈ 12 CPU-years",
    ]);
  });
});

describe("a sweep's size and cost are checked before its points are listed", () => {
  const sweep = (design: unknown, parameters: unknown[]) => ({ name: "big", base: tinySweepBase, parameters, design });
  const limits = { work: DEFAULT_MAX_WORK, memory: 2 ** 40 };

  it("ten million random points of a small scenario are refused by their cost, naming the flag", () => {
    const msg = refusal(() => prepareSweep(sweep({ kind: "random", points: 10_000_000 }, [{ path: "circles.a.fatigueRate", min: 0, max: 1 }]), { limits }));
    expect(msg).toContain("× 1.0e7 run(s)");
    expect(msg).toContain("raise the limit with --max-work");
  });

  it("a parameter that grows the population makes every run as costly as its largest value", () => {
    const small = prepareSweep(sweep({ kind: "random", points: 10 }, [{ path: "circles.a.size", values: [400] }]));
    const grown = prepareSweep(sweep({ kind: "random", points: 10 }, [{ path: "circles.a.size", values: [400, 40_000] }]));
    expect(grown.cost.units / small.cost.units).toBeGreaterThan(20);
  });

  it("grid steps beyond the run limit are refused by the schema; a long integer grid is counted without listing it", () => {
    expect(refusal(() => prepareSweep(sweep({ kind: "grid" }, [{ path: "circles.a.fatigueRate", min: 0, max: 1, steps: 1e9 }])))).toContain("parameters[0].steps: got 1000000000, expected a number ≤ 10000000");
    const msg = refusal(() => prepareSweep(sweep({ kind: "grid" }, [{ path: "horizon", min: 1, max: 20, integer: true, steps: 5_000_000 }]), { limits: { work: 1e6, memory: 2 ** 40 } }));
    expect(msg).toContain("× 20 run(s)"); // 5 million steps round to the 20 whole numbers from 1 to 20
  });
});
