/**
 * Bass diffusion on a fully mixed population, event-driven. On tick t ≥ 1 the market makes
 * Poisson(p·N) "innovation" contacts and the A adopters of tick t−1 make Poisson(q·A)
 * "imitation" contacts, each with a uniformly drawn node; a contacted non-adopter adopts. A
 * non-adopter's hazard per tick is then 1 − exp(−(p + q·A/N)), the Bass hazard in discrete time.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";

const INNOVATION = 0, IMITATION = 1;

export function bassDynamics(world: World, m: Extract<Model, { kind: "bass" }>): Dynamics {
  const n = world.pop.consumers;
  const key = deriveKey(world.key, Purpose.model);
  const adopted = new Uint8Array(n);
  const byCircle = new Float64Array(world.pop.circleCount);
  let adopters = 0;
  let fresh = 0;

  /** Deliver Poisson(rate) contacts on tick t from `source`; adopters join at once but count for A next tick. */
  function contacts(t: number, source: number, rate: number): void {
    if (rate <= 0) return;
    let s = 0;
    for (let k = 0; ; k++) {
      s += -Math.log1p(-uniform(key, t, source, 2 * k)) / rate;
      if (!(s < 1)) return;
      const i = Math.floor(uniform(key, t, source, 2 * k + 1) * n);
      if (!adopted[i]) {
        adopted[i] = 1;
        fresh++;
        byCircle[world.pop.circle[i]]++;
      }
    }
  }

  return {
    metrics: ["adopters", "newAdopters"],
    circleMetrics: ["adopters"],
    tick(t) {
      fresh = 0;
      if (t === 0) return;
      const before = adopters;
      contacts(t, INNOVATION, m.p * n);
      contacts(t, IMITATION, m.q * before);
      adopters += fresh;
    },
    read(out) {
      out[0] = adopters;
      out[1] = fresh;
    },
    readCircles(out) {
      out.set(byCircle);
    },
    finish: (): RunTables => emptyTables(),
    agents: { states: ["potential", "adopter"], state: (out) => out.set(adopted.subarray(0, out.length)) },
  };
}
