/**
 * A pool for Independent Cascade runs split across threads (engine/split/cascade-part.ts),
 * whatever the threads are: each of W threads runs part w. The first run on a memory is posted to the
 * threads, which then stay on it (serveCascadeParts) and are woken through Atomics for the next runs,
 * until the pool moves to another memory or closes: a replicate costs no message. The calling thread
 * only waits, asynchronously (Atomics.waitAsync on the parts' done counter), so it also sees a thread
 * that dies: it then raises the abort flag, the other parts leave their barrier, and the run fails.
 * Adapter: engine/split/node-threads.ts (worker_threads).
 */
import { EngineError } from "../errors.ts";
import { ABORT, abortBarrier, DONE, SplitAborted, STOP } from "./barrier.ts";
import { releaseParts, startNextRun } from "./cascade-part.ts";
import type { SplitShared } from "./layout.ts";
import type { SplitRunner } from "./replicates.ts";

/** The message a part thread gets for the first run on a memory. */
export interface SplitPart {
  shared: SplitShared;
  index: number;
}

/** One part thread, as an adapter sees it. */
export interface PartThread {
  post(part: SplitPart): void;
  /** The thread's error report of the failed run, if it has arrived (read synchronously). */
  takeError(): string | undefined;
  /** Register what to do when the thread dies (exit or uncaught error) other than by terminate(). */
  onDeath(fn: (why: string) => void): void;
  terminate(): Promise<unknown>;
}

export interface SplitPool extends SplitRunner {
  close(): Promise<void>;
}

/** Longest a waiting driver sleeps before it looks at the flags again (ms). */
const RECHECK_MS = 250;
const SPLIT_ABORTED = new SplitAborted().message;

/** Atomics.waitAsync (ES2024; Node ≥ 16, Chromium ≥ 87), typed here because the project's lib is ES2022. */
const waitAsync = (Atomics as unknown as {
  waitAsync(a: Int32Array, index: number, value: number, timeout: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

/** A pool over ready threads (W = threads.length); `spins` as in SplitRunner. After a failed run the pool refuses further runs. */
export function splitPool(threads: PartThread[], opts: { spins?: number } = {}): SplitPool {
  const workers = threads.length;
  let broken: string | undefined;
  let died: string | undefined;
  let attached: SplitShared | undefined;
  threads.forEach((t, w) =>
    t.onDeath((why) => {
      died ??= `worker ${w} ${why}`;
      if (attached) abortBarrier(attached.control);
    }),
  );
  return {
    workers,
    spins: opts.spins,
    async run(shared) {
      if (shared.workers !== workers) throw new RangeError(`split run laid out for ${shared.workers} workers, pool has ${workers}`);
      if (broken || died) throw new EngineError(`split run: the worker pool failed earlier (${broken ?? died})`);
      const ctl = shared.control;
      const goal = Atomics.load(ctl, DONE) + workers;
      if (shared === attached) startNextRun(shared);
      else {
        if (attached) releaseParts(attached);
        if (Atomics.load(ctl, STOP) !== 0) throw new RangeError("split run: this memory was released (or aborted); lay out a new one");
        attached = shared;
        threads.forEach((t, k) => t.post({ shared, index: k }));
      }
      for (;;) {
        const done = Atomics.load(ctl, DONE);
        if (Atomics.load(ctl, ABORT) !== 0) break;
        if (done >= goal) return;
        const wait = waitAsync(ctl, DONE, done, RECHECK_MS);
        if (wait.async) await wait.value;
      }
      // The first cause: a thread that died, else a thread's own error rather than another's SplitAborted.
      const reports = threads.map((t) => t.takeError()).filter((m) => m !== undefined);
      broken = died ?? reports.find((m) => !m.endsWith(SPLIT_ABORTED)) ?? reports[0] ?? "a worker stopped";
      throw new EngineError(`split run failed: ${broken}`);
    },
    async close() {
      if (attached) releaseParts(attached);
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
