/**
 * Ties between circles: how many directed consumer-to-consumer ties of a generated network run from
 * each circle to each other one (and inside each), for the viewer's circle map. Accounts (the brand,
 * big accounts) and zombies belong to no circle and are left out.
 */
import type { Csr } from "../core/network/csr.ts";
import type { Population } from "../core/population.ts";

export interface CircleTies {
  /** Circle names, in the scenario's order. */
  readonly circles: string[];
  /** Replicates (networks) counted. */
  readonly replicates: number;
  /** mean[a * C + b]: directed ties j → i ("i hears from j") with j in circle a and i in circle b, mean over replicates. */
  readonly mean: Float64Array;
  /** The same counts in replicate 0's network. */
  readonly first: Float64Array;
}

/** counts[a * C + b]: directed ties from consumers of circle a to consumers of circle b. */
export function circleTieCounts(csr: Csr, pop: Population): Float64Array {
  const C = pop.circleCount;
  const out = new Float64Array(C * C);
  const { offsets, targets } = csr;
  const circle = pop.circle;
  const consumers = pop.consumers;
  for (let j = 0; j < consumers; j++) {
    const row = circle[j] * C;
    for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
      const i = targets[e];
      if (i < consumers) out[row + circle[i]]++;
    }
  }
  return out;
}

/** The mean over replicates (in replicate order) and replicate 0's counts. */
export function summarizeCircleTies(circles: string[], perReplicate: readonly Float64Array[]): CircleTies {
  const mean = new Float64Array(circles.length * circles.length);
  for (const counts of perReplicate) for (let k = 0; k < mean.length; k++) mean[k] += counts[k];
  for (let k = 0; k < mean.length; k++) mean[k] /= Math.max(1, perReplicate.length);
  return { circles, replicates: perReplicate.length, mean, first: Float64Array.from(perReplicate[0] ?? mean) };
}
