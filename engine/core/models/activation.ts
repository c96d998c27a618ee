/**
 * Shared bookkeeping of the progressive classic models (IC, LT): who is active, counts per
 * circle, and the frontier of newly active nodes that fire on the next tick. A firing node tries
 * every out-tie once; `attempts` counts those tries (the work of the model). Every node fires at
 * most once, one tick after it activates, so two frontier arrays replace a general event queue;
 * each frontier fires in ascending node order (LT's influence sums depend on the order).
 */
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import type { World } from "../world.ts";

export const ACTIVATION_METRICS = ["active", "newActive", "attempts"] as const;
export const ACTIVATION_CIRCLE_METRICS = ["active"] as const;

export function activationState(world: World) {
  const n = world.pop.consumers;
  const { offsets } = world.net.csr;
  const active = new Uint8Array(n);
  const byCircle = new Float64Array(world.pop.circleCount);
  // Nodes that fire this tick (seeds, at tick 0) and those that fire on the next one, as bitmaps:
  // firing in ascending index order needs no sort, and walks the CSR forwards.
  const words = (n >>> 5) + 1;
  let now = new Uint32Array(words);
  let next = new Uint32Array(words);
  let count = 0;
  let fresh = 0;
  let attempts = 0;

  /** Activate i during tick t; it fires (tries its followers) on tick t + 1, or on tick t if `now`. */
  function activate(i: number, _t: number, fireNow = false): void {
    if (active[i]) return;
    active[i] = 1;
    count++;
    fresh++;
    byCircle[world.pop.circle[i]]++;
    (fireNow ? now : next)[i >>> 5] |= 1 << (i & 31);
  }

  /** A Dynamics from a per-firing rule: onFire(j, t) tries j's out-ties. */
  function dynamics(onFire: (j: number, t: number) => void, seeds: Int32Array): Dynamics {
    return {
      metrics: ACTIVATION_METRICS,
      circleMetrics: ACTIVATION_CIRCLE_METRICS,
      tick(t) {
        fresh = 0;
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
            attempts += offsets[j + 1] - offsets[j];
            onFire(j, t);
          }
        }
      },
      read(out) {
        out[0] = count;
        out[1] = fresh;
        out[2] = attempts;
      },
      readCircles(out) {
        out.set(byCircle);
      },
      finish: (): RunTables => emptyTables(),
      agents: { states: ["inactive", "active"], state: (out) => out.set(active.subarray(0, out.length)) },
    };
  }

  return { active, activate, dynamics };
}
