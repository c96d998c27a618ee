/**
 * Shared bookkeeping of the progressive classic models (IC, LT): who is active, counts per
 * circle, and the queue of newly active nodes that fire on the next tick.
 */
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import { agentOf, TickQueue } from "../queue.ts";
import type { World } from "../world.ts";

export const ACTIVATION_METRICS = ["active", "newActive"] as const;
export const ACTIVATION_CIRCLE_METRICS = ["active"] as const;

export function activationState(world: World) {
  const n = world.pop.consumers;
  const active = new Uint8Array(n);
  const byCircle = new Float64Array(world.pop.circleCount);
  const fire = new TickQueue(world.scenario.horizon);
  let count = 0;
  let fresh = 0;
  return {
    active,
    fire,
    /** Activate i during tick t; it fires (tries its followers) on tick t + delay. */
    activate(i: number, t: number, delay = 1): void {
      if (active[i]) return;
      active[i] = 1;
      count++;
      fresh++;
      byCircle[world.pop.circle[i]]++;
      fire.push(t + delay, i, 0);
    },
    /** Build a Dynamics from a per-firing rule; `startTick` resets the per-tick counter. */
    dynamics(onFire: (j: number, t: number) => void, seeds: Int32Array): Dynamics {
      const self = this;
      return {
        metrics: ACTIVATION_METRICS,
        circleMetrics: ACTIVATION_CIRCLE_METRICS,
        tick(t) {
          fresh = 0;
          if (t === 0) for (const s of seeds) self.activate(s, 0, 0);
          const due = fire.take(t);
          for (let q = 0; q < due.length; q++) onFire(agentOf(due[q]), t);
        },
        read(out) {
          out[0] = count;
          out[1] = fresh;
        },
        readCircles(out) {
          out.set(byCircle);
        },
        finish: (): RunTables => emptyTables(),
      };
    },
  };
}
