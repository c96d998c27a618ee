/** simulate: a scenario (with optional seed / replicate overrides) → summaries of every plan, with provenance. */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { RNG_SCHEME } from "../core/rng/seed.ts";
import type { CancelSignal } from "../core/run.ts";
import { MODEL_VERSION } from "../version.ts";
import { runReplicates, type Progress } from "./replicates.ts";
import { summarize, type PlanSummary } from "./summarize.ts";
import { pairedComparisons, type PairedDifference } from "./compare.ts";

export interface SimulateOptions {
  seed?: number;
  replicates?: number;
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
}

export interface Provenance {
  scenario: string;
  seed: number;
  replicates: number;
  modelVersion: string;
  rng: string;
}

export interface Simulation {
  readonly scenario: Scenario;
  readonly provenance: Provenance;
  readonly plans: PlanSummary[];
  /** Paired differences between plans (same worlds, common random numbers). */
  readonly pairs: PairedDifference[];
}

export function simulate(scenario: Scenario, opts: SimulateOptions = {}): Simulation {
  const s: Scenario = { ...scenario, seed: opts.seed ?? scenario.seed, replicates: opts.replicates ?? scenario.replicates };
  const runs = runReplicates(s, { signal: opts.signal, onProgress: opts.onProgress });
  const plans = runs.map((r) => summarize(s, r));
  return {
    scenario: s,
    provenance: { scenario: s.name, seed: s.seed, replicates: s.replicates, modelVersion: MODEL_VERSION, rng: RNG_SCHEME },
    plans,
    pairs: pairedComparisons(plans),
  };
}
