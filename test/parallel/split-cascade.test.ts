// One Independent Cascade run split across 1–4 worker threads gives the series of the single-threaded
// cascadeDynamics bit for bit (engine/split/): generated and real networks, fixed p and per-tie
// weights, cascades cut by the horizon and cascades that die out.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { threadPools } from "./pools.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario, ScenarioInput } from "../../scenarios/schema/scenario.ts";
import { buildWorld, type World } from "../../engine/core/world.ts";
import { sharedArrays } from "../../engine/core/memory.ts";
import { runPlan } from "../../engine/core/run.ts";
import type { Series } from "../../engine/core/collect/collector.ts";
import { setCascadeJob, type CascadeModel } from "../../engine/core/models/cascade.ts";
import { cascadeSeries, splitRequests } from "../../engine/split/cascade-part.ts";
import { layoutCascade, ownerRanges } from "../../engine/split/layout.ts";
import { runCascadeSplit } from "../../engine/split/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";

const WORKERS = [1, 2, 3, 4];
const pools = threadPools(WORKERS);

function icScenario(over: Partial<ScenarioInput> & { model: ScenarioInput["model"] }): Scenario {
  return loadScenario({
    name: "split-ic",
    horizon: 60,
    seed: 3,
    population: { circles: [{ name: "a", size: 2100 }, { name: "b", size: 1400 }, { name: "c", size: 901 }] },
    network: { kind: "circles", meanDegree: 14, inCircleShare: 0.8, weights: { strong: 0.09, weak: 0.05 }, brand: { followerShare: 0.05 } },
    ...over,
  });
}

/** Every number of the series, as bits: Float64 equality would call -0 and 0 equal. */
const bits = (s: Series) => [Array.from(new BigUint64Array(s.values.slice().buffer)), Array.from(new BigUint64Array(s.circleValues.slice().buffer))];

function single(world: World) {
  return runPlan(world, world.scenario.plans[0]).series;
}

async function split(world: World, W: number) {
  const shared = layoutCascade(world, W, { spins: 0 }); // more workers than cores here: park at once
  await runCascadeSplit(pools.get(W)!, shared);
  return { series: cascadeSeries(shared), requests: splitRequests(shared), shared };
}

const last = (s: Series, m: number) => s.values[(m + 1) * s.rows - 1];

describe("IC split across workers = cascadeDynamics, bit for bit", () => {
  const cases: [string, ScenarioInput["model"], Partial<ScenarioInput>][] = [
    ["fixed p = 0.08, 10 random seeds", { kind: "ic", seeds: { random: 10 }, probability: 0.08 }, {}],
    ["per-tie weights (strong 0.09, weak 0.05), explicit seeds with a duplicate", { kind: "ic", seeds: [5, 2200, 2200, 4000] }, {}],
    ["fixed p, cut by a 4-tick horizon", { kind: "ic", seeds: { random: 20 }, probability: 0.12 }, { horizon: 4 }],
    ["subcritical p = 0.02: the cascade dies out early", { kind: "ic", seeds: { random: 30 }, probability: 0.02 }, {}],
  ];
  for (const [title, model, over] of cases)
    it(title, async () => {
      for (const seed of [3, 17, 2024]) {
        const s = icScenario({ model, ...over, seed });
        const world = buildWorld(s, 0, { alloc: sharedArrays });
        const want = single(world);
        // The shared CSR is the heap CSR (the allocator changes where arrays live, not what they hold).
        const heap = buildWorld(s, 0).net.csr;
        expect(Array.from(world.net.csr.targets)).toEqual(Array.from(heap.targets));
        expect(world.net.csr.targets.buffer).toBeInstanceOf(SharedArrayBuffer);
        for (const W of WORKERS) {
          const got = await split(world, W);
          expect(bits(got.series), `seed ${seed}, ${W} workers`).toEqual(bits(want));
          if (W > 1) expect(got.requests, "some activations crossed owners").toBeGreaterThan(0);
        }
        const spread = last(want, 0);
        if (title.startsWith("subcritical")) expect(spread).toBeLessThan(200);
        else expect(spread).toBeGreaterThan(100);
      }
    });

  it("replicates differ (the key matters) and a copied CSR gives the same result as a shared-built one", async () => {
    const s = icScenario({ model: { kind: "ic", seeds: { random: 10 }, probability: 0.08 } });
    const a = (await split(buildWorld(s, 0), 2)).series; // heap CSR: layoutCascade copies it
    const b = (await split(buildWorld(s, 1, { alloc: sharedArrays }), 2)).series;
    expect(bits(a)).toEqual(bits(single(buildWorld(s, 0))));
    expect(bits(a)).not.toEqual(bits(b));
  });

  it("more workers than agents in a range: tiny network, 4 workers", async () => {
    const s = loadScenario({
      name: "tiny-ic", horizon: 30, seed: 9,
      model: { kind: "ic", seeds: [0, 40], probability: 0.5 },
      population: { circles: [{ name: "a", size: 41 }, { name: "b", size: 30 }] },
      network: { kind: "circles", meanDegree: 6, brand: { followerShare: 0 } },
    });
    const world = buildWorld(s, 0, { alloc: sharedArrays });
    const b = ownerRanges(world.net.csr.offsets, 71, 4);
    expect(Array.from(b).every((x, k) => k === 4 || x % 32 === 0)).toBe(true);
    for (const W of WORKERS) expect(bits((await split(world, W)).series)).toEqual(bits(single(world)));
  });

  it("the series is the single run's even where a run is reused: the same memory, replicate after replicate", async () => {
    const s = icScenario({ model: { kind: "ic", seeds: { random: 10 }, probability: 0.08 } });
    const world = buildWorld(s, 0, { alloc: sharedArrays });
    const shared = layoutCascade(world, 3, { spins: 0 });
    for (const r of [0, 1, 2, 0]) {
      const w = { ...world, replicate: r, key: buildWorld(s, r).key };
      setCascadeJob(shared, w, s.model as CascadeModel);
      await runCascadeSplit(pools.get(3)!, shared);
      expect(bits(cascadeSeries(shared))).toEqual(bits(single(w)));
    }
  });
});

const DATA = resolve(import.meta.dirname, "../../../shared/data");
const hasEmail = existsSync(join(DATA, "email-eu-core"));
describe("a real network (../shared/data/email-eu-core)", () => {
  it.skipIf(!hasEmail)(hasEmail ? "email-eu-core, directed, 42 departments: 1–4 workers, fixed p and per-tie weights" : "email-eu-core (skipped: ../shared/data not found)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "circlecast-split-"));
    for (const [name, model] of [
      ["fixed", { kind: "ic", seeds: { random: 5 }, probability: 0.05 }],
      ["weights", { kind: "ic", seeds: { random: 5 } }],
    ] as const) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({
        name: `email-${name}`, horizon: 30, seed: 5, model,
        population: { circles: [] },
        network: {
          kind: "file", path: join(DATA, "email-eu-core/email-Eu-core.txt"), directed: true,
          circles: { from: "file", path: join(DATA, "email-eu-core/email-Eu-core-department-labels.txt") },
          weights: { strong: 0.12, weak: 0.04 }, brand: { followerShare: 0 },
        },
      }));
      const s = readScenario(file);
      const world = buildWorld(s, 0, { alloc: sharedArrays });
      expect(world.pop.circleCount).toBe(42);
      const want = single(world);
      expect(last(want, 0)).toBeGreaterThan(20);
      for (const W of WORKERS) expect(bits((await split(world, W)).series), `${name}, ${W} workers`).toEqual(bits(want));
    }
  });
});
