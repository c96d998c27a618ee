/**
 * One run of the social model split across W workers (docs/sweeps.md, "Splitting one large run").
 * Worker w runs a SocialRun that owns part w of the agents (blocks of 64 dealt round the workers:
 * models/social-state.ts): it alone runs their exposures and funnel events and writes their state
 * (SocialState in SharedArrayBuffers); every worker replays what all share (the schedule, the budget,
 * ad and recruitment draws, group lists).
 * What the runs trade at the end of each tick (models/social.ts, Handoff: shares due next tick,
 * group joins, customers per circle) goes through this file's exchange: write mine, one barrier,
 * read everyone's. Handoffs alternate between two slots by tick parity, so a worker writing tick
 * t + 1's never overwrites tick t's while another still reads it.
 * Each agent therefore sees the same exposures in the same order as in one thread, with the same
 * draws (keyed by tick, tie or slot, content), and the result is bit-identical for any W: the parts'
 * counts are integers, and spend is reported by worker 0 alone.
 */
import type { Series } from "../core/collect/collector.ts";
import { createCollector } from "../core/collect/collector.ts";
import type { RunResult } from "../core/run.ts";
import type { RunTables } from "../core/dynamics.ts";
import { SocialRun, type Exchange, type Handoff } from "../core/models/social.ts";
import { blockOwners, forOwnedBlocks, sharedBuffers, socialState, type SocialState } from "../core/models/social-state.ts";
import { kernelMemory, kernelState, type KernelMemory } from "../core/models/delivery-kernel.ts";
import { exposureBytes } from "../core/models/exposure-kernel.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import type { CompiledPlan } from "../core/strategies/plan.ts";
import type { World } from "../core/world.ts";
import { barrier, controlLength, DEFAULT_SPINS } from "./barrier.ts";

export interface SocialShared {
  readonly workers: number;
  readonly state: SocialState;
  /** The shared wasm memory that holds the state's records, where deliveries run as wasm (delivery-kernel.ts). */
  readonly kernel?: KernelMemory;
  /**
   * The workers' Handoffs, in two slots by tick parity: slot k = (t & 1) · workers + w holds
   * worker w's Handoff of tick t. Shares due on the next tick (queue keys; growable buffers) and how many.
   */
  readonly due: SharedArrayBuffer[];
  readonly dueSize: Int32Array;
  /** Group joins of the tick (pairs group, agent), and how many numbers. */
  readonly joins: SharedArrayBuffer[];
  readonly joinSize: Int32Array;
  /** customers[k · circles + c]: slot k's customers in circle c so far. */
  readonly customers: Float64Array;
  readonly circles: number;
  /** Barrier and abort flag (barrier.ts). */
  readonly control: Int32Array;
  readonly spins: number;
}

/** What a worker is asked to run: plan `planIndex` of the world's scenario. */
export interface SocialJob {
  readonly world: World;
  readonly planIndex: number;
}

/** A worker's share of a run: its counts, which the driver adds up (mergeParts). */
export interface PartResult {
  readonly series: Series;
  readonly tables: RunTables;
}

/** Growable shared buffer: `bytes` now, up to `max`. */
function growable(bytes: number, max: number): SharedArrayBuffer {
  const Growable = SharedArrayBuffer as unknown as new (bytes: number, opts: { maxByteLength: number }) => SharedArrayBuffer;
  return new Growable(bytes, { maxByteLength: Math.max(bytes, max) });
}

/**
 * Shared memory for split runs of the compiled `plans` of `world`'s scenario over `workers` workers
 * (room for the most repeated cases and contents any of them has). The network must be built with
 * `sharedArrays` (the workers read it without a copy).
 */
export function layoutSocial(world: World, workers: number, plans: readonly CompiledPlan[], opts: { spins?: number } = {}): SocialShared {
  const { pop } = world;
  const n = pop.n, C = pop.circleCount;
  const cases = Math.max(0, ...plans.map((p) => p.caseCount));
  const contents = Math.max(0, ...plans.map((p) => p.contents.length));
  const owners = blockOwners(n, workers);
  const counts = new Int32Array(workers);
  for (let w = 0; w < workers; w++) forOwnedBlocks(owners, w, n, (lo, hi) => (counts[w] += hi - lo));
  const owned = (k: number) => counts[k % workers];
  const slots = 2 * workers;
  const kernel = kernelMemory(world.net.csr, n, workers, true, exposureBytes(C, world.scenario.horizon, contents));
  return {
    workers,
    state: kernel ? kernelState(kernel, cases, sharedBuffers) : socialState(n, cases, sharedBuffers),
    kernel,
    // A worker's due shares are distinct (sharer, message) pairs: a few per owned agent in practice.
    due: Array.from({ length: slots }, (_, k) => growable(8 * 1024, Math.min(1 << 30, 8 * 64 * (owned(k) + 1024)))),
    dueSize: new Int32Array(new SharedArrayBuffer(4 * slots)),
    // An agent buys at most once per tick and then joins at most two groups.
    joins: Array.from({ length: slots }, (_, k) => new SharedArrayBuffer(4 * (4 * owned(k) + 2))),
    joinSize: new Int32Array(new SharedArrayBuffer(4 * slots)),
    customers: new Float64Array(new SharedArrayBuffer(8 * slots * C)),
    circles: C,
    control: new Int32Array(new SharedArrayBuffer(4 * controlLength(workers))),
    spins: opts.spins ?? DEFAULT_SPINS,
  };
}

