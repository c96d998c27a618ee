// A part thread that fails or dies does not leave the driver waiting: the run rejects with an
// EngineError naming the thread and why, and the pool refuses later runs.
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/parse.ts";
import { EngineError } from "../../engine/errors.ts";
import { sharedArrays } from "../../engine/core/network/csr.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { setCascadeJob, splitWorld, type CascadeModel } from "../../engine/split/cascade.ts";
import { ABORT, DONE, GENERATION } from "../../engine/split/barrier.ts";
import { splitPool } from "../../engine/split/cascade-pool.ts";
import { startPartThread } from "../../engine/split/node-threads.ts";

// Stands in for a part thread that throws: reports on its port, then raises the abort flag as split-worker.ts does.
const FAILING = `
const { parentPort, workerData } = require("node:worker_threads");
parentPort.on("message", ({ shared }) => {
  workerData.errors.postMessage("worker 1: out of memory (simulated)");
  Atomics.store(shared.control, ${ABORT}, 1);
  Atomics.notify(shared.control, ${GENERATION});
  Atomics.notify(shared.control, ${DONE});
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
  const shared = splitWorld(world, 2, { spins: 0 });
  setCascadeJob(shared, world, s.model as CascadeModel);
  return shared;
}

describe("split pool failure", () => {
  it("a failing part thread aborts the run with its message; the pool then refuses to run", async () => {
    const good = await startPartThread();
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(FAILING, { eval: true, workerData: { errors: port2 }, transferList: [port2] });
    await new Promise((resolve) => worker.once("message", resolve));
    const failing = { post: (p: unknown) => worker.postMessage(p), takeError: () => receiveMessageOnPort(port1)?.message as string | undefined, onDeath: () => undefined, terminate: () => worker.terminate() };
    const pool = splitPool([good, failing], { spins: 0 });
    const shared = layout(500, 20);
    const err = await pool.run(shared).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toBe("split run failed: worker 1: out of memory (simulated)");
    await expect(pool.run(shared)).rejects.toThrow(/failed earlier/);
    await pool.close();
    port1.close();
  });

  it("a thread killed outright fails the run instead of hanging it", async () => {
    const threads = [await startPartThread(), await startPartThread()];
    const pool = splitPool(threads, { spins: 0 });
    // A cascade that reaches everyone over a long horizon, run again until the kill lands.
    const shared = layout(200_000, 400);
    const runs = (async () => {
      for (;;) await pool.run(shared);
    })();
    setTimeout(() => void threads[1].worker.terminate(), 200);
    await expect(runs).rejects.toThrow(/^split run failed: worker 1 exited \(code 1\)$/);
    await pool.close();
  });

  it("checks that the memory was laid out for this many workers", async () => {
    const pool = splitPool([], {});
    const s = loadScenario({ name: "w", horizon: 5, model: { kind: "ic", seeds: [0], probability: 0.1 }, population: { circles: [{ name: "a", size: 50 }] } });
    await expect(pool.run(splitWorld(buildWorld(s, 0), 2))).rejects.toThrow(/laid out for 2 workers, pool has 0/);
  });
});
