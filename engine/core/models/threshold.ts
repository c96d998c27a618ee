/**
 * Linear Threshold (Kempe, Kleinberg & Tardos 2003), with the thresholds of Watts (2002) and
 * Granovetter (1978) as options: node i has a threshold θ_i (thresholds.ts); each active in-neighbour j
 * adds b_ji = w_ji / Σ_k w_ki ("fraction", the default) or 1 per tie ("count"); i activates once the
 * sum reaches θ_i, and fires on the next tick.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import { inWeights } from "../network/csr.ts";
import type { Dynamics } from "../dynamics.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { activationState } from "./activation.ts";
import { resolveSeeds } from "./seeds.ts";
import { drawThresholds } from "./thresholds.ts";

export function thresholdDynamics(world: World, m: Extract<Model, { kind: "lt" }>): Dynamics {
  const csr = world.net.csr;
  const { offsets, targets, tieClass, classWeight } = csr;
  const key = deriveKey(world.key, Purpose.model);
  const theta = drawThresholds(world, m, key);
  const influence = new Float64Array(world.pop.consumers);
  const st = activationState(world);
  const seeds = resolveSeeds(m.seeds, world.pop.consumers, deriveKey(key, 1));
  if (m.thresholdUnit === "count") {
    return st.dynamics((j, t) => {
      for (let e = offsets[j]; e < offsets[j + 1]; e++) {
        const i = targets[e];
        if (st.active[i]) continue;
        influence[i] += 1;
        if (influence[i] >= theta[i]) st.activate(i, t);
      }
    }, seeds);
  }
  const inW = inWeights(csr);
  return st.dynamics((j, t) => {
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      const i = targets[e];
      if (st.active[i] || inW[i] === 0) continue; // a node with only zero-weight in-ties can never be influenced
      influence[i] += classWeight[tieClass[e]] / inW[i];
      if (influence[i] >= theta[i]) st.activate(i, t);
    }
  }, seeds);
}
