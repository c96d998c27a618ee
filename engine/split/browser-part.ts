/** Web Worker entry of split runs (browser-split.ts); an IC part's error is posted as { icError }. */
import { partServer } from "./part-server.ts";
import type { SocialPartMessage } from "./pool.ts";
import type { SplitPart } from "./cascade-pool.ts";

const scope = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<SocialPartMessage | SplitPart>) => void) | null };
const serve = partServer({
  reply: (r, transfer) => scope.postMessage(r, transfer),
  reportCascadeError: (icError) => scope.postMessage({ icError }),
});
scope.onmessage = (e) => serve(e.data);
scope.postMessage("ready");
