/** worker_threads entry of a split run (split-run.ts): serves part `index` of the runs on the memory it is posted. */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { abortSplit, serveCascadeParts } from "../core/parallel/cascade-part.ts";
import type { SplitPart } from "../worker/split-pool.ts";

const errors = (workerData as { errors: MessagePort }).errors;
parentPort!.on("message", ({ shared, index }: SplitPart) => {
  try {
    serveCascadeParts(shared, index);
  } catch (e) {
    // Report first, then wake the others: the driver reads this port as soon as it sees the abort.
    errors.postMessage(`worker ${index}: ${(e as Error).message}`);
    abortSplit(shared);
  }
});
parentPort!.postMessage("ready");
