// A part thread that fails does not leave the driver waiting at a barrier: the run throws an EngineError
// with the thread's report, and the pool refuses later runs.
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../scenarios/parse.ts";
import { EngineError } from "../../engine/errors.ts";
import { sharedArrays } from "../../engine/core/network/csr.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { setCascadeJob, splitWorld, type CascadeModel } from "../../engine/core/parallel/split-cascade.ts";
import { ABORT, GENERATION } from "../../engine/core/parallel/barrier.ts";
import { splitPool } from "../../engine/worker/split-pool.ts";

// Stands in for a part thread that throws: reports on its port, then raises the abort flag as split-worker.ts does.
const FAILING = `
const { parentPort, workerData } = require("node:worker_threads");
parentPort.on("message", ({ shared }) => {
  workerData.errors.postMessage("worker 1: out of memory (simulated)");
  Atomics.store(shared.control, ${ABORT}, 1);
  Atomics.notify(shared.control, ${GENERATION});
});
parentPort.postMessage("ready");
`;

describe("split pool failure", () => {
  it("a failing part thread aborts the run with its message; the pool then refuses to run", async () => {
    const s = loadScenario({
      name: "fail", horizon: 20, seed: 1, model: { kind: "ic", seeds: { random: 5 }, probability: 0.1 },
      population: { circles: [{ name: "a", size: 500 }] }, network: { kind: "circles", meanDegree: 8, brand: { followerShare: 0 } },
    });
    const world = buildWorld(s, 0, { alloc: sharedArrays });
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(FAILING, { eval: true, workerData: { errors: port2 }, transferList: [port2] });
    await new Promise((resolve) => worker.once("message", resolve));
    const pool = splitPool([{ post: (p) => worker.postMessage(p), takeError: () => receiveMessageOnPort(port1)?.message as string | undefined, terminate: () => worker.terminate() }], { spins: 0 });
    const shared = splitWorld(world, 2, { spins: 0 });
    setCascadeJob(shared, world, s.model as CascadeModel);
    const run = () => pool.run(shared);
    let first: unknown;
    try {
      run();
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(EngineError);
    expect((first as Error).message).toBe("split run failed: worker 1: out of memory (simulated)");
    expect(run).toThrow(/failed earlier/);
    await pool.close();
    port1.close();
  });

  it("checks that the memory was laid out for this many workers", async () => {
    const pool = splitPool([], {});
    const s = loadScenario({ name: "w", horizon: 5, model: { kind: "ic", seeds: [0], probability: 0.1 }, population: { circles: [{ name: "a", size: 50 }] } });
    expect(() => pool.run(splitWorld(buildWorld(s, 0), 2))).toThrow(/laid out for 2 workers, pool has 1/);
  });
});
