/** Fully mixed SIR/SIS runs shared by the epidemic validity tests. */
import { column, type Series } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { scenario } from "./analytic.ts";

/** The series of R fully mixed replicates with `seeds` random seeds (timeStep: the scenario default unless given). */
export function runEpidemic(kind: "sir" | "sis", N: number, beta: number, gamma: number, seeds: number, H: number, R: number, timeStep?: "poisson" | "discrete"): Series[] {
  const s = scenario({
    horizon: H,
    replicates: R,
    model: { kind, beta, gamma, seeds: { random: seeds }, ...(timeStep ? { timeStep } : {}) },
    network: { kind: "complete" },
    population: { circles: [{ name: "all", size: N }] },
  });
  return runReplicates(s)[0].map((r) => r.series);
}

/** Each run's mean infected share over ticks from … H: one observation per replicate of the endemic level. */
export function endemicLevels(runs: readonly Series[], N: number, from: number, H: number): number[] {
  return runs.map((s) => {
    const c = column(s, "infected");
    let a = 0;
    for (let t = from; t <= H; t++) a += c[t];
    return a / (H - from + 1) / N;
  });
}
