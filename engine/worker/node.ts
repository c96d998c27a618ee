/** worker_threads entry: the same EngineApi over comlink's Node adapter; split runs over worker_threads. */
import { parentPort } from "node:worker_threads";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { nodeThreads } from "../split/node-threads.ts";
import { exposeEngine } from "./expose.ts";

if (!parentPort) throw new Error("engine/worker/node.ts must run in a worker thread");
exposeEngine(nodeEndpoint(parentPort), nodeThreads);
