/** simulate: a scenario (with optional seed / replicate overrides) → summaries of every plan, with provenance. */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { ImportReport } from "../../scenarios/schema/imported-graph.ts";
import { DEFAULT_CI } from "../core/collect/summary.ts";
import { RNG_SCHEME } from "../core/rng/seed.ts";
import { CancelledError, type CancelSignal, type RunResult } from "../core/run.ts";
import type { World } from "../core/world.ts";
import { MODEL_VERSION } from "../version.ts";
import { circleTieCounts, summarizeCircleTies, type CircleTies } from "./circle-ties.ts";
import { pairedComparisons, type PairedDifference } from "./compare.ts";
import { replicateSteps, type Progress } from "./replicates.ts";
import { summarize, type PlanSummary } from "./summarize.ts";

export interface SimulateOptions {
  seed?: number;
  replicates?: number;
  /** Confidence level of each mean's interval (default 0.95). */
  ci?: number;
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
}

export interface Provenance {
  scenario: string;
  seed: number;
  replicates: number;
  modelVersion: string;
  rng: string;
  /** Confidence level of the means' intervals (Stat.ciLow, ciHigh). */
  ci: number;
  /** A file network's load report: source, counts of what was dropped or merged, where circles came from (detected: Louvain, seed). */
  network?: ImportReport;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly provenance: Provenance;
  readonly plans: PlanSummary[];
  /** Paired differences between plans (same worlds, common random numbers). */
  readonly pairs: PairedDifference[];
  /** Consumer-to-consumer ties between circles in the replicates' networks (the viewer's circle map). */
  readonly circleTies?: CircleTies;
}

function withOverrides(scenario: Scenario, opts: SimulateOptions): Scenario {
  return { ...scenario, seed: opts.seed ?? scenario.seed, replicates: opts.replicates ?? scenario.replicates };
}

function assemble(s: Scenario, runs: RunResult[][], ties: Float64Array[], ci = DEFAULT_CI): Simulation {
  const plans = runs.map((r) => summarize(s, r, ci));
  return {
    scenario: s,
    provenance: {
      scenario: s.name, seed: s.seed, replicates: s.replicates, modelVersion: MODEL_VERSION, rng: RNG_SCHEME, ci,
      ...(s.network.kind === "file" && s.network.graph ? { network: s.network.graph.report } : {}),
    },
    plans,
    pairs: pairedComparisons(plans),
    circleTies: summarizeCircleTies(s.population.circles.map((c) => c.name), ties),
  };
}

/** Plan-runs as steps (progress after each), each replicate's world reported through `onWorld`; returns runs[p][k]. */
type Steps = (s: Scenario, onWorld: (world: World) => void) => Generator<Progress, RunResult[][]>;

const inProcess = (signal?: CancelSignal): Steps => (s, onWorld) => replicateSteps(s, { signal, onWorld });

export function simulate(scenario: Scenario, opts: SimulateOptions = {}): Simulation {
  return simulateSteps(scenario, opts, inProcess(opts.signal));
}

/**
 * The same computation, yielding to the event loop after every plan-run, so that a worker can take
 * a cancel message (or a page can repaint). Results are identical to simulate().
 */
export function simulateAsync(scenario: Scenario, opts: SimulateOptions = {}): Promise<Simulation> {
  return simulateStepsAsync(scenario, opts, async function* (s, onWorld) {
    const steps = inProcess(opts.signal)(s, onWorld);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      yield step.value;
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (opts.signal?.aborted) throw new CancelledError();
    }
  });
}

/** simulateSteps over a driver that waits for its runs (social runs split across threads: split-replicates.ts). */
export async function simulateStepsAsync(
  scenario: Scenario,
  opts: SimulateOptions,
  steps: (s: Scenario, onWorld: (world: World) => void) => AsyncGenerator<Progress, RunResult[][]>,
): Promise<Simulation> {
  const s = withOverrides(scenario, opts);
  const ties: Float64Array[] = [];
  const it = steps(s, (w) => ties.push(circleTieCounts(w.net.csr, w.pop)));
  for (;;) {
    const step = await it.next();
    if (step.done) return assemble(s, step.value, ties, opts.ci);
    opts.onProgress?.(step.value);
  }
}

/**
 * simulate() over runs produced by any driver: in process (simulate), or split across workers
 * (split-replicates.ts).
 */
export function simulateSteps(scenario: Scenario, opts: SimulateOptions, steps: Steps): Simulation {
  const s = withOverrides(scenario, opts);
  const ties: Float64Array[] = [];
  const it = steps(s, (w) => ties.push(circleTieCounts(w.net.csr, w.pop)));
  for (;;) {
    const step = it.next();
    if (step.done) return assemble(s, step.value, ties, opts.ci);
    opts.onProgress?.(step.value);
  }
}
