/**
 * Social runs split across Web Workers (social-pool.ts over browser-part.ts), started from the
 * engine's own worker. Shared memory needs a cross-origin isolated page (COOP/COEP headers, which
 * `npm start` and the dev server send); elsewhere splitThreads says why a run stays on one thread.
 */
import { socialPool, type AsyncPartThread, type SocialPartReply, type SocialPool } from "./social-pool.ts";

/** Why a run cannot be split here, or undefined when it can. */
export function cannotSplit(): string | undefined {
  if (typeof SharedArrayBuffer === "undefined" || !globalThis.crossOriginIsolated) return "the page is not cross-origin isolated, so workers cannot share memory";
  return undefined;
}

function startPart(): Promise<AsyncPartThread> {
  const worker = new Worker(new URL("./browser-part.ts", import.meta.url), { type: "module", name: "circlecast-part" });
  return new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`a part worker did not start: ${e.message}`));
    worker.onmessage = () =>
      resolve({
        post: (m) => worker.postMessage(m),
        listen(onReply, onDeath) {
          worker.onmessage = (e: MessageEvent<SocialPartReply>) => onReply(e.data);
          worker.onerror = (e) => (e.preventDefault(), onDeath(`failed: ${e.message}`));
        },
        terminate: async () => worker.terminate(),
      });
  });
}

/** W Web Workers for social split runs; barrier spinning only where every part has a core of its own. */
export async function startBrowserSocialPool(workers: number): Promise<SocialPool> {
  const threads = await Promise.all(Array.from({ length: workers }, startPart));
  return socialPool(threads, { spins: workers < navigator.hardwareConcurrency ? undefined : 0 });
}
