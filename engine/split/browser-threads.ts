/**
 * Runs split across Web Workers started from the engine's own worker, on browser-part.ts: social
 * runs (social-pool.ts) and Independent Cascade runs (split-pool.ts). Shared memory needs a
 * cross-origin isolated page (COOP/COEP headers, which `npm start` and the dev server send);
 * elsewhere cannotSplit says why a run stays on one thread.
 */
import { socialPool, type AsyncPartThread, type SocialPartMessage, type SocialPartReply } from "./pool.ts";
import { splitPool, type PartThread, type SplitPart } from "./cascade-pool.ts";
import type { SplitSupport } from "./replicates.ts";

/** Why a run cannot be split here, or undefined when it can. */
export function cannotSplit(): string | undefined {
  if (typeof SharedArrayBuffer === "undefined" || !globalThis.crossOriginIsolated) return "the page is not cross-origin isolated, so workers cannot share memory";
  return undefined;
}

type BrowserPart = PartThread & AsyncPartThread & { post(m: SplitPart | SocialPartMessage): void };

function startPart(): Promise<BrowserPart> {
  const worker = new Worker(new URL("./browser-part.ts", import.meta.url), { type: "module", name: "circlecast-part" });
  // The driver waits asynchronously, so an Independent Cascade part's error message has arrived by the time it looks.
  const errors: string[] = [];
  const replies: ((r: SocialPartReply) => void)[] = [];
  const deaths: ((why: string) => void)[] = [];
  return new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error(`a part worker did not start: ${e.message}`));
    worker.onmessage = () => {
      worker.onmessage = ({ data }: MessageEvent<SocialPartReply | { icError: string }>) => {
        if ("icError" in data) errors.push(data.icError);
        else for (const fn of replies) fn(data);
      };
      worker.onerror = (e) => {
        e.preventDefault();
        for (const fn of deaths) fn(`failed: ${e.message}`);
      };
      resolve({
        post: (m) => worker.postMessage(m),
        takeError: () => errors.shift(),
        onDeath: (fn) => void deaths.push(fn),
        listen(onReply, onDeath) {
          replies.push(onReply);
          deaths.push(onDeath);
        },
        terminate: async () => worker.terminate(),
      });
    };
  });
}

const startParts = (workers: number) => Promise.all(Array.from({ length: workers }, startPart));
// Spinning at a barrier only helps when every part has a core of its own (the page and the engine's worker need one too).
const spinsFor = (workers: number) => (workers < navigator.hardwareConcurrency ? undefined : 0);

/** Split runs over Web Workers, for the engine's worker (browser.ts). */
export const browserSplit: SplitSupport = {
  cannot: cannotSplit,
  social: async (workers) => socialPool(await startParts(workers), { spins: spinsFor(workers) }),
  cascade: async (workers) => splitPool(await startParts(workers), { spins: spinsFor(workers) }),
};
