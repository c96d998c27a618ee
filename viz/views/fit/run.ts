/**
 * The Fit tab's runner: `circlecast calibrate`'s loop on the page's engine workers. The fit
 * (engine/experiment/calibrate.ts, abcSmc) hands out batches of simulations; each batch runs on the
 * sweep pool (one sweepRun per simulation) and its answers are filed by index, so the fit takes the
 * same path as the CLI's whatever the number of workers. The workers live for the whole fit (a
 * batch does not restart them); Cancel terminates them at once. The forecast over the posterior
 * runs likewise (`compare --posterior`).
 */
import {
  abcSmc, answerOf, forecastOf, posteriorScenarios, simulatedLevels,
  type CalibrationResult, type CalibrationStep, type Forecast, type PlanOutcome, type PosteriorSample, type PreparedCalibration, type Scenario, type SweepRunRequest, type SweepRunResponse,
} from "../../../engine/viewer.ts";
import { runPool, type PoolProgress, type PoolWorker } from "../sweep/pool.ts";

export type FitEnd =
  | { status: "done"; result: CalibrationResult; seconds: number }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

export interface FitHandle {
  readonly done: Promise<FitEnd>;
  cancel(): void;
}

/** Workers kept for a whole job: the pool's own terminate is a no-op, the job ends them. */
function keptWorkers(n: number, spawn: (i: number) => PoolWorker): { workers: PoolWorker[]; close(): void } {
  const real = Array.from({ length: n }, (_, i) => spawn(i));
  return { workers: real.map((w) => ({ sweepRun: (req: SweepRunRequest) => w.sweepRun(req), terminate: () => undefined })), close: () => real.forEach((w) => w.terminate()) };
}

/** Run one batch of requests on the kept workers; results in request order. */
async function batch<T>(
  n: number, workers: PoolWorker[], requests: SweepRunRequest[], file: (plans: PlanOutcome[]) => T,
  onProgress: (p: PoolProgress) => void, onCancel: (cancel: () => void) => void,
): Promise<{ ok: true; out: T[] } | { ok: false; cancelled: boolean; message: string }> {
  const out: T[] = new Array(requests.length);
  let failure: string | undefined;
  const pool = runPool({
    runs: requests.map((_, i) => i), workers: n, spawn: (i) => workers[i], request: (i) => requests[i],
    onResult: (i, r: Extract<SweepRunResponse, { ok: true }>) => {
      try {
        out[i] = file(r.plans);
      } catch (e) {
        failure ??= (e as Error).message;
      }
    },
    onProgress,
  });
  onCancel(() => pool.cancel());
  const end = await pool.done;
  if (end.status === "cancelled") return { ok: false, cancelled: true, message: "cancelled" };
  if (end.status === "failed") {
    const issue = end.response?.issues[0];
    return { ok: false, cancelled: false, message: issue ? `${issue.path}: ${issue.message}` : end.message };
  }
  if (failure) return { ok: false, cancelled: false, message: failure };
  return { ok: true, out };
}

export interface FitCallbacks {
  /** A batch starts: where the fit stands (generations done, the last population). */
  onStep(step: CalibrationStep): void;
  /** Progress within the batch. */
  onProgress(step: CalibrationStep, p: PoolProgress): void;
}

export function runFit(prep: PreparedCalibration, n: number, spawn: (i: number) => PoolWorker, cb: FitCallbacks): FitHandle {
  const kept = keptWorkers(n, spawn);
  let cancelled = false;
  let cancelBatch: () => void = () => undefined;
  const reuseWorlds = prep.calibration.randomNumbers === "common";
  const perTick = { every: 1, metrics: prep.metrics };
  const t0 = performance.now();

  const done = (async (): Promise<FitEnd> => {
    try {
      const fit = abcSmc(prep);
      let r = fit.next();
      while (!r.done) {
        const step = r.value;
        cb.onStep(step);
        const requests = step.requests.map((q): SweepRunRequest => ({ scenario: q.scenario, seed: q.seed, replicate: 0, plans: prep.plans, perTick, reuseWorlds }));
        const b = await batch(Math.min(n, requests.length), kept.workers, requests, (plans) => simulatedLevels(prep, plans), (p) => cb.onProgress(step, p), (c) => (cancelBatch = c));
        if (cancelled) return { status: "cancelled" };
        if (!b.ok) return { status: "failed", message: b.message };
        r = fit.next(answerOf(prep, step, b.out));
      }
      return { status: "done", result: r.value, seconds: (performance.now() - t0) / 1000 };
    } catch (e) {
      return cancelled ? { status: "cancelled" } : { status: "failed", message: (e as Error).message };
    } finally {
      kept.close();
    }
  })();
  return {
    done,
    cancel() {
      cancelled = true;
      cancelBatch();
      kept.close();
    },
  };
}

export type ForecastEnd = { status: "done"; forecast: Forecast } | { status: "cancelled" } | { status: "failed"; message: string };

/** `compare --posterior`: every plan of `scenario` over `draws` posterior draws × `replicates` worlds (the same worlds for every draw). */
export function runForecast(
  scenario: Scenario, post: PosteriorSample, o: { draws: number; replicates: number; seed: number }, n: number, spawn: (i: number) => PoolWorker,
  onProgress: (p: PoolProgress) => void,
): { done: Promise<ForecastEnd>; cancel(): void } {
  const kept = keptWorkers(n, spawn);
  let cancelBatch: () => void = () => undefined;
  let cancelled = false;
  const done = (async (): Promise<ForecastEnd> => {
    try {
      const scenarios = posteriorScenarios(scenario, post, o.draws, o.seed);
      const R = o.replicates;
      const requests = Array.from({ length: scenarios.length * R }, (_, k): SweepRunRequest => ({ scenario: scenarios[Math.floor(k / R)], seed: o.seed, replicate: k % R, reuseWorlds: true }));
      const b = await batch(Math.min(n, requests.length), kept.workers, requests, (plans) => plans, onProgress, (c) => (cancelBatch = c));
      if (cancelled) return { status: "cancelled" };
      if (!b.ok) return { status: "failed", message: b.message };
      return { status: "done", forecast: forecastOf(scenarios.map((_, d) => b.out.slice(d * R, (d + 1) * R))) };
    } catch (e) {
      return cancelled ? { status: "cancelled" } : { status: "failed", message: (e as Error).message };
    } finally {
      kept.close();
    }
  })();
  return { done, cancel: () => { cancelled = true; cancelBatch(); kept.close(); } };
}
