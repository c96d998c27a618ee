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
import { exp } from "../libm/exp.ts";
import { log1p } from "../libm/log.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey } from "../rng/seed.ts";
import { stream } from "../rng/stream.ts";
import { buildCsrInParts, emitterPart, rowsPart, type Csr } from "./csr.ts";
import type { Allocator } from "../memory.ts";
import { friendshipPart, planFriendships, type FriendshipBlock } from "./friendships.ts";
import { accountOverlay, BLOCK_ACCOUNTS, type Accounts } from "./accounts.ts";
import { closeTriangles } from "./closure.ts";
import { drawnStubs, empiricalPropensities, roundedStubs } from "./degrees.ts";
import { circleStubs, matchBlocks, type Slots } from "./stubs.ts";

// Labels of the counter-draw blocks; friendship blocks use a * C + b below BLOCK_ACCOUNTS.
const BLOCK_THETA = BLOCK_ACCOUNTS + 5;
const BLOCK_FRIENDS = BLOCK_ACCOUNTS + 6;
// Streams of the exact-degree generator: degree targets and stub order per circle, closure once.
const BLOCK_DEGREES = BLOCK_ACCOUNTS + 7;
const BLOCK_STUBS = BLOCK_ACCOUNTS + 8;
const BLOCK_CLOSURE = BLOCK_ACCOUNTS + 9;

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
  rawPropensities(pop, net, key, theta, 0, pop.consumers);
  normalisePropensities(theta, pop.circleStart);
  return theta;
}

/** θ of consumers [lo, hi) before normalising: counter draws, so any range can be drawn alone. */
export function rawPropensities(pop: Population, net: CirclesNetwork, key: number, theta: Float64Array, lo: number, hi: number): void {
  // U^(−1/a) as e^(−ln(1 − u)/a): the same law as pow, several times cheaper per consumer.
  const inv = -1 / (net.degreeExponent - 1);
  for (let c = 0; c < pop.circleCount; c++) {
    const d = circleDegree(net, c);
    const cap = d > 0 ? Math.max(1, net.maxDegree / d) : 1;
    const end = Math.min(hi, pop.circleStart[c + 1]);
    for (let i = Math.max(lo, pop.circleStart[c]); i < end; i++) theta[i] = Math.min(cap, exp(log1p(-uniform(key, BLOCK_THETA, i, 0)) * inv));
  }
}

/** Scale θ to mean 1 within each circle (sums in index order). */
export function normalisePropensities(theta: Float64Array, circleStart: Int32Array): void {
  for (let c = 0; c + 1 < circleStart.length; c++) {
    const lo = circleStart[c], hi = circleStart[c + 1];
    let sum = 0;
    for (let i = lo; i < hi; i++) sum += theta[i];
    const mean = sum / (hi - lo);
    for (let i = lo; i < hi; i++) theta[i] /= mean;
  }
}

/** The friendship rows: blocks paired stub by stub, then closure; the stub buffer is dropped on return. */
function friendshipRows(pop: Population, k: Int32Array, m: (a: number, b: number) => number, closure: number, key: number): Slots {
  const C = pop.circleCount;
  const { slots, buffer } = matchBlocks(pop.circleStart, k, m, closure, (c) => stream(deriveKey(key, BLOCK_STUBS, c)), stream(deriveKey(key, BLOCK_STUBS, C)));
  closeTriangles(slots, pop.circleStart, pop.circle, closure > 0, stream(deriveKey(key, BLOCK_CLOSURE, 0)), buffer);
  return slots;
}

/**
 * Exact-degree block model with triadic closure (used when `degrees` or `closure` is given): stub
 * counts from the empirical distribution (or drawn from the Pareto θ), blocks paired stub by stub
 * (stubs.ts), then closure and free stubs (closure.ts); the rows become the CSR with the accounts.
 */
function exactCirclesNetwork(s: Scenario, net: CirclesNetwork, pop: Population, key: number, alloc?: Allocator): { csr: Csr; accounts: Accounts } {
  const C = pop.circleCount;
  const sizes = s.population.circles.map((c) => c.size);
  const M = mixingMatrix(net, sizes);
  const m = (a: number, b: number) => (sizes[a] * circleDegree(net, a) * M[a][b]) / 2;
  const D = circleStubs(C, m);
  const theta = net.degrees ? new Float64Array(pop.consumers) : propensities(pop, net, key);
  const k = new Int32Array(pop.consumers);
  for (let c = 0; c < C; c++) {
    const lo = pop.circleStart[c], hi = pop.circleStart[c + 1];
    const rng = stream(deriveKey(key, BLOCK_DEGREES, c));
    if (net.degrees) {
      empiricalPropensities(Array.isArray(net.degrees) ? net.degrees[c] : net.degrees, theta, lo, hi, rng);
      roundedStubs(theta, k, lo, hi, Math.round(D[c]), rng);
    } else drawnStubs(theta, k, lo, hi, Math.round(D[c]), rng);
  }
  const rows = friendshipRows(pop, k, m, net.closure ?? 0, key);
  // Opinion leaders: each circle's members with the most friends (ties broken by index).
  const degree = new Float64Array(pop.consumers);
  for (let i = 0; i < pop.consumers; i++) degree[i] = rows.fill[i] - rows.rowOff[i];
  const overlay = accountOverlay(s, net, pop, key, degree);
  const friends = rowsPart(rows, pop.circleStart, net.weights.strong, net.weights.weak);
  return { csr: buildCsrInParts(pop.n, [friends, emitterPart(overlay.emit)], alloc), accounts: overlay.accounts };
}

/** The key the friendship chunks' streams derive from. */
export const friendshipKey = (networkKey: number): number => deriveKey(networkKey, BLOCK_FRIENDS);

/** The block model's blocks in order (a, then b): E_ab = round(N_a · d_a · M_ab / 2) ties each. */
export function friendshipBlocks(s: Scenario, net: CirclesNetwork): FriendshipBlock[] {
  const sizes = s.population.circles.map((c) => c.size);
  const M = mixingMatrix(net, sizes);
  const blocks: FriendshipBlock[] = [];
  for (let a = 0; a < sizes.length; a++)
    for (let b = 0; b < sizes.length; b++) {
      const ties = Math.round((sizes[a] * circleDegree(net, a) * M[a][b]) / 2);
      if (ties > 0) blocks.push({ a, b, ties });
    }
  return blocks;
}

export function buildCirclesNetwork(s: Scenario, net: CirclesNetwork, pop: Population, key: number, alloc?: Allocator): { csr: Csr; accounts: Accounts } {
  if (net.degrees || (net.closure ?? 0) > 0) return exactCirclesNetwork(s, net, pop, key, alloc);
  const theta = propensities(pop, net, key);
  const friends = planFriendships(theta, pop.circleStart, friendshipBlocks(s, net), net.weights, friendshipKey(key));
  // Opinion leaders: each circle's members with the largest θ (ties broken by index).
  const overlay = accountOverlay(s, net, pop, key, theta);
  return { csr: buildCsrInParts(pop.n, [friendshipPart(friends), emitterPart(overlay.emit)], alloc), accounts: overlay.accounts };
}
