/** worker_threads entry of split runs (split-run.ts); IC errors go to their own port, read synchronously by the driver. */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { partServer } from "./part-server.ts";

const errors = (workerData as { errors: MessagePort }).errors;
parentPort!.on("message", partServer({
  reply: (r, transfer) => parentPort!.postMessage(r, transfer),
  reportCascadeError: (message) => errors.postMessage(message),
}));
parentPort!.postMessage("ready");
