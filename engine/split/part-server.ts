/**
 * The thread side of split runs, for any thread (Node: node-part.ts, browser: browser-part.ts): run
 * the part a message asks for and say how it went. A part that fails raises the abort flag first, so
 * the other parts leave their barrier instead of waiting for it.
 */
import type { World } from "../core/world.ts";
import { abortBarrier } from "./barrier.ts";
import { runCascadePart } from "./cascade-part.ts";
import type { PartMessage, PartReply } from "./pool.ts";
import { runSocialPart } from "./social-part.ts";
import { runWorldPart } from "./world-part.ts";

/** Serve messages on one thread, keeping the last world posted; each answer comes with the buffers to transfer. */
export function partServer(): (m: PartMessage) => { reply: PartReply; transfer: ArrayBuffer[] } {
  let world: World | undefined;
  return (m) => {
    try {
      if (m.kind === "ic") {
        runCascadePart(m.shared, m.index);
        return { reply: { index: m.index }, transfer: [] };
      }
      if (m.kind === "world") {
        runWorldPart(m.step);
        return { reply: { index: m.index }, transfer: [] };
      }
      world = m.world ?? world;
      if (!world) throw new Error("no world was posted to this thread");
      const part = runSocialPart({ world, planIndex: m.planIndex }, m.shared, m.index);
      return { reply: { index: m.index, part }, transfer: [part.series.values.buffer as ArrayBuffer, part.series.circleValues.buffer as ArrayBuffer] };
    } catch (e) {
      abortBarrier(m.shared.control);
      return { reply: { index: m.index, error: (e as Error).message, aborted: (e as Error).name === "SplitAborted" }, transfer: [] };
    }
  };
}
