/**
 * Split runs over Web Workers started from the engine's own worker, on browser-part.ts. Shared memory
 * needs a cross-origin isolated page (COOP/COEP headers, which `npm start` and the dev server send);
 * elsewhere cannot() says why a run stays on one thread.
 */
import { partPool, type PartReply, type PartThread } from "./pool.ts";
import type { SplitThreads } from "./replicates.ts";

/** Why a run cannot be split here, or undefined when it can. */
export function cannotSplit(): string | undefined {
  if (typeof SharedArrayBuffer === "undefined" || !globalThis.crossOriginIsolated) return "the page is not cross-origin isolated, so workers cannot share memory";
  return undefined;
}

function startPart(): Promise<PartThread> {
  const worker = new Worker(new URL("./browser-part.ts", import.meta.url), { type: "module", name: "circlecast-part" });
  return new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`a part worker did not start: ${e.message}`));
    worker.onmessage = () =>
      resolve({
        post: (m) => worker.postMessage(m),
        listen(onReply, onDeath) {
          worker.onmessage = ({ data }: MessageEvent<PartReply>) => onReply(data);
          worker.onerror = (e) => {
            e.preventDefault();
            onDeath(`failed: ${e.message}`);
          };
        },
        terminate: async () => worker.terminate(),
      });
  });
}

// Spinning at a barrier only helps when every part has a core of its own (the page and the engine's worker need one too).
const spinsFor = (workers: number) => (workers < navigator.hardwareConcurrency ? undefined : 0);

/** Split runs over Web Workers, for the engine's worker (engine/worker/browser.ts). */
export const browserThreads: SplitThreads = {
  cannot: cannotSplit,
  start: async (workers) => partPool(await Promise.all(Array.from({ length: workers }, startPart)), { spins: spinsFor(workers) }),
};
