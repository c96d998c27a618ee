/**
 * Linear Threshold (Kempe, Kleinberg & Tardos 2003): node i draws θ_i ~ U[0, 1); each active
 * in-neighbour j adds b_ji = w_ji / Σ_k w_ki; i activates once the sum reaches θ_i, and fires on
 * the next tick. θ_i is a pure function of (key, i), so it needs no storage.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import { inWeights } from "../network/csr.ts";
import type { Dynamics } from "../dynamics.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { activationState } from "./activation.ts";
import { resolveSeeds } from "./seeds.ts";

export function thresholdDynamics(world: World, m: Extract<Model, { kind: "lt" }>): Dynamics {
  const csr = world.net.csr;
  const { offsets, targets, weights } = csr;
  const key = deriveKey(world.key, Purpose.model);
  const inW = inWeights(csr);
  const influence = new Float64Array(world.pop.consumers);
  const st = activationState(world);
  const seeds = resolveSeeds(m.seeds, world.pop.consumers, deriveKey(key, 1));
  return st.dynamics((j, t) => {
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      const i = targets[e];
      if (st.active[i] || inW[i] === 0) continue; // a node with only zero-weight in-ties can never be influenced
      influence[i] += weights[e] / inW[i];
      if (influence[i] >= uniform(key, i, 0, 0)) st.activate(i, t);
    }
  }, seeds);
}
