/**
 * Independent Cascade (Kempe, Kleinberg & Tardos 2003): a node activated on tick t tries each
 * follower once on tick t + 1, succeeding with the tie's probability. The draw is keyed by the
 * tie alone (one-word MurmurHash3), so each tie is live or not once per run: the live-edge view of IC.
 * The inner loop tests a bitmap copy of the active flags: at a million agents 1 bit per agent stays in
 * cache where a byte does not, and testing a random target is the loop's main cost (+20 % ties/s).
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import type { Dynamics } from "../dynamics.ts";
import { hash1 } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { activationState } from "./activation.ts";
import { resolveSeeds } from "./seeds.ts";

/**
 * What an IC run of `world` draws with: the model key, the seeds, and the live-tie threshold p · 2³²
 * (undefined: each tie's weight). The split run (engine/split/) reads the same, so both stay bit-identical.
 */
export function cascadeParams(world: World, m: Extract<Model, { kind: "ic" }>): { key: number; seeds: Int32Array; threshold?: number } {
  const key = deriveKey(world.key, Purpose.model);
  const seeds = resolveSeeds(m.seeds, world.pop.consumers, deriveKey(key, 1));
  return { key, seeds, threshold: m.probability !== undefined ? m.probability * 4294967296 : undefined };
}

export function cascadeDynamics(world: World, m: Extract<Model, { kind: "ic" }>): Dynamics {
  const { offsets, targets, weights } = world.net.csr;
  const { key, seeds, threshold } = cascadeParams(world, m);
  const st = activationState(world);
  const bits = new Uint32Array((world.pop.consumers >>> 5) + 1);
  for (const i of seeds) bits[i >>> 5] |= 1 << (i & 31); // seeds activate on tick 0, before anyone fires
  const activate = (i: number, t: number) => {
    bits[i >>> 5] |= 1 << (i & 31);
    st.activate(i, t);
  };
  // Tie e is live when hash1(key, e) < p · 2³²: one draw per tie, compared in integers.
  if (threshold !== undefined) {
    return st.dynamics((j, t) => {
      for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
        const i = targets[e];
        if ((bits[i >>> 5] & (1 << (i & 31))) === 0 && hash1(key, e) < threshold) activate(i, t);
      }
    }, seeds);
  }
  return st.dynamics((j, t) => {
    for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
      const i = targets[e];
      if ((bits[i >>> 5] & (1 << (i & 31))) === 0 && hash1(key, e) < weights[e] * 4294967296) activate(i, t);
    }
  }, seeds);
}

