/** simulate: a scenario (with optional seed / replicate overrides) → summaries of every plan, with provenance. */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { ImportReport } from "../../scenarios/schema/imported-graph.ts";
import { DEFAULT_CI } from "../core/collect/summary.ts";
import { RNG_SCHEME } from "../core/rng/seed.ts";
import type { CancelSignal, RunResult } from "../core/run.ts";
import { MODEL_VERSION } from "../version.ts";
import { circleTieCounts, summarizeCircleTies, type CircleTies } from "./circle-ties.ts";
import { pairedComparisons, type PairedDifference } from "./compare.ts";
import { drive, driveAsync, inThisThread, replicateLoop, type PlanRunner, type Progress, type Steps } from "./replicates.ts";
import { summarize, type PlanSummary } from "./summarize.ts";

export interface SimulateOptions {
  seed?: number;
  replicates?: number;
  /** Confidence level of each mean's interval (default 0.95). */
  ci?: number;
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
  /**
   * Results so far, after replicates 1, 2, 4, 8, … (each the simulation of that many replicates: the
   * same numbers as a run asked for that many), so a page can draw before the last replicate.
   */
  onPartial?: (partial: Simulation) => void;
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

/** The simulation as steps of the replicate loop (replicates.ts), recording each world's circle ties. */
function* steps<R extends RunResult | Promise<RunResult>>(scenario: Scenario, opts: SimulateOptions, runner: PlanRunner<R>): Steps<R, Simulation> {
  const s = withOverrides(scenario, opts);
  const ties: Float64Array[] = [];
  const onPartial = opts.onPartial;
  const onReplicate = onPartial
    ? (runs: readonly RunResult[][], k: number) => {
        const r = k + 1; // replicates done; a power of two below the total
        if ((r & (r - 1)) === 0 && r < s.replicates) onPartial(assemble({ ...s, replicates: r }, runs.map((p) => p.slice(0, r)), ties.slice(0, r), opts.ci));
      }
    : undefined;
  const runs = yield* replicateLoop(s, runner, { signal: opts.signal, onWorld: (w) => ties.push(circleTieCounts(w.net.csr, w.pop)), onReplicate });
  return assemble(s, runs, ties, opts.ci);
}

/** Runs of some replicates, as a worker returns them: runs[p][k] (plan p on the k-th index asked), and each world's circle ties. */
export interface ReplicatePieces {
  readonly runs: RunResult[][];
  readonly ties: Float64Array[];
}

/** Every plan on the replicates `indices` only, in this thread: a part of simulate()'s work. */
export function simulatePieces(scenario: Scenario, opts: SimulateOptions, indices: readonly number[]): ReplicatePieces {
  const s = withOverrides(scenario, opts);
  const ties: Float64Array[] = [];
  const runs = drive(replicateLoop(s, inThisThread, { replicates: indices, signal: opts.signal, onWorld: (w) => ties.push(circleTieCounts(w.net.csr, w.pop)) }));
  return { runs, ties };
}

/** The simulation of every replicate from pieces[r], replicate r's: the numbers simulate() gives. */
export function simulationOf(scenario: Scenario, opts: SimulateOptions, pieces: readonly ReplicatePieces[]): Simulation {
  const s = withOverrides(scenario, opts);
  if (pieces.length !== s.replicates) throw new RangeError(`simulationOf: ${pieces.length} replicate(s), expected ${s.replicates}`);
  const runs = pieces[0].runs.map((_, p) => pieces.map((x) => x.runs[p][0]));
  return assemble(s, runs, pieces.map((x) => x.ties[0]), opts.ci);
}

/** Every plan on every replicate, in this thread. */
export function simulate(scenario: Scenario, opts: SimulateOptions = {}): Simulation {
  return drive(steps(scenario, opts, inThisThread), opts.onProgress);
}

/**
 * The same computation, yielding to the event loop after every plan-run so that a worker can take a
 * cancel message (or a page can repaint). `runner` runs the plans elsewhere: engine/split/replicates.ts
 * splits each run across threads. Results are identical to simulate().
 */
export function simulateAsync(scenario: Scenario, opts: SimulateOptions & { runner?: PlanRunner } = {}): Promise<Simulation> {
  return driveAsync(steps(scenario, opts, opts.runner ?? inThisThread), opts);
}
