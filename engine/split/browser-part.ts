/** Web Worker entry of split runs (browser-threads.ts): one reply per message. */
import { partServer } from "./part-server.ts";
import type { PartMessage } from "./pool.ts";

const scope = self as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent<PartMessage>) => void) | null };
const serve = partServer();
scope.onmessage = (e) => scope.postMessage(serve(e.data));
scope.postMessage("ready");
