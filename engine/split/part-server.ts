/**
 * The thread side of split runs, for any thread (Node: engine/split/node-part.ts, browser:
 * browser-part.ts): a social part per message, answered with its counts (typed arrays transferred);
 * or the Independent Cascade runs on the memory it is posted, until released. An IC part that fails
 * reports first and then raises the abort flag: the driver reads the report once it sees the flag.
 */
import { abortSplit, serveCascadeParts } from "./cascade-part.ts";
import { socialPartServer, type SocialPartMessage, type SocialPartReply } from "./pool.ts";
import type { SplitPart } from "./cascade-pool.ts";

export interface PartChannel {
  reply(r: SocialPartReply, transfer: ArrayBuffer[]): void;
  reportCascadeError(message: string): void;
}

export function partServer(channel: PartChannel): (m: SplitPart | SocialPartMessage) => void {
  const social = socialPartServer();
  return (m) => {
    if ("kind" in m) {
      const r = social(m);
      channel.reply(r, "part" in r ? [r.part.series.values.buffer as ArrayBuffer, r.part.series.circleValues.buffer as ArrayBuffer] : []);
      return;
    }
    try {
      serveCascadeParts(m.shared, m.index);
    } catch (e) {
      channel.reportCascadeError(`worker ${m.index}: ${(e as Error).message}`);
      abortSplit(m.shared);
    }
  };
}
