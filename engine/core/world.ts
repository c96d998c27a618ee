/**
 * A world is what the plans of one replicate share: population, network and the content
 * qualities drawn for that replicate. Building it is a pure function of (scenario, replicate).
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { buildNetwork, type Network } from "./network/build.ts";
import { buildPopulation, type Population } from "./population.ts";
import { Purpose, deriveKey, replicateKey } from "./rng/seed.ts";
import { beta } from "./rng/samplers.ts";
import { stream } from "./rng/stream.ts";

export interface World {
  readonly scenario: Scenario;
  readonly replicate: number;
  readonly key: number;
  readonly pop: Population;
  readonly net: Network;
  /** q_x per content, drawn once per replicate when the content's quality is a distribution. */
  readonly quality: Float64Array;
  /** Case index of each content; pieces of one case share repetition counters. */
  readonly caseOf: Int32Array;
  readonly caseCount: number;
}

export function buildWorld(s: Scenario, replicate: number): World {
  const key = replicateKey(s.seed, replicate);
  const pop = buildPopulation(s, deriveKey(key, Purpose.population));
  const net = buildNetwork(s, pop, deriveKey(key, Purpose.network));
  const rng = stream(deriveKey(key, Purpose.content));
  const b = beta(rng);
  const quality = Float64Array.from(s.contents, (c) => (typeof c.quality === "number" ? c.quality : b(c.quality.alpha, c.quality.beta)));
  const cases: string[] = [];
  const caseOf = Int32Array.from(s.contents, (c) => {
    const name = c.case ?? c.id;
    const k = cases.indexOf(name);
    return k >= 0 ? k : cases.push(name) - 1;
  });
  return { scenario: s, replicate, key, pop, net, quality, caseOf, caseCount: cases.length };
}
