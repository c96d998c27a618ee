/**
 * Web Worker entry of a split-run part (browser-split.ts): a social part per message, answered with
 * its counts; or, for Independent Cascade, the runs on the memory it is posted until released (a
 * failure is posted as { icError } before the abort flag is raised, as split-worker.ts does in Node).
 */
import { abortSplit, serveCascadeParts } from "../core/parallel/cascade-part.ts";
import { socialPartServer, type SocialPartMessage } from "./social-pool.ts";
import type { SplitPart } from "./split-pool.ts";

const serve = socialPartServer();
const scope = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<SocialPartMessage | SplitPart>) => void) | null };
scope.onmessage = ({ data: m }) => {
  if ("kind" in m) {
    const reply = serve(m);
    scope.postMessage(reply, "part" in reply ? [reply.part.series.values.buffer as ArrayBuffer, reply.part.series.circleValues.buffer as ArrayBuffer] : []);
    return;
  }
  try {
    serveCascadeParts(m.shared, m.index);
  } catch (e) {
    scope.postMessage({ icError: `worker ${m.index}: ${(e as Error).message}` });
    abortSplit(m.shared);
  }
};
scope.postMessage("ready");
