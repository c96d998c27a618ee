/**
 * Shared bookkeeping of the progressive classic models (IC, LT): who is active, counts per
 * circle, and the frontier of newly active nodes that fire on the next tick. A firing node tries
 * every out-tie once; `attempts` counts those tries (the work of the model). Every node fires at
 * most once, one tick after it activates, so two frontier arrays replace a general event queue;
 * each frontier fires in ascending node order (LT's influence sums depend on the order).
 */
import { bindMetrics, defineCircleMetrics, defineMetrics } from "../metrics.ts";
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import type { World } from "../world.ts";

/** What the collector reads of an activation run (a split IC run rebuilds it from its workers' counts). */
export interface ActivationCounts {
  /** Active nodes, those activated this tick, and ties tried so far. */
  active: number;
  fresh: number;
  attempts: number;
  readonly byCircle: Float64Array;
}

export const ACTIVATION_METRICS = defineMetrics<ActivationCounts>([
  { name: "active", label: "Active", unit: "people", read: (s) => s.active },
  { name: "newActive", label: "Newly active per tick", unit: "people", read: (s) => s.fresh },
  { name: "attempts", label: "Activation attempts", unit: "count", read: (s) => s.attempts },
]);
export const ACTIVATION_CIRCLE_METRICS = defineCircleMetrics<ActivationCounts>([
  { name: "active", label: "Active", unit: "people", read: (s) => s.byCircle },
]);

export function activationCounts(circles: number): ActivationCounts {
  return { active: 0, fresh: 0, attempts: 0, byCircle: new Float64Array(circles) };
}

export function activationState(world: World) {
  const n = world.pop.consumers;
  const { offsets } = world.net.csr;
  const active = new Uint8Array(n);
  const counts = activationCounts(world.pop.circleCount);
  // Nodes that fire this tick (seeds, at tick 0) and those that fire on the next one, as bitmaps:
  // firing in ascending index order needs no sort, and walks the CSR forwards.
  const words = (n >>> 5) + 1;
  let now = new Uint32Array(words);
  let next = new Uint32Array(words);

  /** Activate i during tick t; it fires (tries its followers) on tick t + 1, or on tick t if `now`. */
  function activate(i: number, _t: number, fireNow = false): void {
    if (active[i]) return;
    active[i] = 1;
    counts.active++;
    counts.fresh++;
    counts.byCircle[world.pop.circle[i]]++;
    (fireNow ? now : next)[i >>> 5] |= 1 << (i & 31);
  }

  /** A Dynamics from a per-firing rule: onFire(j, t) tries j's out-ties. */
  function dynamics(onFire: (j: number, t: number) => void, seeds: Int32Array): Dynamics {
    return {
      ...bindMetrics(ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS, counts),
      tick(t) {
        counts.fresh = 0;
        if (t > 0) [now, next] = [next, now];
        else for (const s of seeds) activate(s, 0, true);
        for (let w = 0; w < words; w++) {
          let bits = now[w];
          if (bits === 0) continue;
          now[w] = 0;
          while (bits !== 0) {
            const low = bits & -bits;
            const j = (w << 5) + 31 - Math.clz32(low);
            bits ^= low;
            counts.attempts += offsets[j + 1] - offsets[j];
            onFire(j, t);
          }
        }
      },
      finish: (): RunTables => emptyTables(),
      agents: { states: ["inactive", "active"], state: (out) => out.set(active.subarray(0, out.length)) },
    };
  }

  return { active, activate, dynamics };
}
