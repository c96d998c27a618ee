/**
 * SIR and SIS in discrete ticks. A node infected on tick t stays infectious for D ~ 1 + Geom(γ)
 * ticks (mean 1/γ), transmitting on ticks t+1 … t+D, then recovers (SIR) or becomes susceptible
 * again (SIS). Event-driven: contacts are scheduled, not polled.
 * - On a network, a tie carries contacts as a Bernoulli(β) process per tick: the next contact is
 *   1 + Geom(β) ticks after the last (only the first matters in SIR, so only SIS schedules more).
 * - Fully mixed, an infectious node makes Poisson(β) contacts per tick with uniformly drawn
 *   nodes (exponential gaps), so R0 = β/γ and the final size solves r = 1 − exp(−R0·r): a
 *   susceptible escapes a tick with probability e^{−β·I/N} (timeStep "poisson", the default).
 *   With timeStep "discrete" each susceptible is instead infected with probability β·I/N, one draw
 *   per susceptible and tick (the discrete-time SIR/SIS of Allen 1994).
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import { bindMetrics, defineCircleMetrics, defineMetrics } from "../metrics.ts";
import type { Dynamics, RunTables } from "../dynamics.ts";
import { emptyTables } from "../dynamics.ts";
import { log1p } from "../libm/log.ts";
import { agentOf, TickQueue } from "../queue.ts";
import { uniform } from "../rng/hash.ts";
import { geometricFromUniform } from "../rng/samplers.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { resolveSeeds } from "./seeds.ts";

const S = 0, I = 1, R = 2;
const K = { duration: 1, contact: 2, gap: 3, target: 4, mixed: 5 } as const;

/** What the collector reads: nodes per status (S, I, R), infections so far and this tick, infections so far per circle. */
interface SirCounts {
  readonly status: Float64Array;
  ever: number;
  fresh: number;
  readonly everByCircle: Float64Array;
}

export const SIR_METRICS = defineMetrics<SirCounts>([
  { name: "susceptible", label: "Susceptible", unit: "people", read: (s) => s.status[S] },
  { name: "infected", label: "Infected", unit: "people", read: (s) => s.status[I] },
  { name: "recovered", label: "Recovered", unit: "people", read: (s) => s.status[R] },
  { name: "everInfected", label: "Ever infected", unit: "people", read: (s) => s.ever },
  { name: "newInfected", label: "New infections per tick", unit: "people", read: (s) => s.fresh },
]);
export const SIR_CIRCLE_METRICS = defineCircleMetrics<SirCounts>([{ name: "everInfected", label: "Ever infected", unit: "people", read: (s) => s.everByCircle }]);

export function sirDynamics(world: World, m: Extract<Model, { kind: "sir" | "sis" }>): Dynamics {
  const { offsets, targets } = world.net.csr;
  const n = world.pop.consumers;
  const complete = world.net.complete;
  const base = deriveKey(world.key, Purpose.model);
  const key = {
    duration: deriveKey(base, K.duration), contact: deriveKey(base, K.contact), gap: deriveKey(base, K.gap), target: deriveKey(base, K.target),
    mixed: deriveKey(base, K.mixed),
  };
  const sis = m.kind === "sis";
  const perSusceptible = complete && m.timeStep === "discrete";
  const status = new Uint8Array(n);
  const recoverAt = new Int32Array(n);
  const contacts = new TickQueue(world.scenario.horizon); // tie index (network) or node (fully mixed)
  const recoveries = new TickQueue(world.scenario.horizon);
  const seeds = resolveSeeds(m.seeds, n, deriveKey(base, 0));
  const counts: SirCounts = { status: new Float64Array(3), ever: 0, fresh: 0, everByCircle: new Float64Array(world.pop.circleCount) };
  const count = counts.status;
  count[S] = n;

  function sourceOf(e: number): number {
    let lo = 0, hi = n; // largest j with offsets[j] <= e
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid] <= e) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  function scheduleTie(e: number, after: number, until: number): void {
    const c = after + 1 + geometricFromUniform(uniform(key.contact, after, e, 0), m.beta);
    if (c <= until) contacts.push(c, e, 0);
  }

  function infect(i: number, t: number): void {
    count[status[i]]--;
    status[i] = I;
    count[I]++;
    counts.ever++;
    counts.fresh++;
    counts.everByCircle[world.pop.circle[i]]++;
    const end = t + 1 + geometricFromUniform(uniform(key.duration, t, i, 0), m.gamma);
    recoverAt[i] = end;
    recoveries.push(end, i, 0);
    if (perSusceptible) return; // infections are drawn per susceptible and tick instead
    if (complete) {
      // Poisson(β) contacts per tick over D = end − t ticks: exponential gaps on [0, D).
      let s = 0;
      for (let k = 0; ; k++) {
        s += -log1p(-uniform(key.gap, t, i, k)) / m.beta;
        if (!(s < end - t)) break;
        contacts.push(t + 1 + Math.floor(s), Math.floor(uniform(key.target, t, i, k) * n), 0);
      }
    } else for (let e = offsets[i]; e < offsets[i + 1]; e++) scheduleTie(e, t, end);
  }

  return {
    ...bindMetrics(SIR_METRICS, SIR_CIRCLE_METRICS, counts),
    tick(t) {
      counts.fresh = 0;
      if (t === 0) {
        for (const s of seeds) if (status[s] === S) infect(s, 0);
      } else if (perSusceptible) {
        const P = (m.beta * count[I]) / n; // the I of the end of tick t − 1: all of them transmit on tick t
        if (P > 0) for (let i = 0; i < n; i++) if (status[i] === S && uniform(key.mixed, t, i, 0) < P) infect(i, t);
      }
      const due = contacts.take(t);
      for (let q = 0; q < due.length; q++) {
        const x = agentOf(due[q]);
        const target = complete ? x : targets[x];
        if (status[target] === S) infect(target, t);
        if (sis && !complete) scheduleTie(x, t, recoverAt[sourceOf(x)]);
      }
      const rec = recoveries.take(t);
      for (let q = 0; q < rec.length; q++) {
        const i = agentOf(rec[q]);
        if (status[i] !== I || recoverAt[i] !== t) continue;
        count[I]--;
        status[i] = sis ? S : R;
        count[status[i]]++;
      }
    },
    finish: (): RunTables => emptyTables(),
    agents: { states: sis ? ["susceptible", "infected"] : ["susceptible", "infected", "recovered"], state: (out) => out.set(status.subarray(0, out.length)) },
  };
}
