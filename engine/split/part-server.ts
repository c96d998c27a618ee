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

/**
 * Serve messages on one thread, keeping the last world posted. Replies are copied, never transferred:
 * one ArrayBuffer detached in a thread makes V8 check for detachment at every typed-array access in it
 * from then on (the isolate's detaching protector), and recompile its code so.
 */
export function partServer(): (m: PartMessage) => PartReply {
  let world: World | undefined;
  return (m) => {
    try {
      if (m.kind === "ic") {
        runCascadePart(m.shared, m.index);
        return { index: m.index };
      }
      if (m.kind === "world") {
        runWorldPart(m.step);
        return { index: m.index };
      }
      world = m.world ?? world;
      if (!world) throw new Error("no world was posted to this thread");
      const part = runSocialPart({ world, planIndex: m.planIndex }, m.shared, m.index);
      return { index: m.index, part };
    } catch (e) {
      abortBarrier(m.shared.control);
      return { index: m.index, error: (e as Error).message, aborted: (e as Error).name === "SplitAborted" };
    }
  };
}
