/**
 * Runs split across worker_threads, all parts on the same SharedArrayBuffers: W threads on
 * node-part.ts run the parts, this thread waits (pool.ts).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { SimulateOptions, Simulation } from "../experiment/simulate.ts";
import { partPool, type PartPool, type PartReply, type PartThread } from "./pool.ts";
import { simulateSplitOn, type SplitThreads } from "./replicates.ts";

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

/** A part thread on node-part.ts; its Worker is there for tests that must kill it. */
export interface NodePartThread extends PartThread {
  readonly worker: Worker;
}

/** Start a part thread and wait until it is ready. */
export async function startPartThread(): Promise<NodePartThread> {
  const worker = new Worker(workerEntryUrl("./node-part.ts", import.meta.url));
  await new Promise<void>((resolve, reject) => (worker.once("message", () => resolve()), worker.once("error", reject)));
  let stopping = false;
  return {
    worker,
    post: (m) => worker.postMessage(m),
    listen(onReply, onDeath) {
      worker.on("message", (r: PartReply) => onReply(r));
      worker.on("error", (e: Error) => onDeath(`failed: ${e.message}`));
      worker.on("exit", (code) => stopping || onDeath(`exited (code ${code})`));
    },
    terminate: () => ((stopping = true), worker.terminate()),
  };
}

// Spinning at a barrier only helps when every thread has a core; otherwise it steals the core the others need.
const spinsFor = (workers: number) => (workers <= availableParallelism() ? undefined : 0);

/** W part threads for split runs. */
export async function startPool(workers: number): Promise<PartPool> {
  return partPool(await Promise.all(Array.from({ length: workers }, startPartThread)), { spins: spinsFor(workers) });
}

/** Node's threads for split runs. */
export const nodeThreads: SplitThreads = { start: startPool };

/** simulate() with each run split across `workers` worker threads (social and IC scenarios); the same Simulation, bit for bit. */
export function simulateSplit(scenario: Scenario, workers: number, opts: SimulateOptions = {}): Promise<Simulation> {
  return simulateSplitOn(scenario, workers, opts, nodeThreads);
}
