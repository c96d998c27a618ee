/**
 * Trace one plan on one replicate, agent by agent: the same run as runPlan (same world, same draws,
 * same collector), with every consumer's state read after each tick. It gives the tick at which each
 * consumer first reached each state (first saw the campaign, was persuaded, interested, bought, became
 * a fan; or the classic models' states), every state change, the exposures seen per tick, each
 * consumer's circle and a sample of ties: what the viewer's trainer mode animates. Reading the states
 * costs O(consumers) per tick, so it is meant for small populations (a few thousand consumers).
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { createCollector } from "../core/collect/collector.ts";
import type { Dynamics } from "../core/dynamics.ts";
import { socialDynamics } from "../core/models/social.ts";
import { CancelledError, createDynamics, type CancelSignal } from "../core/run.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import { buildWorld } from "../core/world.ts";
import { EngineError } from "../errors.ts";

export interface TraceOptions {
  /** Plan index or name (default: the first plan). */
  plan?: number | string;
  /** Replicate whose world is traced (default 0). */
  replicate?: number;
  /** Most consumer-to-consumer ties to return in the sample (default 3000). */
  maxTies?: number;
  signal?: CancelSignal;
}

/** Growable columns of (tick, agent, value) events. */
export interface TraceEvents {
  readonly tick: Int32Array;
  readonly agent: Int32Array;
  readonly value: Uint16Array;
}

export interface AgentTrace {
  readonly scenario: string;
  readonly plan: string;
  readonly replicate: number;
  readonly seed: number;
  readonly model: Scenario["model"]["kind"];
  readonly horizon: number;
  readonly tickDays: number;
  /** Consumers traced: agents [0, consumers), circle by circle. */
  readonly consumers: number;
  readonly circles: { name: string; size: number; start: number }[];
  /** circle[i]: circle of consumer i. */
  readonly circle: Uint16Array;
  /** Names of the state codes in order; code 0 is the state before tick 0. */
  readonly states: readonly string[];
  /**
   * first[name][i]: first tick after which consumer i's state code was at least that state's (−1: never);
   * in the social model first.seen is the first seen exposure (installed customers may never see one).
   */
  readonly first: Record<string, Int32Array>;
  /** Every state change, by tick then agent: after tick `tick[k]`, agent `agent[k]` is in state `value[k]`. */
  readonly changes: TraceEvents;
  /** Exposures seen in a tick (social model): agent `agent[k]` saw `value[k]` deliveries during tick `tick[k]`. */
  readonly exposures: TraceEvents;
  /** Customers (and fans) the brand already had at tick 0: not caused by the plan, so not in `customers`. */
  readonly installed: Int32Array;
  /** A sample of consumer-to-consumer ties (from → to, "to hears from"), evenly spaced over the network's ties. */
  readonly ties: { readonly from: Int32Array; readonly to: Int32Array; readonly total: number };
  /** The run's own per-tick metrics (what the collector wrote, identical to runPlan's). */
  readonly series: Record<string, Float64Array>;
  /** Per-tick per-circle counts: circleSeries[metric][c][t]. */
  readonly circleSeries: Record<string, Float64Array[]>;
}

class Events {
  private tick = new Int32Array(1024);
  private agent = new Int32Array(1024);
  private value = new Uint16Array(1024);
  size = 0;

  push(t: number, i: number, v: number): void {
    if (this.size === this.tick.length) {
      const grow = <T extends Int32Array | Uint16Array>(a: T, b: T): T => (b.set(a), b);
      this.tick = grow(this.tick, new Int32Array(this.size * 2));
      this.agent = grow(this.agent, new Int32Array(this.size * 2));
      this.value = grow(this.value, new Uint16Array(this.size * 2));
    }
    this.tick[this.size] = t;
    this.agent[this.size] = i;
    this.value[this.size++] = v;
  }

  done(): TraceEvents {
    return { tick: this.tick.slice(0, this.size), agent: this.agent.slice(0, this.size), value: this.value.slice(0, this.size) };
  }
}

function planIndex(s: Scenario, plan: number | string | undefined): number {
  const p = typeof plan === "string" ? s.plans.findIndex((x) => x.name === plan) : (plan ?? 0);
  if (!(p >= 0 && p < s.plans.length)) throw new EngineError(`no plan ${JSON.stringify(plan)} (plans: ${s.plans.map((x) => x.name).join(", ")})`);
  return p;
}

