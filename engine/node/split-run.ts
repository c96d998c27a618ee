/**
 * Runs split across worker_threads, all parts on the same SharedArrayBuffers. Independent Cascade
 * (engine/worker/split-pool.ts): this thread runs part 0, W − 1 threads on split-worker.ts the
 * others. Social (engine/worker/social-pool.ts): W threads run the parts, this thread waits.
 */
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { simulateSteps, simulateStepsAsync, type SimulateOptions, type Simulation } from "../experiment/simulate.ts";
import { checkSplittable, splitReplicates, splitSocialReplicates } from "../experiment/split-replicates.ts";
import { socialPool, type AsyncPartThread, type SocialPartReply, type SocialPool } from "../worker/social-pool.ts";
import { splitPool, type PartThread, type SplitPool } from "../worker/split-pool.ts";
import { workerEntryUrl } from "./worker-client.ts";

/** Start W − 1 worker threads (W ≥ 1) and wait until each is ready. */
export async function startSplitPool(workers: number): Promise<SplitPool> {
  let failure: string | undefined;
  const threads: PartThread[] = [];
  const ready: Promise<void>[] = [];
  for (let w = 1; w < workers; w++) {
    // Errors come back on a port of their own, read synchronously (the driver is blocked in the run).
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(workerEntryUrl("./split-worker.ts"), { workerData: { errors: port2 }, transferList: [port2] });
    worker.on("error", (e: Error) => (failure ??= `worker ${w}: ${e.message}`));
    ready.push(new Promise((resolve, reject) => (worker.once("message", () => resolve()), worker.once("error", reject))));
    threads.push({
      post: (part) => worker.postMessage(part),
      takeError: () => receiveMessageOnPort(port1)?.message as string | undefined,
      terminate: () => (port1.close(), worker.terminate()),
    });
  }
  await Promise.all(ready);
  // Spinning at a barrier only helps when every thread has a core; otherwise it steals the core the others need.
  return splitPool(threads, { spins: workers <= availableParallelism() ? undefined : 0, failure: () => failure });
}

/** A worker thread that runs parts of social runs (its Worker, for tests that must kill it). */
export interface NodePartThread extends AsyncPartThread {
  readonly worker: Worker;
}

/** Start a thread on split-worker.ts for social parts and wait until it is ready. */
export async function startPartThread(): Promise<NodePartThread> {
  const { port2 } = new MessageChannel(); // split-worker.ts reports Independent Cascade errors there; social parts reply directly
  const worker = new Worker(workerEntryUrl("./split-worker.ts"), { workerData: { errors: port2 }, transferList: [port2] });
  await new Promise<void>((resolve, reject) => (worker.once("message", () => resolve()), worker.once("error", reject)));
  let stopping = false;
  return {
    worker,
    post: (m) => worker.postMessage(m),
    listen(onReply, onDeath) {
      worker.on("message", (r: SocialPartReply) => onReply(r));
      worker.on("error", (e: Error) => onDeath(`failed: ${e.message}`));
      worker.on("exit", (code) => stopping || onDeath(`exited (code ${code})`));
    },
    terminate: () => ((stopping = true), worker.terminate()),
  };
}

/** Start W worker threads for social split runs. */
export async function startSocialPool(workers: number): Promise<SocialPool> {
  const threads = await Promise.all(Array.from({ length: workers }, startPartThread));
  return socialPool(threads, { spins: workers <= availableParallelism() ? undefined : 0 });
}

/** simulate() with each run split across `workers` threads (social and IC scenarios: checkSplittable); the same Simulation, bit for bit. */
export async function simulateSplit(scenario: Scenario, workers: number, opts: SimulateOptions = {}): Promise<Simulation> {
  checkSplittable(scenario, `--threads ${workers}`);
  if (scenario.model.kind === "social") {
    const pool = await startSocialPool(workers);
    try {
      return await simulateStepsAsync(scenario, opts, (s, onWorld) => splitSocialReplicates(s, pool, onWorld, opts.signal));
    } finally {
      await pool.close();
    }
  }
  const pool = await startSplitPool(workers);
  try {
    return simulateSteps(scenario, opts, (s, onWorld) => splitReplicates(s, pool, onWorld));
  } finally {
    await pool.close();
  }
}
