// One social run split across worker threads gives the unsplit run's output, byte for byte, for any
// number of threads; a part that fails, a thread that dies and a cancel each end the run with a
// clear error instead of a hang.
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Dynamics } from "../../engine/core/dynamics.ts";
import type { SocialRun } from "../../engine/core/models/social.ts";
import { EngineError } from "../../engine/errors.ts";
import { sharedArrays } from "../../engine/core/memory.ts";
import { GENERATION } from "../../engine/split/barrier.ts";
import { layoutSocial } from "../../engine/split/social-part.ts";
import { CancelledError } from "../../engine/core/run.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { format } from "../../engine/node/format.ts";
import { readScenario } from "../../engine/node/load.ts";
import { simulateSplit, startPartThread, startPool } from "../../engine/split/node-threads.ts";
import { partPool } from "../../engine/split/pool.ts";
import { runSocialSplit } from "../../engine/split/replicates.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { ScenarioInput } from "../../scenarios/schema/scenario.ts";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/every-strategy.json", import.meta.url), "utf8")) as ScenarioInput;
const everyStrategy = loadScenario(fixture);
const json = (sim: ReturnType<typeof simulate>) => format(sim, "json", true);

describe("a social run split across threads = the plain run, byte for byte", () => {
  const want = json(simulate(everyStrategy));
  for (const W of [1, 2, 3, 4])
    it(`every strategy (ads, lookalikes, crackdown, installed base, fan club, CRM tiers, groups, crisis, waves): ${W} thread(s)`, async () => {
      expect(json(await simulateSplit(everyStrategy, W))).toBe(want);
    });

  for (const name of ["crisis", "community", "repeat-case"])
    it(`library:${name}, one replicate, 3 threads`, async () => {
      const s = { ...readScenario(`library:${name}`), replicates: 1 };
      expect(json(await simulateSplit(s, 3))).toBe(json(simulate(s)));
    });
});

describe("the split driver", () => {
  it("sees a social run as any run loop does: its range and exchange go in at construction, no phase is public", () => {
    expectTypeOf<keyof SocialRun>().toEqualTypeOf<keyof Dynamics>();
  });
});

describe("split social runs that cannot finish", () => {
  // Long enough (30,000 consumers, a year) that a kill or a cancel lands while the parts run.
  const long = loadScenario({
    ...fixture,
    horizon: 365,
    replicates: 1,
    population: { circles: fixture.population.circles.map((c) => ({ ...c, size: (c.size as number) * 4 })) },
  });
  // Resolves once the parts have passed tick 19 (a barrier before tick 0, then one a tick), so what follows lands mid-run.
  const midRun = async (control: Int32Array) => {
    while (Atomics.load(control, GENERATION) < 21) await new Promise((resolve) => setTimeout(resolve, 1));
  };
  const layout = (W: number) => {
    const world = buildWorld(long, 0, { alloc: sharedArrays });
    return { world, shared: layoutSocial(world, W, [compilePlan(world, long.plans[1], 1)]) };
  };

  it("a part that throws fails the run with that part's message; the pool then refuses to run", async () => {
    const pool = await startPool(2);
    const { world, shared } = layout(2);
    const err = await runSocialSplit(pool, { world, planIndex: 7 }, shared).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(/^split run failed: worker [01]: /);
    await expect(runSocialSplit(pool, { world, planIndex: 0 }, layout(2).shared)).rejects.toThrow(/failed earlier/);
    await pool.close();
  });

  it("a thread killed outright fails the run (no hang): the other part stops at its barrier", async () => {
    const threads = await Promise.all([startPartThread(), startPartThread()]);
    const pool = partPool(threads);
    const { world, shared } = layout(2);
    const run = runSocialSplit(pool, { world, planIndex: 1 }, shared);
    await midRun(shared.control);
    void threads[1].worker.terminate();
    await expect(run).rejects.toThrow(/^split run failed: worker 1 exited \(code 1\)$/);
    await pool.close();
  });

  it("cancel stops every part and throws CancelledError", async () => {
    const pool = await startPool(2);
    const { world, shared } = layout(2);
    const signal = { aborted: false };
    const run = runSocialSplit(pool, { world, planIndex: 1 }, shared, signal);
    await midRun(shared.control);
    signal.aborted = true;
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    await pool.close();
  });
});