/** Run plan `opts.plan` on replicate `opts.replicate` and record every consumer's state tick by tick. */
export function traceRun(s: Scenario, opts: TraceOptions = {}): AgentTrace {
  const p = planIndex(s, opts.plan);
  const replicate = opts.replicate ?? 0;
  const world = buildWorld(s, replicate);
  const { pop } = world;
  const n = pop.consumers;
  let installed = new Int32Array(0);
  let d: Dynamics;
  if (s.model.kind === "social") {
    const compiled = compilePlan(world, s.plans[p], p);
    installed = Int32Array.from(new Set(compiled.installedCustomers)).sort();
    d = socialDynamics(world, compiled);
  } else d = createDynamics(world, s.plans[p], p);
  const view = d.agents;
  if (!view) throw new EngineError(`the ${s.model.kind} model cannot be traced`);

  const H = s.horizon;
  const collector = createCollector(d, H + 1, pop.circleCount);
  const S = view.states.length;
  const first = Array.from({ length: S }, () => new Int32Array(n).fill(-1));
  const state = new Uint8Array(n);
  const prev = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const seenPrev = new Uint8Array(n);
  const firstSeen = new Int32Array(n).fill(-1);
  const changes = new Events();
  const exposures = new Events();
  for (let t = 0; t <= H; t++) {
    if (opts.signal?.aborted) throw new CancelledError();
    d.tick(t);
    collector.collect(t);
    view.state(state);
    for (let i = 0; i < n; i++) {
      const v = state[i];
      if (v === prev[i]) continue;
      changes.push(t, i, v);
      for (let k = v; k > 0 && first[k][i] < 0; k--) first[k][i] = t;
      prev[i] = v;
    }
    if (view.seen) {
      view.seen(seen);
      for (let i = 0; i < n; i++) {
        if (seen[i] === seenPrev[i]) continue;
        exposures.push(t, i, seen[i] - seenPrev[i]);
        if (seenPrev[i] === 0) firstSeen[i] = t;
      }
      seenPrev.set(seen);
    }
  }

  if (view.seen && view.states[1] === "seen") first[1] = firstSeen;
  const series = collector.series;
  const rows = series.rows;
  const C = pop.circleCount;
  return {
    scenario: s.name,
    plan: s.plans[p].name,
    replicate,
    seed: s.seed,
    model: s.model.kind,
    horizon: H,
    tickDays: s.tickDays,
    consumers: n,
    circles: s.population.circles.map((c, k) => ({ name: c.name, size: c.size, start: pop.circleStart[k] })),
    circle: pop.circle.slice(0, n),
    states: [...view.states],
    first: Object.fromEntries(view.states.slice(1).map((name, k) => [name, first[k + 1]])),
    changes: changes.done(),
    exposures: exposures.done(),
    installed,
    ties: sampleTies(world.net.csr.offsets, world.net.csr.targets, n, opts.maxTies ?? 3000),
    series: Object.fromEntries(series.metrics.map((m, k) => [m, series.values.slice(k * rows, (k + 1) * rows)])),
    circleSeries: Object.fromEntries(series.circleMetrics.map((m, mi) =>
      [m, Array.from({ length: C }, (_, c) => series.circleValues.slice((mi * C + c) * rows, (mi * C + c + 1) * rows))])),
  };
}

/** min(max, M) of the M consumer-to-consumer ties, evenly spaced in CSR order: tie ⌊k · M / take⌋ for k = 0, 1, … (no randomness needed). */
export function sampleTies(offsets: Int32Array, targets: Int32Array, consumers: number, max: number): AgentTrace["ties"] {
  let total = 0;
  for (let e = 0; e < offsets[consumers]; e++) if (targets[e] < consumers) total++;
  const take = Math.min(Math.max(0, max), total);
  const from: number[] = [];
  const to: number[] = [];
  let k = 0;
  let next = 0; // the index among consumer ties of the next one to take
  for (let j = 0; j < consumers && from.length < take; j++)
    for (let e = offsets[j]; e < offsets[j + 1]; e++) {
      if (targets[e] >= consumers) continue;
      if (k++ === next) {
        from.push(j);
        to.push(targets[e]);
        next = Math.floor((from.length * total) / take);
      }
    }
  return { from: Int32Array.from(from), to: Int32Array.from(to), total };
}
