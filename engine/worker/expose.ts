/**
 * Wires the EngineApi to a comlink endpoint. Results come back as structured clones, their typed arrays
 * copied: transferring them would detach an ArrayBuffer in the worker, and from the first detachment on
 * V8 checks for it at every typed-array access in that thread and recompiles the engine's code so (a
 * 200-run sweep's worker ran its runs that way after the first; bench/sweep.ts). A copy of a run's
 * columns costs microseconds.
 */
import * as Comlink from "comlink";
import { createEngineApi } from "./engine-api.ts";
import type { SplitThreads } from "../split/replicates.ts";

export function exposeEngine(endpoint?: Comlink.Endpoint, split?: SplitThreads): void {
  Comlink.expose(createEngineApi(split), endpoint);
}
