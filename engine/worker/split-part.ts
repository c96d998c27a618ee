/** Web Worker entry of a split run (split-browser.ts): serves part `index` of the runs on the memory it is posted. */
import { abortSplit, serveCascadeParts } from "../core/parallel/cascade-part.ts";
import type { SplitPart } from "./split-pool.ts";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = ({ data: { shared, index } }: MessageEvent<SplitPart>) => {
  try {
    serveCascadeParts(shared, index);
  } catch (e) {
    scope.postMessage({ error: `worker ${index}: ${(e as Error).message}` });
    abortSplit(shared);
  }
};
scope.postMessage("ready");
