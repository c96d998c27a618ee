/**
 * Shared bookkeeping of the progressive classic models (IC, LT): who is active, counts per
 * circle, and the queue of newly active nodes that fire on the next tick. A firing node tries
 * every out-tie once; `attempts` counts those tries (the work of the model).
 */
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import { agentOf, TickQueue } from "../queue.ts";
import type { World } from "../world.ts";

export const ACTIVATION_METRICS = ["active", "newActive", "attempts"] as const;
export const ACTIVATION_CIRCLE_METRICS = ["active"] as const;

export function activationState(world: World) {
  const n = world.pop.consumers;
  const { offsets } = world.net.csr;
  const active = new Uint8Array(n);
  const byCircle = new Float64Array(world.pop.circleCount);
  const fire = new TickQueue(world.scenario.horizon);
  let count = 0;
  let fresh = 0;
  let attempts = 0;

  /** Activate i during tick t; it fires (tries its followers) on tick t + delay. */
  function activate(i: number, t: number, delay = 1): void {
    if (active[i]) return;
    active[i] = 1;
    count++;
    fresh++;
    byCircle[world.pop.circle[i]]++;
    fire.push(t + delay, i, 0);
  }

  /** A Dynamics from a per-firing rule: onFire(j, t) tries j's out-ties. */
  function dynamics(onFire: (j: number, t: number) => void, seeds: Int32Array): Dynamics {
    return {
      metrics: ACTIVATION_METRICS,
      circleMetrics: ACTIVATION_CIRCLE_METRICS,
      tick(t) {
        fresh = 0;
        if (t === 0) for (const s of seeds) activate(s, 0, 0);
        const due = fire.take(t);
        for (let q = 0; q < due.length; q++) {
          const j = agentOf(due[q]);
          attempts += offsets[j + 1] - offsets[j];
          onFire(j, t);
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
    };
  }

  return { active, activate, dynamics };
}
