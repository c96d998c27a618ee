/** Start the engine in a Node worker thread and talk to it through the typed EngineApi. */
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { EngineApi } from "../worker/api.ts";

export interface NodeEngine {
  api: Comlink.Remote<EngineApi>;
  /** The thread itself, for its `error` and `exit` events (a pool fails its runs when a worker dies). */
  worker: Worker;
  terminate(): Promise<number>;
}

/**
 * The URL to start a worker thread on `entry` (a module path relative to this folder, written with .ts).
 * From dist/ the entry is plain JS. From the TypeScript sources (tests, tsx) a worker does not inherit
 * tsx's loader hooks, so a one-line module registers them and then imports the entry.
 */
export function workerEntryUrl(entry: string): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL(entry.replace(/\.ts$/, ".js"), import.meta.url);
  const href = new URL(entry, import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

export function startNodeEngine(): NodeEngine {
  const worker = new Worker(workerEntryUrl("../worker/node.ts"));
  const api = Comlink.wrap<EngineApi>(nodeEndpoint(worker));
  return { api, worker, terminate: () => worker.terminate() };
}

