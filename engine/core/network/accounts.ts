/**
 * Accounts on top of the friendship ties (circles and file networks alike): each circle's opinion
 * leaders (its best-connected members) followed by a share of their circle, the grassroots big
 * accounts with their real and zombie followers, and the brand account (docs/model.md, "Network").
 * Follower sets come from counter draws, so the two CSR passes replay the same ties.
 */
import type { Scenario } from "../../../scenarios/schema/scenario.ts";
import type { AccountNetwork } from "../../../scenarios/schema/network.ts";
import { Kind, type Population } from "../population.ts";
import { GeometricSkips } from "../rng/samplers.ts";
import type { EdgeBatch } from "./csr.ts";

/** Who can publish: the brand account, each circle's opinion leaders, and the big accounts. */
export interface Accounts {
  readonly brand: number;
  /** Per circle, its opinion leaders, best-connected first. */
  readonly kolsByCircle: readonly Int32Array[];
  readonly bigAccounts: Int32Array;
}

// Labels of the counter-draw blocks; the circle generator's friendship blocks use a * C + b below BLOCK_ACCOUNTS.
export const BLOCK_ACCOUNTS = 1 << 30;
const BLOCK_KOL = BLOCK_ACCOUNTS + 1;
const BLOCK_BIG_REAL = BLOCK_ACCOUNTS + 2;
const BLOCK_BIG_ZOMBIE = BLOCK_ACCOUNTS + 3;
const BLOCK_BRAND = BLOCK_ACCOUNTS + 4;

/** Emit `from → i` for each i in [lo, hi) kept independently with probability p (geometric skips). */
function bernoulliFollowers(out: EdgeBatch, key: number, block: number, from: number, lo: number, hi: number, p: number, cls: number): void {
  if (p <= 0) return;
  const skips = p < 1 ? new GeometricSkips(p) : undefined;
  let i = lo - 1;
  for (let step = 0; ; step++) {
    i += 1 + (skips !== undefined ? skips.skipAt(key, block, from, step) : 0);
    if (!(i < hi)) return;
    if (i !== from) out.add(from, i, cls);
  }
}

/** The k indices in [lo, hi) with the largest score, largest first (ties by index): a partial selection, O((hi − lo)·k). */
function topByScore(score: Float64Array, lo: number, hi: number, k: number): Int32Array {
  const top: number[] = [];
  const better = (x: number, y: number) => score[x] > score[y] || (score[x] === score[y] && x < y);
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

/**
 * Pick each circle's opinion leaders by `score` (degree propensity, or degree for a file network),
 * mark them in the population, and return the accounts with an emitter of their follower ties.
 */
export function accountOverlay(s: Scenario, net: AccountNetwork, pop: Population, key: number, score: Float64Array): { accounts: Accounts; emit: (out: EdgeBatch) => void } {
  const C = pop.circleCount;
  const W = net.weights;
  const kolsByCircle: Int32Array[] = [];
  for (let c = 0; c < C; c++) {
    const kols = topByScore(score, pop.circleStart[c], pop.circleStart[c + 1], s.population.circles[c].kols);
    for (const i of kols) pop.kind[i] = Kind.kol;
    kolsByCircle.push(kols);
  }
  const big = net.bigAccounts;
  const pool = pop.n - pop.zombieStart;
  const realP = pop.consumers > 0 ? Math.min(1, (big.followers * (1 - big.zombieShare)) / pop.consumers) : 0;
  const zombieP = pool > 0 ? Math.min(1, (big.followers * big.zombieShare) / pool) : 0;
  const emit = (out: EdgeBatch): void => {
    const kol = out.classOf(W.kol), bigAccount = out.classOf(W.bigAccount), brand = out.classOf(W.brand);
    for (let c = 0; c < C; c++) {
      const reach = s.population.circles[c].kolReach;
      for (const k of kolsByCircle[c]) bernoulliFollowers(out, key, BLOCK_KOL, k, pop.circleStart[c], pop.circleStart[c + 1], reach, kol);
    }
    for (let a = pop.bigAccountStart; a < pop.brand; a++) {
      bernoulliFollowers(out, key, BLOCK_BIG_REAL, a, 0, pop.consumers, realP, bigAccount);
      bernoulliFollowers(out, key, BLOCK_BIG_ZOMBIE, a, pop.zombieStart, pop.n, zombieP, bigAccount);
    }
    bernoulliFollowers(out, key, BLOCK_BRAND, pop.brand, 0, pop.consumers, net.brand.followerShare, brand);
  };
  const bigAccounts = Int32Array.from({ length: pop.brand - pop.bigAccountStart }, (_, k) => pop.bigAccountStart + k);
  return { accounts: { brand: pop.brand, kolsByCircle, bigAccounts }, emit };
}
