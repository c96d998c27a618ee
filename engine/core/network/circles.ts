/**
 * Circle network generator: a degree-corrected stochastic block model of friendship ties
 * (Karrer & Newman 2011) plus follower ties from opinion leaders, grassroots big accounts (whose
 * pools include zombies) and the brand account. Friendship ties of each circle pair come from an
 * sfc32 stream seeded per block, follower sets from counter draws, so the two CSR passes replay the
 * same ties (docs/model.md, "Network").
 */
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import type { CirclesNetwork } from "../../../scenarios/schema/network.ts";
import type { Population } from "../population.ts";
import { buildAlias, drawAlias, type AliasTable } from "../rng/alias.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey } from "../rng/seed.ts";
import { stream } from "../rng/stream.ts";
import { buildCsr, type Csr, type EdgeBatch } from "./csr.ts";
import { accountOverlay, BLOCK_ACCOUNTS, type Accounts } from "./accounts.ts";

// Labels of the counter-draw blocks; friendship blocks use a * C + b below BLOCK_ACCOUNTS.
const BLOCK_THETA = BLOCK_ACCOUNTS + 5;
const BLOCK_FRIENDS = BLOCK_ACCOUNTS + 6;

/** Row-stochastic circle mixing matrix: given, or `inCircleShare` inside and the rest by circle size. */
export function mixingMatrix(net: CirclesNetwork, sizes: number[]): number[][] {
  if (net.mixing) return net.mixing;
  const C = sizes.length;
  const total = sizes.reduce((a, b) => a + b, 0);
  return sizes.map((own, a) => {
    const others = total - own;
    return sizes.map((sz, b) => {
      if (C === 1) return 1;
      if (a === b) return net.inCircleShare;
      return others > 0 ? ((1 - net.inCircleShare) * sz) / others : 0;
    });
  });
}

/** Mean degree of circle c: `meanDegrees[c]` when given, else `meanDegree`. */
export function circleDegree(net: CirclesNetwork, c: number): number {
  return net.meanDegrees?.[c] ?? net.meanDegree;
}

/** Degree propensities θ: Pareto with tail γ−1, capped at maxDegree/(the circle's mean degree), mean 1 per circle. */
function propensities(pop: Population, net: CirclesNetwork, key: number): Float64Array {
  const theta = new Float64Array(pop.consumers);
  const a = net.degreeExponent - 1;
  for (let c = 0; c < pop.circleCount; c++) {
    const d = circleDegree(net, c);
    const cap = d > 0 ? Math.max(1, net.maxDegree / d) : 1;
    const lo = pop.circleStart[c];
    const hi = pop.circleStart[c + 1];
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      theta[i] = Math.min(cap, Math.pow(1 - uniform(key, BLOCK_THETA, i, 0), -1 / a));
      sum += theta[i];
    }
    const mean = sum / (hi - lo);
    for (let i = lo; i < hi; i++) theta[i] /= mean;
  }
  return theta;
}

export function buildCirclesNetwork(s: Scenario, net: CirclesNetwork, pop: Population, key: number): { csr: Csr; accounts: Accounts } {
  const C = pop.circleCount;
  const sizes = s.population.circles.map((c) => c.size);
  const theta = propensities(pop, net, key);
  const tables: AliasTable[] = [];
  for (let c = 0; c < C; c++) tables.push(buildAlias(theta.subarray(pop.circleStart[c], pop.circleStart[c + 1])));
  const M = mixingMatrix(net, sizes);
  const W = net.weights;
  // Opinion leaders: each circle's members with the largest θ (ties broken by index).
  const overlay = accountOverlay(s, net, pop, key, theta);

  const emit = (out: EdgeBatch): void => {
    for (let a = 0; a < C; a++)
      for (let b = 0; b < C; b++) {
        const m = Math.round((sizes[a] * circleDegree(net, a) * M[a][b]) / 2);
        const block = a * C + b;
        const w = a === b ? W.strong : W.weak;
        const ta = tables[a], tb = tables[b];
        const la = pop.circleStart[a], lb = pop.circleStart[b];
        const rng = stream(deriveKey(key, BLOCK_FRIENDS, block)); // re-seeded in each pass: both replay the same ties
        for (let k = 0; k < m; k++) {
          const i = la + drawAlias(ta, rng(), rng());
          const j = lb + drawAlias(tb, rng(), rng());
          if (i === j) continue; // self-loops are redrawn never: they are rare and simply skipped
          out.add(i, j, w);
          out.add(j, i, w);
        }
      }
    overlay.emit(out);
  };
  return { csr: buildCsr(pop.n, emit), accounts: overlay.accounts };
}
