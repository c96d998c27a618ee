/**
 * The pool of part threads that split runs run on, whatever the threads are (Node worker_threads:
 * node-threads.ts; Web Workers: browser-threads.ts). One protocol for every model: for each run, part
 * w is posted one message and answers one reply (part-server.ts). The calling thread only waits,
 * without blocking, so it sees a thread that dies (its exit event) and cancellation: it then raises
 * the abort flag, the other parts stop at their next barrier, and the run fails with the first cause.
 * A message per part per run costs about 0.1 ms (docs/sweeps.md, "One protocol"), well under a run.
 */
import { EngineError } from "../errors.ts";
import type { World } from "../core/world.ts";
import { CancelledError, type CancelSignal } from "../core/run.ts";
import { abortBarrier } from "./barrier.ts";
import type { CascadeShared } from "./layout.ts";
import type { PartResult, SocialShared } from "./social-part.ts";
import type { WorldStep } from "./world-part.ts";

/**
 * What part `index` of a run is posted: the memory it works on and, for the social model, the plan (the
 * world only when it changed); or its round of a world's generation (world-part.ts).
 */
export type PartMessage =
  | { readonly kind: "ic"; readonly shared: CascadeShared; readonly index: number }
  | { readonly kind: "social"; readonly world?: World; readonly planIndex: number; readonly shared: SocialShared; readonly index: number }
  | { readonly kind: "world"; readonly step: WorldStep; readonly shared: { readonly workers: number; readonly control: Int32Array }; readonly index: number };

/** What a part answers: its counts (none for IC, whose counts are in shared memory), or why it failed (`aborted`: because another part failed). */
export type PartReply =
  | { readonly index: number; readonly part?: PartResult }
  | { readonly index: number; readonly error: string; readonly aborted: boolean };

/** One part thread, as the pool sees it. */
export interface PartThread {
  post(message: PartMessage): void;
  /** Register the handlers for the thread's replies and for its death (exit or uncaught error). */
  listen(onReply: (reply: PartReply) => void, onDeath: (why: string) => void): void;
  terminate(): Promise<unknown>;
}

export interface PartPool {
  readonly workers: number;
  /** Barrier spins before parking (barrier.ts DEFAULT_SPINS when undefined; 0 where threads outnumber cores). */
  readonly spins?: number;
  /** Post part w the message `message(w)` for every w of the run on `shared`, and wait for all replies: the parts' results in worker order. */
  run(message: (index: number) => PartMessage, shared: { readonly workers: number; readonly control: Int32Array }, signal?: CancelSignal): Promise<(PartResult | undefined)[]>;
  close(): Promise<void>;
}

/** How often a waiting driver looks at the cancel signal (ms). */
const CANCEL_POLL_MS = 50;

type Outcome = { part?: PartResult; error?: string; aborted?: boolean };

/** A pool over ready threads (W = threads.length). After a failed or cancelled run the pool refuses further runs. */
export function partPool(threads: PartThread[], opts: { spins?: number } = {}): PartPool {
  let broken: string | undefined;
  let waiting: ((w: number, outcome: Outcome) => void) | undefined;
  threads.forEach((t, w) =>
    t.listen(
      (r) => waiting?.(w, "error" in r ? { error: `worker ${w}: ${r.error}`, aborted: r.aborted } : { part: r.part }),
      (why) => {
        broken ??= `worker ${w} ${why}`;
        waiting?.(w, { error: `worker ${w} ${why}` });
      },
    ),
  );
  return {
    workers: threads.length,
    spins: opts.spins,
    async run(message, shared, signal) {
      if (shared.workers !== threads.length) throw new RangeError(`split run laid out for ${shared.workers} workers, pool has ${threads.length}`);
      if (broken) throw new EngineError(`split run: the worker pool failed earlier (${broken})`);
      const control = shared.control;
      const outcomes: Outcome[] = new Array(threads.length);
      let settled = 0;
      let failed = false;
      const done = new Promise<void>((resolve) => {
        waiting = (w, outcome) => {
          if (outcomes[w]) return; // a thread that replied and then died
          outcomes[w] = outcome;
          if (outcome.error !== undefined && !failed) {
            failed = true;
            abortBarrier(control);
          }
          if (++settled === threads.length) resolve();
        };
      });
      threads.forEach((t, w) => t.post(message(w)));
      let cancelled = false;
      const poll = signal
        ? setInterval(() => {
            if (signal.aborted && !cancelled) {
              cancelled = true;
              abortBarrier(control);
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
      return outcomes.map((o) => o.part);
    },
    async close() {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
