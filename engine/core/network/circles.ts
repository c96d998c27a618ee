/**
 * Circle network generator: a degree-corrected stochastic block model of friendship ties
 * (Karrer & Newman 2011) plus follower ties from opinion leaders, grassroots big accounts (whose
 * pools include zombies) and the brand account. Friendship ties of each circle pair come from an
 * sfc32 stream seeded per block, follower sets from counter draws, so the two CSR passes replay the
 * same ties (docs/model.md, "Network").
 */
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import type { CirclesNetwork } from "../../../scenarios/schema/network.ts";
import { Kind, type Population } from "../population.ts";
import { buildAlias, drawAlias, type AliasTable } from "../rng/alias.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey } from "../rng/seed.ts";
import { stream } from "../rng/stream.ts";
import { geometricFromUniform } from "../rng/samplers.ts";
import { buildCsr, type Csr, type EdgeBatch } from "./csr.ts";
import type { Accounts } from "./accounts.ts";

// Labels of the counter-draw blocks; friendship blocks use a * C + b below BLOCK_ACCOUNTS.
const BLOCK_ACCOUNTS = 1 << 30;
const BLOCK_KOL = BLOCK_ACCOUNTS + 1;
const BLOCK_BIG_REAL = BLOCK_ACCOUNTS + 2;
const BLOCK_BIG_ZOMBIE = BLOCK_ACCOUNTS + 3;
const BLOCK_BRAND = BLOCK_ACCOUNTS + 4;
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

/** Degree propensities θ: Pareto with tail γ−1, capped at maxDegree/meanDegree, mean 1 per circle. */
function propensities(pop: Population, net: CirclesNetwork, key: number): Float64Array {
  const theta = new Float64Array(pop.consumers);
  const cap = net.meanDegree > 0 ? Math.max(1, net.maxDegree / net.meanDegree) : 1;
  const a = net.degreeExponent - 1;
  for (let c = 0; c < pop.circleCount; c++) {
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

/** Emit `from → i` for each i in [lo, hi) kept independently with probability p (geometric skips). */
function bernoulliFollowers(out: EdgeBatch, key: number, block: number, from: number, lo: number, hi: number, p: number, w: number): void {
  let i = lo - 1;
  for (let step = 0; ; step++) {
    i += 1 + geometricFromUniform(uniform(key, block, from, step), p);
    if (!(i < hi)) return;
    if (i !== from) out.add(from, i, w);
  }
}

/** The k indices in [lo, hi) with the largest θ, largest first (ties by index): a partial selection, O((hi − lo)·k). */
function topByPropensity(theta: Float64Array, lo: number, hi: number, k: number): Int32Array {
  const top: number[] = [];
  const better = (x: number, y: number) => theta[x] > theta[y] || (theta[x] === theta[y] && x < y);
  for (let i = lo; i < hi; i++) {
    if (top.length === k && (k === 0 || !better(i, top[k - 1]))) continue;
    let j = top.length === k ? k - 1 : top.length;
    while (j > 0 && better(i, top[j - 1])) {
      top[j] = top[j - 1];
      j--;
    }
    top[j] = i;
  }
  return Int32Array.from(top);
}

export function buildCirclesNetwork(s: Scenario, net: CirclesNetwork, pop: Population, key: number): { csr: Csr; accounts: Accounts } {
  const C = pop.circleCount;
  const sizes = s.population.circles.map((c) => c.size);
  const theta = propensities(pop, net, key);
  const tables: AliasTable[] = [];
  for (let c = 0; c < C; c++) tables.push(buildAlias(theta.subarray(pop.circleStart[c], pop.circleStart[c + 1])));
  const M = mixingMatrix(net, sizes);
  const W = net.weights;

  // Opinion leaders: each circle's best-connected members (ties broken by index).
  const kolsByCircle: Int32Array[] = [];
  for (let c = 0; c < C; c++) {
    const kols = topByPropensity(theta, pop.circleStart[c], pop.circleStart[c + 1], s.population.circles[c].kols);
    for (const i of kols) pop.kind[i] = Kind.kol;
    kolsByCircle.push(kols);
  }
  const big = net.bigAccounts;
  const pool = pop.n - pop.zombieStart;
  const realP = pop.consumers > 0 ? Math.min(1, (big.followers * (1 - big.zombieShare)) / pop.consumers) : 0;
  const zombieP = pool > 0 ? Math.min(1, (big.followers * big.zombieShare) / pool) : 0;

  const emit = (out: EdgeBatch): void => {
    for (let a = 0; a < C; a++)
      for (let b = 0; b < C; b++) {
        const m = Math.round((sizes[a] * net.meanDegree * M[a][b]) / 2);
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
    for (let c = 0; c < C; c++) {
      const reach = s.population.circles[c].kolReach;
      for (const kol of kolsByCircle[c]) bernoulliFollowers(out, key, BLOCK_KOL, kol, pop.circleStart[c], pop.circleStart[c + 1], reach, W.kol);
    }
    for (let a = pop.bigAccountStart; a < pop.brand; a++) {
      bernoulliFollowers(out, key, BLOCK_BIG_REAL, a, 0, pop.consumers, realP, W.bigAccount);
      bernoulliFollowers(out, key, BLOCK_BIG_ZOMBIE, a, pop.zombieStart, pop.n, zombieP, W.bigAccount);
    }
    bernoulliFollowers(out, key, BLOCK_BRAND, pop.brand, 0, pop.consumers, net.brand.followerShare, W.brand);
  };
  const csr = buildCsr(pop.n, emit);
  const bigAccounts = Int32Array.from({ length: pop.brand - pop.bigAccountStart }, (_, k) => pop.bigAccountStart + k);
  return { csr, accounts: { brand: pop.brand, kolsByCircle, bigAccounts } };
}

