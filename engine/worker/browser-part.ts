/** Web Worker entry of a social part (browser-split.ts): runs the part each message asks for and replies. */
import { socialPartServer, type SocialPartMessage } from "./social-pool.ts";

const serve = socialPartServer();
const scope = self as unknown as { postMessage(m: unknown, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<SocialPartMessage>) => void) | null };
scope.onmessage = (e) => {
  const reply = serve(e.data);
  scope.postMessage(reply, "part" in reply ? [reply.part.series.values.buffer as ArrayBuffer, reply.part.series.circleValues.buffer as ArrayBuffer] : []);
};
scope.postMessage("ready");
