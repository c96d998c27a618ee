/**
 * Independent Cascade (Kempe, Kleinberg & Tardos 2003): a node activated on tick t tries each
 * follower once on tick t + 1, succeeding with the tie's probability. The draw is keyed by the
 * tie alone, so each tie is live or not once per run: the live-edge view of IC, exactly.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import type { Dynamics } from "../dynamics.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { activationState } from "./activation.ts";
import { resolveSeeds } from "./seeds.ts";

export function cascadeDynamics(world: World, m: Extract<Model, { kind: "ic" }>): Dynamics {
  const { offsets, targets, weights } = world.net.csr;
  const key = deriveKey(world.key, Purpose.model);
  const st = activationState(world);
  const fixed = m.probability;
  const seeds = resolveSeeds(m.seeds, world.pop.consumers, deriveKey(key, 1));
  return st.dynamics((j, t) => {
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      const i = targets[e];
      if (!st.active[i] && uniform(key, e, 0, 0) < (fixed ?? weights[e])) st.activate(i, t);
    }
  }, seeds);
}

