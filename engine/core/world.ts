/**
 * A world is what the plans of one replicate share: the population and the network. Building it is
 * a pure function of (scenario, replicate); plans compiled on it draw their content qualities from
 * its key, so the same content gets the same draw in every plan.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { buildNetwork, type Network } from "./network/build.ts";
import type { Allocator } from "./memory.ts";
import { buildPopulation, type Population } from "./population.ts";
import { Purpose, deriveKey, replicateKey } from "./rng/seed.ts";

export interface World {
  readonly scenario: Scenario;
  readonly replicate: number;
  readonly key: number;
  readonly pop: Population;
  readonly net: Network;
}

export interface WorldOptions {
  /** Where the network's CSR arrays live: `sharedArrays` for a run split across workers (engine/split/). */
  alloc?: Allocator;
}

export function buildWorld(s: Scenario, replicate: number, opts: WorldOptions = {}): World {
  const key = replicateKey(s.seed, replicate);
  const pop = buildPopulation(s, deriveKey(key, Purpose.population));
  const net = buildNetwork(s, pop, deriveKey(key, Purpose.network), opts.alloc);
  return { scenario: s, replicate, key, pop, net };
}
