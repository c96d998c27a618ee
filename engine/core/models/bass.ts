/**
 * Bass diffusion (docs/model.md §7). On tick t ≥ 1 a potential adopter i has the hazard
 * h_i = p + q·F_i, where F_i is the adopted share at the end of tick t − 1: of the market (A/N) when
 * fully mixed, of i's consumer in-ties by weight on a network (Goldenberg, Libai & Muller's network
 * Bass). It adopts with probability 1 − e^{−h_i} (timeStep "poisson") or h_i ("discrete").
 *
 * Fully mixed with "poisson" the run is event-driven: the market makes Poisson(p·N) "innovation"
 * contacts and the A adopters of tick t−1 make Poisson(q·A) "imitation" contacts, each with a
 * uniformly drawn node; a contacted non-adopter adopts, which gives exactly the hazard above at a cost
 * proportional to the contacts. Otherwise every potential adopter draws once per tick.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import { bindMetrics, defineCircleMetrics, defineMetrics } from "../metrics.ts";
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import { exp } from "../libm/exp.ts";
import { log1p } from "../libm/log.ts";
import { uniform } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";

const INNOVATION = 0, IMITATION = 1;

type Bass = Extract<Model, { kind: "bass" }>;

/** What the collector reads: adopters at the end of the tick, those of this tick, and adopters per circle. */
interface BassCounts {
  adopters: number;
  fresh: number;
  readonly byCircle: Float64Array;
}

export const BASS_METRICS = defineMetrics<BassCounts>([
  { name: "adopters", label: "Adopters", unit: "people", read: (s) => s.adopters },
  { name: "newAdopters", label: "New adopters per tick", unit: "people", read: (s) => s.fresh },
]);
export const BASS_CIRCLE_METRICS = defineCircleMetrics<BassCounts>([{ name: "adopters", label: "Adopters", unit: "people", read: (s) => s.byCircle }]);

export function bassDynamics(world: World, m: Bass): Dynamics {
  const n = world.pop.consumers;
  const key = deriveKey(world.key, Purpose.model);
  const adopted = new Uint8Array(n);
  const counts: BassCounts = { adopters: 0, fresh: 0, byCircle: new Float64Array(world.pop.circleCount) };

  function adopt(i: number): void {
    adopted[i] = 1;
    counts.fresh++;
    counts.byCircle[world.pop.circle[i]]++;
  }

  const step = world.net.complete && m.timeStep !== "discrete" ? contactStep() : perAgentStep();

  /** Fully mixed, "poisson": Poisson(rate) contacts on tick t from `source`; adopters join at once but count for A next tick. */
  function contactStep(): (t: number) => void {
    function contacts(t: number, source: number, rate: number): void {
      if (rate <= 0) return;
      let s = 0;
      for (let k = 0; ; k++) {
        s += -log1p(-uniform(key, t, source, 2 * k)) / rate;
        if (!(s < 1)) return;
        const i = Math.floor(uniform(key, t, source, 2 * k + 1) * n);
        if (!adopted[i]) adopt(i);
      }
    }
    return (t) => {
      const before = counts.adopters;
      contacts(t, INNOVATION, m.p * n);
      contacts(t, IMITATION, m.q * before);
    };
  }

  /** One draw per potential adopter and tick, u = MurmurHash3(key'; t, i, 0) with key' = key(model key, 1). */
  function perAgentStep(): (t: number) => void {
    const draws = deriveKey(key, 1);
    const discrete = m.timeStep === "discrete";
    const prob = (h: number) => (discrete ? Math.min(1, h) : 1 - exp(-h));
    if (world.net.complete) {
      return (t) => {
        const P = prob(m.p + (m.q * counts.adopters) / n);
        for (let i = 0; i < n; i++) if (!adopted[i] && uniform(draws, t, i, 0) < P) adopt(i);
      };
    }
    // F_i = Σ_{adopted j} w_ji / Σ_{consumers j} w_ji: accounts (brand, big accounts) never adopt, so their ties are left out.
    const { offsets, targets, tieClass, classWeight } = world.net.csr;
    const inW = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let e = offsets[j]; e < offsets[j + 1]; e++) if (targets[e] < n) inW[targets[e]] += classWeight[tieClass[e]];
    const share = new Float64Array(n);
    const chosen = new Int32Array(n);
    return (t) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (!adopted[i] && uniform(draws, t, i, 0) < prob(m.p + m.q * share[i])) chosen[k++] = i;
      // Synchronous update: this tick's adopters raise their followers' F only from the next tick on.
      for (let c = 0; c < k; c++) {
        const j = chosen[c];
        adopt(j);
        for (let e = offsets[j]; e < offsets[j + 1]; e++) {
          const i = targets[e];
          if (i < n && inW[i] > 0) share[i] += classWeight[tieClass[e]] / inW[i];
        }
      }
    };
  }

  return {
    ...bindMetrics(BASS_METRICS, BASS_CIRCLE_METRICS, counts),
    tick(t) {
      counts.fresh = 0;
      if (t === 0) return;
      step(t);
      counts.adopters += counts.fresh;
    },
    finish: (): RunTables => emptyTables(),
    agents: { states: ["potential", "adopter"], state: (out) => out.set(adopted.subarray(0, out.length)) },
  };
}
