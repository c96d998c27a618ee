/**
 * Runs split across worker_threads, all parts on the same SharedArrayBuffers: W threads on
 * split-worker.ts run the parts, this thread waits (engine/split/cascade-pool.ts for Independent
 * Cascade, engine/split/pool.ts for the social model).
 */
import { availableParallelism } from "node:os";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { SimulateOptions, Simulation } from "../experiment/simulate.ts";
import { simulateSplitOn, type SplitThreads } from "./replicates.ts";
import { socialPool, type AsyncPartThread, type SocialPartMessage, type SocialPartReply, type SocialPool } from "./pool.ts";
import { splitPool, type PartThread, type SplitPart, type SplitPool } from "./cascade-pool.ts";

/**
 * The URL to start a worker thread on `entry` (a module path relative to `base`, written with .ts).
 * From dist/ the entry is plain JS. From the TypeScript sources (tests, tsx) a worker does not inherit
 * tsx's loader hooks, so a one-line module registers them and then imports the entry.
 */
export function workerEntryUrl(entry: string, base: string): URL {
  if (!base.endsWith(".ts")) return new URL(entry.replace(/\.ts$/, ".js"), base);
  const href = new URL(entry, base).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/**
 * A worker thread on split-worker.ts that runs parts of split runs, Independent Cascade (PartThread)
 * or social (AsyncPartThread); its Worker is there for tests that must kill it.
 */
export interface NodePartThread extends PartThread, AsyncPartThread {
  readonly worker: Worker;
  post(m: SplitPart | SocialPartMessage): void;
}

/** Start a part thread and wait until it is ready. */
export async function startPartThread(): Promise<NodePartThread> {
  // Independent Cascade parts report errors on a port of their own, read synchronously once the driver sees the abort flag.
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerEntryUrl("./node-part.ts", import.meta.url), { workerData: { errors: port2 }, transferList: [port2] });
  await new Promise<void>((resolve, reject) => (worker.once("message", () => resolve()), worker.once("error", reject)));
  let stopping = false;
  const onDeath = (fn: (why: string) => void) => {
    worker.on("error", (e: Error) => fn(`failed: ${e.message}`));
    worker.on("exit", (code) => stopping || fn(`exited (code ${code})`));
  };
  return {
    worker,
    post: (m: SplitPart | SocialPartMessage) => worker.postMessage(m),
    takeError: () => receiveMessageOnPort(port1)?.message as string | undefined,
    onDeath,
    listen(onReply, death) {
      worker.on("message", (r: SocialPartReply) => onReply(r));
      onDeath(death);
    },
    terminate: () => ((stopping = true), port1.close(), worker.terminate()),
  };
}

// Spinning at a barrier only helps when every thread has a core; otherwise it steals the core the others need.
const spinsFor = (workers: number) => (workers <= availableParallelism() ? undefined : 0);

const startParts = (workers: number) => Promise.all(Array.from({ length: workers }, startPartThread));

/** W part threads for Independent Cascade split runs. */
export async function startSplitPool(workers: number): Promise<SplitPool> {
  return splitPool(await startParts(workers), { spins: spinsFor(workers) });
}

/** W part threads for social split runs. */
export async function startSocialPool(workers: number): Promise<SocialPool> {
  return socialPool(await startParts(workers), { spins: spinsFor(workers) });
}

/** simulate() with each run split across `workers` worker threads (social and IC scenarios); the same Simulation, bit for bit. */
export function simulateSplit(scenario: Scenario, workers: number, opts: SimulateOptions = {}): Promise<Simulation> {
  return simulateSplitOn(scenario, workers, opts, nodeThreads);
}

/** Node's threads for split runs. */
export const nodeThreads: SplitThreads = { social: startSocialPool, cascade: startSplitPool };
