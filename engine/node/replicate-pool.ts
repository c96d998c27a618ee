/**
 * A simulation's replicates spread over worker threads: each worker runs every plan on whole
 * replicates (its own worlds), and the pieces are put together in replicate order, so the numbers are
 * simulate()'s, bit for bit, whatever the worker count. `run --workers N` and `compare --workers N`.
 * Each worker compiles the engine anew (V8 shares no compiled code between threads): on 2 cores the
 * two workers and their compiler threads took 10.5–11.3 s of CPU where one thread took 8.6–8.8 s
 * (three-stages, 100 replicates: 6.1–6.5 s against 8.5 s; short jobs such as crm-tiers' compare are
 * slower on workers), so it pays for long runs on machines with cores to spare (docs/sweeps.md).
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { EngineError, ScenarioError } from "../errors.ts";
import type { Progress } from "../experiment/replicates.ts";
import { simulationOf, type ReplicatePieces, type SimulateOptions, type Simulation } from "../experiment/simulate.ts";
import { createPool } from "./pool.ts";
import { Interrupted, SIGNALS, stopOnSignals } from "./signals.ts";

/**
 * simulate(s, opts) with its replicates on `workers` threads; `raw` is the scenario JSON that `s` was
 * read from (each worker validates its own copy). Ctrl-C stops the workers and throws Interrupted.
 */
export async function simulateOnWorkers(raw: unknown, s: Scenario, workers: number, opts: Omit<SimulateOptions, "signal" | "onPartial"> = {}): Promise<Simulation> {
  const R = opts.replicates ?? s.replicates;
  const plans = s.plans.length;
  const pieces: ReplicatePieces[] = new Array(R);
  const pool = createPool(workers);
  const signals = stopOnSignals(pool);
  const progress: Progress = { done: 0, total: R * plans };
  try {
    const finished = await pool.run(
      Array.from({ length: R }, (_, r) => r),
      (api, r) => api.replicates({ scenario: raw, seed: opts.seed, replicates: opts.replicates, indices: [r] }),
      (r, res) => {
        // The worker's error again, with its headline: the message a run in this thread gives.
        if (!res.ok) throw res.issues.length ? new ScenarioError(res.issues, s.name, res.message.split("\n")[0].replace(/:$/, "")) : new EngineError(`replicate ${r}: ${res.message}`);
        pieces[r] = res.pieces;
        progress.done += plans;
        opts.onProgress?.({ ...progress });
      },
    );
    const stoppedBy = signals.stoppedBy();
    if (!finished || stoppedBy) throw new Interrupted(SIGNALS[stoppedBy ?? "SIGINT"], `${stoppedBy ?? "stopped"}: ${progress.done / plans} of ${R} replicate(s) had finished; nothing was written`);
  } finally {
    signals.release();
    await pool.close();
  }
  return simulationOf(s, opts, pieces);
}
