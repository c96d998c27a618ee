/**
 * A pool for social runs split across threads (engine/split/social-part.ts), whatever the
 * threads are: every part runs on a thread of its own and the calling thread only waits, without
 * blocking, so it sees a thread that dies (its exit event) and cancellation: it then raises the
 * abort flag, the other parts stop at their next barrier, and the run fails with the first cause.
 * Adapters: engine/split/node-threads.ts (worker_threads), engine/split/browser-threads.ts (Web Workers).
 */
import { EngineError } from "../errors.ts";
import { abortBarrier } from "./barrier.ts";
import { mergeParts, runSocialPart, type PartResult, type SocialJob, type SocialShared } from "./social-part.ts";
import { CancelledError, type CancelSignal, type RunResult } from "../core/run.ts";
import type { World } from "../core/world.ts";
import type { SocialSplitRunner } from "./replicates.ts";

/** What a part thread is posted for each run: the world only when it changed since the last run. */
export interface SocialPartMessage {
  readonly kind: "social";
  readonly world?: World;
  readonly planIndex: number;
  readonly shared: SocialShared;
  readonly index: number;
}

/** What a part thread answers: its part, or why it failed (`aborted`: it stopped because another part failed). */
export type SocialPartReply = { readonly index: number; readonly part: PartResult } | { readonly index: number; readonly error: string; readonly aborted: boolean };

/** One part thread, as an adapter sees it. */
export interface AsyncPartThread {
  post(message: SocialPartMessage): void;
  /** Register the handlers for the thread's replies and for its death (exit or uncaught error). */
  listen(onReply: (reply: SocialPartReply) => void, onDeath: (why: string) => void): void;
  terminate(): Promise<unknown>;
}

export interface SocialPool extends SocialSplitRunner {
  close(): Promise<void>;
}

/** How often a waiting driver looks at the cancel signal (ms). */
const CANCEL_POLL_MS = 50;

/** The thread side: run the part a message asks for (keeping the last world posted) and say how it went. */
export function socialPartServer(): (m: SocialPartMessage) => SocialPartReply {
  let world: World | undefined;
  return (m) => {
    world = m.world ?? world;
    try {
      if (!world) throw new Error("no world was posted to this thread");
      return { index: m.index, part: runSocialPart({ world, planIndex: m.planIndex }, m.shared, m.index) };
    } catch (e) {
      abortBarrier(m.shared.control);
      return { index: m.index, error: (e as Error).message, aborted: (e as Error).name === "SplitAborted" };
    }
  };
}

/** A pool over ready threads (W = threads.length). After a failed or cancelled run the pool refuses further runs. */
export function socialPool(threads: AsyncPartThread[], opts: { spins?: number } = {}): SocialPool {
  let broken: string | undefined;
  let posted: World | undefined;
  let waiting: ((w: number, outcome: { part?: PartResult; error?: string; aborted?: boolean }) => void) | undefined;
  threads.forEach((t, w) =>
    t.listen(
      (r) => waiting?.(w, "part" in r ? { part: r.part } : { error: `worker ${w}: ${r.error}`, aborted: r.aborted }),
      (why) => {
        broken ??= `worker ${w} ${why}`;
        waiting?.(w, { error: `worker ${w} ${why}` });
      },
    ),
  );
  return {
    workers: threads.length,
    spins: opts.spins,
    async run(job: SocialJob, shared: SocialShared, signal?: CancelSignal): Promise<RunResult> {
      if (shared.workers !== threads.length) throw new RangeError(`split run laid out for ${shared.workers} workers, pool has ${threads.length}`);
      if (broken) throw new EngineError(`split run: the worker pool failed earlier (${broken})`);
      const outcomes: { part?: PartResult; error?: string; aborted?: boolean }[] = new Array(threads.length);
      let settled = 0;
      let failed = false;
      const done = new Promise<void>((resolve) => {
        waiting = (w, outcome) => {
          if (outcomes[w]) return; // a thread that replied and then died
          outcomes[w] = outcome;
          if (outcome.error !== undefined && !failed) {
            failed = true;
            abortBarrier(shared.control);
          }
          if (++settled === threads.length) resolve();
        };
      });
      const world = job.world === posted ? undefined : job.world;
      posted = job.world;
      threads.forEach((t, index) => t.post({ kind: "social", world, planIndex: job.planIndex, shared, index }));
      let cancelled = false;
      const poll = signal
        ? setInterval(() => {
            if (signal.aborted && !cancelled) {
              cancelled = true;
              abortBarrier(shared.control);
            }
          }, CANCEL_POLL_MS)
        : undefined;
      try {
        await done;
      } finally {
        clearInterval(poll);
        waiting = undefined;
      }
      if (cancelled) {
        broken = "cancelled";
        throw new CancelledError();
      }
      if (failed) {
        const cause = outcomes.find((o) => o.error !== undefined && !o.aborted) ?? outcomes.find((o) => o.error !== undefined);
        broken = cause?.error ?? "a worker stopped";
        throw new EngineError(`split run failed: ${broken}`);
      }
      return mergeParts(job, outcomes.map((o) => o.part!));
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
