/**
 * A pool of engine workers over worker_threads, each holding the comlink EngineApi. Tasks are
 * dispatched in the order given and reported as they complete, with their index: callers that need
 * an order (the sweep writes rows by run index) sort by it, never by completion.
 */
import type { Remote } from "comlink";
import { EngineError } from "../errors.ts";
import type { EngineApi } from "../worker/api.ts";
import { createEngineApi } from "../worker/engine-api.ts";
import { startNodeEngine, type NodeEngine } from "./worker-client.ts";

/** The API as a task sees it: a comlink proxy in a worker, or the plain object in-process. */
export type Api = Remote<EngineApi> | EngineApi;

export interface Pool {
  /** Workers (0: tasks run in this thread, one at a time). */
  readonly size: number;
  /**
   * Run `call` for every index, at most IN_FLIGHT per worker at a time; `onResult` sees each result as
   * it completes. Resolves true when all finished, false when abort() stopped it (unfinished results
   * are dropped); rejects on the first failure, after stopping the rest.
   */
  run<R>(indices: readonly number[], call: (api: Api, index: number) => Promise<R>, onResult: (index: number, result: R) => void): Promise<boolean>;
  /** Stop now: in-flight tasks are abandoned (their workers terminated). */
  abort(): void;
  close(): Promise<void>;
}

/**
 * Tasks each worker holds at once. A worker runs its tasks one after the other; the second waits in its
 * queue, so that the worker starts it as soon as the first ends instead of idling while the result
 * travels back, this thread records it, and the next task travels out.
 */
export const IN_FLIGHT = 2;

/** `size` worker threads; size 0 runs in this thread (tests, debugging). */
export function createPool(size: number): Pool {
  return size === 0 ? inlinePool() : workerPool(size);
}

function workerPool(size: number): Pool {
  let engines: NodeEngine[] = Array.from({ length: size }, () => startNodeEngine());
  let aborted = false;
  let stop: (() => void) | undefined;
  const terminate = async () => {
    const all = engines;
    engines = [];
    await Promise.all(all.map((e) => e.terminate()));
  };
  return {
    size,
    run(indices, call, onResult) {
      aborted = false;
      let next = 0;
      return new Promise<boolean>((resolve, reject) => {
        let settled = false;
        // A pool runs many batches (a calibration's generations): each run's listeners go when it settles.
        const listeners: (() => void)[] = [];
        const finish = (ok: boolean, err?: unknown) => {
          if (settled) return;
          settled = true;
          for (const off of listeners) off();
          if (err !== undefined) void terminate().then(() => reject(err));
          else resolve(ok);
        };
        stop = () => finish(false);
        let busy = 0;
        const pump = (engine: NodeEngine) => {
          if (settled || aborted) return;
          if (next >= indices.length) {
            if (busy === 0) finish(true);
            return;
          }
          const index = indices[next++];
          busy++;
          const done = (r: Parameters<typeof onResult>[1]) => {
            busy--;
            if (settled) return;
            try {
              onResult(index, r);
            } catch (e) {
              return finish(false, e);
            }
            pump(engine);
          };
          Promise.resolve()
            .then(() => call(engine.api, index))
            .then(done, (e) => finish(false, e));
        };
        for (const engine of engines) {
          const died = (why: string) => finish(false, new EngineError(`a worker thread stopped: ${why}`));
          const onError = (e: unknown) => died((e as Error).message);
          const onExit = (code: number) => {
            if (!aborted) died(`exit code ${code}`);
          };
          engine.worker.once("error", onError);
          engine.worker.once("exit", onExit);
          listeners.push(() => {
            engine.worker.off("error", onError);
            engine.worker.off("exit", onExit);
          });
          for (let k = 0; k < IN_FLIGHT; k++) pump(engine);
        }
        if (indices.length === 0) finish(true);
      });
    },
    abort() {
      aborted = true;
      void terminate();
      stop?.();
    },
    close: terminate,
  };
}

function inlinePool(): Pool {
  const api = createEngineApi();
  let aborted = false;
  return {
    size: 0,
    async run(indices, call, onResult) {
      aborted = false;
      for (const index of indices) {
        // Yield between runs so signals (SIGINT) can be handled.
        await new Promise((resolve) => setImmediate(resolve));
        if (aborted) return false;
        onResult(index, await call(api, index));
      }
      return true;
    },
    abort() {
      aborted = true;
    },
    close: async () => {},
  };
}
