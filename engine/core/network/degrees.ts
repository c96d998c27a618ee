/**
 * Degree targets of the exact-degree circle generator (docs/model.md §2.1): propensities drawn from
 * an empirical degree distribution by stratified inverse-CDF sampling (each circle's sample is the
 * distribution up to 1/N_c), and integer stub counts with a fixed total per circle, by systematic
 * rounding of the propensities or, for Pareto propensities, by multinomial draws.
 */
import type { DegreeDistribution } from "../../../scenarios/schema/network.ts";
import { buildAlias, drawAlias } from "../rng/alias.ts";
import { shuffleRange } from "../rng/samplers.ts";
import type { Rng } from "../rng/stream.ts";

/**
 * θ_i for i in [lo, hi): the distribution's inverse CDF at u_r = (π(r) + v_r) / N, with π a random
 * permutation of the N strata and v_r uniform, so every stratum of probability 1/N is hit once.
 */
export function empiricalPropensities(dist: DegreeDistribution, theta: Float64Array, lo: number, hi: number, rng: Rng): void {
  const N = hi - lo;
  const V = dist.values.length;
  const cdf = new Float64Array(V);
  let total = 0;
  for (let v = 0; v < V; v++) cdf[v] = total += dist.weights ? dist.weights[v] : 1;
  const perm = new Int32Array(N);
  for (let r = 0; r < N; r++) perm[r] = r;
  shuffleRange(perm, 0, N, rng);
  for (let r = 0; r < N; r++) {
    const u = ((perm[r] + rng()) / N) * total;
    let a = 0, b = V - 1; // first v with cdf[v] > u
    while (a < b) {
      const m = (a + b) >> 1;
      if (cdf[m] > u) b = m;
      else a = m + 1;
    }
    theta[lo + r] = dist.values[a];
  }
}

/**
 * Stub counts k_i for i in [lo, hi) summing exactly to `total`: systematic rounding of
 * θ_i·total/Σθ (each k_i is the floor or the ceiling of its share; one uniform per circle).
 */
export function roundedStubs(theta: Float64Array, k: Int32Array, lo: number, hi: number, total: number, rng: Rng): void {
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += theta[i];
  const flat = !(sum > 0);
  const scale = flat ? total / (hi - lo) : total / sum;
  let acc = rng();
  let prev = Math.floor(acc);
  const start = prev;
  for (let i = lo; i < hi; i++) {
    acc += (flat ? 1 : theta[i]) * scale;
    const next = i === hi - 1 ? start + total : Math.floor(acc); // the last step absorbs rounding drift
    k[i] = Math.max(0, next - prev);
    prev = next;
  }
}

/** Stub counts for i in [lo, hi) from `total` draws proportional to θ (multinomial: the DC-SBM's degree law). */
export function drawnStubs(theta: Float64Array, k: Int32Array, lo: number, hi: number, total: number, rng: Rng): void {
  const table = buildAlias(theta.subarray(lo, hi));
  for (let t = 0; t < total; t++) k[lo + drawAlias(table, rng(), rng())]++;
}
