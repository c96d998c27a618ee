// A part thread that fails or dies does not leave the driver waiting: the run rejects with an
// EngineError naming the thread and why, and the pool refuses later runs (Independent Cascade runs;
// split-social.test.ts checks the same for social runs on the same pool).
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/parse.ts";
import { EngineError } from "../../engine/errors.ts";
import { sharedArrays } from "../../engine/core/memory.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { layoutCascade } from "../../engine/split/layout.ts";
import { ABORT, GENERATION } from "../../engine/split/barrier.ts";
import { partPool, type PartReply } from "../../engine/split/pool.ts";
import { startPartThread } from "../../engine/split/node-threads.ts";
import { runCascadeSplit } from "../../engine/split/replicates.ts";

// Stands in for a part thread that throws: raises the abort flag, then replies with its error, as part-server.ts does.
const FAILING = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", ({ shared, index }) => {
  Atomics.store(shared.control, ${ABORT}, 1);
  Atomics.notify(shared.control, ${GENERATION});
  parentPort.postMessage({ index, error: "out of memory (simulated)", aborted: false });
});
parentPort.postMessage("ready");
`;

const scenario = (size: number, horizon: number) =>
  loadScenario({
    name: "fail", horizon, seed: 1, model: { kind: "ic", seeds: { random: 5 }, probability: 0.1 },
    population: { circles: [{ name: "a", size }] }, network: { kind: "circles", meanDegree: 8, brand: { followerShare: 0 } },
  });

function layout(size: number, horizon: number) {
  const s = scenario(size, horizon);
  const world = buildWorld(s, 0, { alloc: sharedArrays });
  const shared = layoutCascade(world, 2, { spins: 0 });
  return shared;
}

describe("split pool failure", () => {
  it("a failing part thread aborts the run with its message; the pool then refuses to run", async () => {
    const good = await startPartThread();
    const worker = new Worker(FAILING, { eval: true });
    await new Promise((resolve) => worker.once("message", resolve));
    const failing = { post: (p: unknown) => worker.postMessage(p), listen: (onReply: (r: PartReply) => void) => void worker.on("message", onReply), terminate: () => worker.terminate() };
    const pool = partPool([good, failing], { spins: 0 });
    const shared = layout(500, 20);
    const err = await runCascadeSplit(pool, shared).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toBe("split run failed: worker 1: out of memory (simulated)");
    await expect(runCascadeSplit(pool, layout(500, 20))).rejects.toThrow(/failed earlier/);
    await pool.close();
  });

  it("a thread killed outright fails the run instead of hanging it", async () => {
    const threads = [await startPartThread(), await startPartThread()];
    const pool = partPool(threads, { spins: 0 });
    // A cascade that reaches everyone over a long horizon, run again until the kill lands.
    const shared = layout(200_000, 400);
    const runs = (async () => {
      for (;;) await runCascadeSplit(pool, shared);
    })();
    setTimeout(() => void threads[1].worker.terminate(), 200);
    await expect(runs).rejects.toThrow(/^split run failed: worker 1 exited \(code 1\)$/);
    await pool.close();
  });

  it("checks that the memory was laid out for this many workers", async () => {
    const pool = partPool([], {});
    const s = loadScenario({ name: "w", horizon: 5, model: { kind: "ic", seeds: [0], probability: 0.1 }, population: { circles: [{ name: "a", size: 50 }] } });
    await expect(runCascadeSplit(pool, layoutCascade(buildWorld(s, 0), 2))).rejects.toThrow(/laid out for 2 workers, pool has 0/);
  });
});
