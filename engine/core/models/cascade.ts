/**
 * Independent Cascade (Kempe, Kleinberg & Tardos 2003): a node activated on tick t tries each
 * follower once on tick t + 1, succeeding with the tie's probability. The draw is keyed by the
 * tie alone (one-word MurmurHash3), so each tie is live or not once per run: the live-edge view of IC.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import type { Dynamics } from "../dynamics.ts";
import { hash1 } from "../rng/hash.ts";
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
  const active = st.active;
  // Tie e is live when hash1(key, e) < p · 2³²: one draw per tie, compared in integers.
  if (fixed !== undefined) {
    const threshold = fixed * 4294967296;
    return st.dynamics((j, t) => {
      for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
        const i = targets[e];
        if (active[i] === 0 && hash1(key, e) < threshold) st.activate(i, t);
      }
    }, seeds);
  }
  return st.dynamics((j, t) => {
    for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
      const i = targets[e];
      if (active[i] === 0 && hash1(key, e) < weights[e] * 4294967296) st.activate(i, t);
    }
  }, seeds);
}

