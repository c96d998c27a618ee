/**
 * A pool for runs split across threads (engine/core/parallel/), whatever the threads are: the calling
 * thread runs part 0 and each of W − 1 threads part w. The first run on a memory is posted to the
 * threads, which then stay on it (serveCascadeParts) and are woken through Atomics for the next runs,
 * until the pool moves to another memory or closes. run() blocks the calling thread until the run is
 * complete, so it must run where Atomics.wait is allowed: Node's main thread or a worker, a Web Worker
 * in a browser (never a page's main thread). Adapter: engine/node/split-run.ts (worker_threads).
 */
import { EngineError } from "../errors.ts";
import { SplitAborted, STOP } from "../core/parallel/barrier.ts";
import { abortSplit, releaseParts, runCascadePart, startNextRun } from "../core/parallel/cascade-part.ts";
import type { SplitShared } from "../core/parallel/split-layout.ts";
import type { SplitRunner } from "../experiment/split-replicates.ts";

/** The message a part thread gets for each run. */
export interface SplitPart {
  shared: SplitShared;
  index: number;
}

/** One part thread, as an adapter sees it. */
export interface PartThread {
  post(part: SplitPart): void;
  /** The thread's error report of the failed run, if it has arrived (read synchronously). */
  takeError(): string | undefined;
  terminate(): Promise<unknown>;
}

export interface SplitPool extends SplitRunner {
  close(): Promise<void>;
}

/**
 * A pool over ready threads (W = threads.length + 1). `failure()` reports an asynchronous failure of a
 * thread (its error event); `spins` as in SplitRunner. After a failed run the pool refuses further runs.
 */
export function splitPool(threads: PartThread[], opts: { spins?: number; failure?: () => string | undefined } = {}): SplitPool {
  const workers = threads.length + 1;
  let broken = false;
  let attached: SplitShared | undefined;
  return {
    workers,
    spins: opts.spins,
    run(shared) {
      if (shared.workers !== workers) throw new RangeError(`split run laid out for ${shared.workers} workers, pool has ${workers}`);
      const early = opts.failure?.();
      if (broken || early) throw new EngineError(`split run: the worker pool failed earlier (${early ?? "aborted"})`);
      if (shared === attached) startNextRun(shared);
      else {
        if (attached) releaseParts(attached);
        if (Atomics.load(shared.control, STOP) !== 0) throw new RangeError("split run: this memory was released (or aborted); lay out a new one");
        attached = shared;
        threads.forEach((t, k) => t.post({ shared, index: k + 1 }));
      }
      try {
        runCascadePart(shared, 0);
      } catch (e) {
        broken = true;
        abortSplit(shared);
        if (!(e instanceof SplitAborted)) throw e;
        const why = threads.map((t) => t.takeError()).find((m) => m !== undefined) ?? opts.failure?.();
        throw new EngineError(`split run failed: ${why ?? "a worker stopped"}`);
      }
    },
    async close() {
      if (attached) releaseParts(attached);
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
