/**
 * The population: struct-of-arrays columns, one slot per agent, sized once from the scenario.
 * Layout: consumers of circle 0, circle 1, … (contiguous), then big accounts, the brand account,
 * then zombie accounts. Static traits are drawn here; per-run state lives in the model (models/social.ts).
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { hasAccounts, zombiePoolSize } from "../../scenarios/schema/network.ts";
import { Beta } from "./rng/samplers.ts";
import { heapArrays, type Allocator } from "./memory.ts";
import { deriveKey } from "./rng/seed.ts";
import { Sfc32 } from "./rng/stream.ts";

export const Kind = { consumer: 0, kol: 1, bigAccount: 2, brand: 3, zombie: 4 } as const;

export interface Population {
  /** All agents, accounts and zombies included. */
  readonly n: number;
  /** Real consumers occupy [0, consumers). */
  readonly consumers: number;
  readonly circleCount: number;
  /** Consumers of circle c are [circleStart[c], circleStart[c + 1]). */
  readonly circleStart: Int32Array;
  /** First big account, the brand account, and the first zombie (zombies run to n). */
  readonly bigAccountStart: number;
  readonly brand: number;
  readonly zombieStart: number;
  readonly circle: Uint16Array;
  readonly kind: Uint8Array;
  readonly trust: Float32Array;
  readonly skepticism: Float32Array;
  readonly activity: Float32Array;
  /** k_i: persuasive touches this agent needs before buying. */
  readonly threshold: Uint8Array;
}

/** Draw the population's static traits from its circles' distributions (per-block setup streams, drawTraits). */
export function buildPopulation(s: Scenario, key: number, alloc: Allocator = heapArrays): Population {
  const pop = layoutPopulation(s, alloc);
  drawTraits(s, pop, key, 0, pop.consumers);
  return pop;
}

/** The population's columns with everything but the traits (drawTraits fills those): sizes, circles, kinds. */
export function layoutPopulation(s: Scenario, alloc: Allocator = heapArrays): Population {
  const circles = s.population.circles;
  const C = circles.length;
  const circleStart = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) circleStart[c + 1] = circleStart[c] + circles[c].size;
  const consumers = circleStart[C];
  const net = s.network;
  const big = hasAccounts(net) ? net.bigAccounts : { count: 0, followers: 0, zombieShare: 0 };
  const zombies = hasAccounts(net) ? zombiePoolSize(net) : 0;
  const bigAccountStart = consumers;
  const brand = consumers + big.count;
  const zombieStart = brand + 1;
  const n = zombieStart + zombies;

  const circle = new Uint16Array(alloc.bytes(2 * n));
  const kind = new Uint8Array(alloc.bytes(n));
  const trust = alloc.float32(n);
  const skepticism = alloc.float32(n);
  const activity = alloc.float32(n);
  const threshold = new Uint8Array(alloc.bytes(n));
  const pop: Population = { n, consumers, circleCount: C, circleStart, bigAccountStart, brand, zombieStart, circle, kind, trust, skepticism, activity, threshold };
  for (let c = 0; c < C; c++) circle.fill(c, circleStart[c], circleStart[c + 1]);
  kind.fill(Kind.bigAccount, bigAccountStart, brand);
  kind[brand] = Kind.brand;
  kind.fill(Kind.zombie, zombieStart, n);
  // Accounts and zombies never read: activity 0 keeps them out of every exposure.
  return pop;
}

/** Consumers per trait stream: a block's traits depend on its key and index alone, so blocks can be drawn apart. */
export const TRAIT_BLOCK = 4096;

/**
 * Draw the traits of consumers [lo, hi) (lo a multiple of TRAIT_BLOCK): block b of TRAIT_BLOCK consumers
 * draws from its own sfc32 stream, key(population, 1, b), in index order.
 */
export function drawTraits(s: Scenario, pop: Population, key: number, lo: number, hi: number): void {
  const circles = s.population.circles;
  // One stream, re-seeded for each block (the same draws as a stream of its own), and one sampler over it:
  // built per block, the samplers were new closures each time, which V8 called rather than inlined.
  const g = new Sfc32(0);
  const b = new Beta(g);
  for (let start = lo; start < hi; start += TRAIT_BLOCK) {
    g.seed(deriveKey(key, 1, start / TRAIT_BLOCK));
    drawBlock(circles, pop, g, b, start, Math.min(hi, start + TRAIT_BLOCK));
  }
}

/**
 * Consumers [start, end)'s traits from g. The loop is a function of its own, called per block, so that
 * V8 compiles it whole with the feedback of the blocks before, where inside drawTraits it was compiled
 * on-stack in the middle of its loop (a 200-run sweep: 8 compiles of drawTraits, 149 ms, against 8 of
 * drawBlock, 124 ms; --trace-opt, over the main thread and one worker).
 */
function drawBlock(circles: Scenario["population"]["circles"], pop: Population, g: Sfc32, b: Beta, start: number, end: number): void {
  const { circle, trust, skepticism, activity, threshold } = pop;
  for (let i = start; i < end; i++) {
    const ci = circles[circle[i]];
    const span = ci.touchesToConvert.max - ci.touchesToConvert.min + 1;
    trust[i] = b.sample(ci.trust.alpha, ci.trust.beta);
    skepticism[i] = b.sample(ci.skepticism.alpha, ci.skepticism.beta);
    activity[i] = b.sample(ci.activity.alpha, ci.activity.beta);
    threshold[i] = ci.touchesToConvert.min + Math.min(span - 1, Math.floor(g.next() * span));
  }
}
