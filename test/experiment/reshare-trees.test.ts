/** Reshare trees (engine/experiment/reshare-trees.ts): the share listener changes nothing, and every logged share hangs from the post or an earlier share. */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/parse.ts";
import { column, createCollector } from "../../engine/core/collect/collector.ts";
import { SocialRun } from "../../engine/core/models/social.ts";
import { runPlan } from "../../engine/core/run.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { reshareTree, runWithShareLog } from "../../engine/experiment/reshare-trees.ts";
import { treeMeasures } from "../../engine/networks/cascade-trees.ts";

const scenario = loadScenario({
  name: "reshare-trees",
  horizon: 30,
  seed: 3,
  replicates: 1,
  population: { circles: [{ name: "a", size: 600, sharePropensity: 0.25 }, { name: "b", size: 400, sharePropensity: 0.25 }] },
  network: { kind: "circles", bigAccounts: { count: 1, followers: 1000, zombieShare: 0 } },
  product: { price: 1, fanProbability: 0 },
  plans: [{ name: "seeded-post", strategies: [{ type: "buyReposts", at: 0, pricePerRepost: 0, content: { id: "post", quality: 0.8 } }] }],
});

describe("reshare trees", () => {
  const world = buildWorld(scenario, 0);
  const log = runWithShareLog(world);

  it("listening changes nothing: the run's series are runPlan's, and it logs every share the run counts", () => {
    const plan = scenario.plans[0];
    const run = new SocialRun(world, compilePlan(world, plan, 0), undefined, () => {});
    const collector = createCollector(run, scenario.horizon + 1, world.pop.circleCount);
    for (let t = 0; t <= scenario.horizon; t++) (run.tick(t), collector.collect(t));
    const plain = runPlan(world, plan).series;
    expect(collector.series.metrics).toEqual(plain.metrics);
    expect(Array.from(collector.series.values)).toEqual(Array.from(plain.values));
    expect(Array.from(collector.series.circleValues)).toEqual(Array.from(plain.circleValues));
    expect(log.sharer.length).toBe(column(plain, "shares")[scenario.horizon]); // no fans here, so every share is a reader's
    expect(log.sharer.length).toBeGreaterThan(50);
  });

  it("every share was seen from the posting account or from an earlier sharer of the same message", () => {
    const account = world.pop.bigAccountStart;
    const firstShare = new Map<number, number>();
    for (let k = 0; k < log.sharer.length; k++) {
      const from = log.from[k];
      if (from !== account) expect(firstShare.get(from)).toBeLessThan(log.tick[k]);
      if (!firstShare.has(log.sharer[k])) firstShare.set(log.sharer[k], log.tick[k]);
    }
    const { tree, agents } = reshareTree(log, 0, account);
    expect(agents[0]).toBe(account);
    expect(tree.parent.length).toBe(firstShare.size + 1); // the account and each distinct sharer
    for (let v = 1; v < tree.parent.length; v++) {
      const k = log.sharer.indexOf(agents[v]);
      expect(agents[tree.parent[v]]).toBe(log.from[k]);
    }
    const m = treeMeasures(tree);
    expect(m.depth).toBeGreaterThan(1);
  });
});