function put(buffers: SharedArrayBuffer[], sizes: Int32Array, k: number, data: Float64Array | Int32Array, w: number): void {
  const b = buffers[k];
  if (data.byteLength > b.byteLength) {
    const max = (b as unknown as { maxByteLength: number }).maxByteLength;
    if (data.byteLength > max) throw new RangeError(`split run: worker ${w} has ${data.length} entries to pass on this tick, its buffer holds ${max / data.BYTES_PER_ELEMENT}`);
    (b as unknown as { grow(n: number): void }).grow(Math.min(max, Math.max(data.byteLength, 2 * b.byteLength)));
  }
  new Uint8Array(b, 0, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  sizes[k] = data.length;
}

/** Worker w's end-of-tick exchange over `s`: write its Handoff in this tick's slot, wait for every worker, read theirs. */
function sharedExchange(s: SocialShared, w: number): Exchange {
  const W = s.workers, C = s.circles;
  return (mine: Handoff, t: number): Handoff[] => {
    const base = (t & 1) * W;
    put(s.due, s.dueSize, base + w, mine.due, w);
    put(s.joins, s.joinSize, base + w, mine.joins, w);
    s.customers.set(mine.customers, (base + w) * C);
    barrier(s.control, W, w, s.spins);
    return Array.from({ length: W }, (_, u) => {
      const k = base + u;
      return {
        due: new Float64Array(s.due[k], 0, s.dueSize[k]),
        joins: new Int32Array(s.joins[k], 0, s.joinSize[k]),
        customers: s.customers.subarray(k * C, (k + 1) * C),
      };
    });
  };
}

/**
 * Run worker w's part of `job` on `s`; the caller runs every w in 0 … W − 1 at the same time, one
 * thread each. Throws SplitAborted (barrier.ts) when another worker failed; a worker that fails must
 * raise the abort flag (abortBarrier(s.control)), or the others wait for it forever.
 */
export function runSocialPart(job: SocialJob, s: SocialShared, w: number, onTick?: (t: number) => void): PartResult {
  const { world, planIndex } = job;
  const H = world.scenario.horizon;
  const plan = compilePlan(world, world.scenario.plans[planIndex], planIndex);
  const run = new SocialRun(world, plan, { index: w, parts: s.workers, leader: w === 0, state: s.state, kernel: s.kernel, exchange: sharedExchange(s, w) });
  const collector = createCollector(run, H + 1, s.circles);
  barrier(s.control, s.workers, w, s.spins); // every worker has reset its range
  for (let t = 0; t <= H; t++) {
    run.tick(t);
    collector.collect(t);
    onTick?.(t);
  }
  return { series: collector.series, tables: run.finish() };
}

/**
 * How unevenly a run's work fell on its parts: Σ_t max_w work / Σ_t mean_w work, where a part's work
 * in tick t is its readers' deliveries plus their seen exposures (each seen one runs the whole
 * exposure). 1: perfectly even; W: one part did everything. Every tick waits for its busiest part,
 * so W parts run at most W / imbalance times as fast as one. Counted, not timed: load does not move it.
 */
export function partImbalance(parts: readonly PartResult[]): number {
  const { metrics, rows } = parts[0].series;
  const cols = ["reportedImpressions", "realImpressions"].map((m) => metrics.indexOf(m) * rows);
  const work = (p: PartResult, t: number) => cols.reduce((a, c) => a + p.series.values[c + t] - (t > 0 ? p.series.values[c + t - 1] : 0), 0);
  let sumMax = 0, sumMean = 0;
  for (let t = 0; t < rows; t++) {
    let max = 0, sum = 0;
    for (const p of parts) {
      const w = work(p, t);
      max = Math.max(max, w);
      sum += w;
    }
    sumMax += max;
    sumMean += sum / parts.length;
  }
  return sumMean > 0 ? sumMax / sumMean : 1;
}

/** The run's result from its parts, in worker order: every count is the sum of the parts' counts. */
export function mergeParts(job: SocialJob, parts: readonly PartResult[]): RunResult {
  const [first] = parts;
  const sum = (pick: (p: PartResult) => Float64Array): Float64Array => {
    const out = new Float64Array(pick(first).length);
    for (const p of parts) {
      const a = pick(p);
      for (let k = 0; k < out.length; k++) out[k] += a[k];
    }
    return out;
  };
  const ch = first.tables.channels;
  return {
    plan: job.world.scenario.plans[job.planIndex].name,
    replicate: job.world.replicate,
    series: { ...first.series, values: sum((p) => p.series.values), circleValues: sum((p) => p.series.circleValues) },
    tables: {
      frequency: sum((p) => p.tables.frequency),
      channels: {
        names: ch.names,
        spend: sum((p) => p.tables.channels.spend),
        reported: sum((p) => p.tables.channels.reported),
        real: sum((p) => p.tables.channels.real),
        firstTouch: sum((p) => p.tables.channels.firstTouch),
        lastTouch: sum((p) => p.tables.channels.lastTouch),
        earned: sum((p) => p.tables.channels.earned),
        allotted: ch.allotted,
      },
      waves: first.tables.waves,
    },
  };
}
