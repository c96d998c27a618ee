/**
 * Runs split across Web Workers (split-pool.ts over split-part.ts). Call it inside a Web Worker (the
 * page's main thread may not block in Atomics.wait), on a cross-origin-isolated page
 * (Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp): elsewhere
 * SharedArrayBuffer does not exist, splitSupported() is false and runs stay single-threaded.
 */
import { splitPool, type PartThread, type SplitPool } from "./split-pool.ts";

/** True where runs can be split here: SharedArrayBuffer exists (cross-origin isolation) and this is a worker. */
export function splitSupported(): boolean {
  return typeof SharedArrayBuffer !== "undefined" && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof Worker !== "undefined" && typeof (globalThis as { document?: unknown }).document === "undefined";
}

/** Start W − 1 Web Workers (W ≥ 1) and wait until each is ready. */
export async function startBrowserSplitPool(workers: number): Promise<SplitPool> {
  const threads: PartThread[] = [];
  const ready: Promise<void>[] = [];
  let failure: string | undefined;
  for (let w = 1; w < workers; w++) {
    const worker = new Worker(new URL("./split-part.ts", import.meta.url), { type: "module" });
    let error: string | undefined;
    ready.push(new Promise((resolve, reject) => {
      worker.addEventListener("message", (ev: MessageEvent<"ready" | { error: string }>) => (ev.data === "ready" ? resolve() : (error = ev.data.error)));
      worker.addEventListener("error", (ev) => (reject(new Error(ev.message)), (failure ??= `worker ${w}: ${ev.message}`)));
    }));
    threads.push({ post: (part) => worker.postMessage(part), takeError: () => error, terminate: async () => worker.terminate() });
  }
  await Promise.all(ready);
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return splitPool(threads, { spins: workers <= cores ? undefined : 0, failure: () => failure });
}
