/** Start the engine in a Node worker thread and talk to it through the typed EngineApi. */
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { EngineApi } from "../worker/api.ts";
import { workerEntryUrl } from "../split/node-threads.ts";

export interface NodeEngine {
  api: Comlink.Remote<EngineApi>;
  /** The thread itself, for its `error` and `exit` events (a pool fails its runs when a worker dies). */
  worker: Worker;
  terminate(): Promise<number>;
}

export function startNodeEngine(): NodeEngine {
  const worker = new Worker(workerEntryUrl("../worker/node.ts", import.meta.url));
  const api = Comlink.wrap<EngineApi>(nodeEndpoint(worker));
  return { api, worker, terminate: () => worker.terminate() };
}

