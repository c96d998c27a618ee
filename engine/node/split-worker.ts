/**
 * worker_threads entry of split runs (split-run.ts): serves part `index` of the Independent Cascade
 * runs on the memory it is posted, or runs part `index` of one social run per message.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { abortSplit, serveCascadeParts } from "../core/parallel/cascade-part.ts";
import type { SplitPart } from "../worker/split-pool.ts";
import { socialPartServer, type SocialPartMessage } from "../worker/social-pool.ts";

const errors = (workerData as { errors: MessagePort }).errors;
const social = socialPartServer();
parentPort!.on("message", (m: SplitPart | SocialPartMessage) => {
  if ("kind" in m) {
    const reply = social(m);
    const transfer = "part" in reply ? [reply.part.series.values.buffer, reply.part.series.circleValues.buffer] : [];
    parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
    return;
  }
  try {
    serveCascadeParts(m.shared, m.index);
  } catch (e) {
    // Report first, then wake the others: the driver reads this port as soon as it sees the abort.
    errors.postMessage(`worker ${m.index}: ${(e as Error).message}`);
    abortSplit(m.shared);
  }
});
parentPort!.postMessage("ready");
