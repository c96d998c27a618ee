/**
 * Independent Cascade (Kempe, Kleinberg & Tardos 2003): a node activated on tick t tries each
 * follower once on tick t + 1, succeeding with the tie's probability. The draw is keyed by the tie
 * alone (one-word MurmurHash3: tie e is live when hash1(key, e) < p · 2³²), so each tie is live or not
 * once per run: the live-edge view of IC.
 *
 * One kernel serves the plain run (one part owning every agent) and the run split across W threads
 * (engine/split/cascade-part.ts), so the two cannot drift apart. Part w owns agents [bounds[w],
 * bounds[w + 1]) and alone writes their bits. A tick, per part:
 *   (a) scan: fire the frontier agents it owns (activated on the previous tick, or seeds on tick 0), in
 *       index order; a live tie to an inactive agent activates it at once if the part owns it, else the
 *       target is written once into the outbox for its owner;
 *   — exchange (a barrier between threads; nothing in a plain run) —
 *   (b) activate: the owner activates the requested agents still inactive (duplicates drop out), on
 *       this tick; they join its next frontier, and its counts of tick t.
 * A scan may read an agent's bit while its owner sets it (phase b of the tick before): it then sees 0
 * or 1. A stale 0 only sends a request its owner drops, a 1 is true, and bits only go 0 → 1 during a
 * run, so which agents activate on which tick, and every count, is the same for any W. The active
 * flags are a bitmap: at a million agents 1 bit per agent stays in cache where a byte does not, and
 * testing a random target is the loop's main cost.
 */
import type { Model } from "../../../scenarios/schema/model.ts";
import { emptyTables, type Dynamics } from "../dynamics.ts";
import { type Csr, type TieClasses } from "../network/csr.ts";
import { heapArrays, type Allocator } from "../memory.ts";
import { hash1 } from "../rng/hash.ts";
import { deriveKey, Purpose } from "../rng/seed.ts";
import type { World } from "../world.ts";
import { bindMetrics } from "../metrics.ts";
import { activationCounts, ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS, type ActivationCounts } from "./activation.ts";
import { resolveSeeds, seedCount } from "./seeds.ts";

export type CascadeModel = Extract<Model, { kind: "ic" }>;

/** The memory of IC runs on one network, cut into W owned ranges (W = 1: a plain run). */
export interface CascadeMemory {
  readonly workers: number;
  /** Agents that can activate: [0, consumers). Agents past it (accounts) never do. */
  readonly consumers: number;
  readonly horizon: number;
  readonly circles: number;
  /** Consumers of circle c are [circleStart[c], circleStart[c + 1]) (a plain copy: small). */
  readonly circleStart: Int32Array;
  /** Part w owns agents [bounds[w], bounds[w + 1]) (a plain copy: small). */
  readonly bounds: Int32Array;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Tie e weighs classWeight[tieClass[e]] (csr.ts). */
  readonly tieClass: TieClasses;
  readonly classWeight: Float32Array;
  /** Run parameters, written before each run (setCascadeJob): [JOB_KEY] model key, [JOB_THRESHOLD] p · 2³² (NaN: each tie's weight), [JOB_SEED_COUNT]. */
  readonly job: Float64Array;
  /** Seed ids of the run: the first `job[JOB_SEED_COUNT]` entries. */
  readonly seeds: Int32Array;
  /** Bit i (word i >>> 5, bit i & 31) is 1 once agent i is active; agents past `consumers` are 1 from the start, so they are never tried. */
  readonly active: Int32Array;
  /**
   * Activation requests between parts, two generations (tick parity): the requests part u sends to
   * owner v on a tick of parity p are outbox[(p·W + u)·consumers + bounds[v] + k], k < outboxSize[(p·W + u)·W + v].
   * A sender sends an agent at most once per tick, so owner v's slice (its range's length) always suffices.
   */
  readonly outbox: Int32Array;
  readonly outboxSize: Int32Array;
  /** progress[p·W + u]: activations part u made or requested on the last tick of parity p. */
  readonly progress: Int32Array;
  /**
   * stats[(w·(horizon + 1) + t)·statsStride(circles) + k]: k = STATS_ATTEMPTS ties tried by part w's sources on tick t,
   * STATS_REQUESTS activation requests it sent to other owners, STATS_CIRCLES + c its agents of circle c activated on tick t.
   */
  readonly stats: Float64Array;
}

export const JOB_KEY = 0;
export const JOB_THRESHOLD = 1;
export const JOB_SEED_COUNT = 2;
export const STATS_ATTEMPTS = 0;
export const STATS_REQUESTS = 1;
export const STATS_CIRCLES = 2;
export const statsStride = (circles: number): number => STATS_CIRCLES + circles;

/** Typed arrays for the memory: heap arrays for a plain run, SharedArrayBuffers for a split one. */
export interface MemoryAllocator extends Allocator {
  float64(length: number): Float64Array;
}

export const heapMemory: MemoryAllocator = { ...heapArrays, float64: (length) => new Float64Array(length) };

/** Allocate the memory of IC runs of `world`'s model on `csr` (the world's network, or a shared copy), owned as `bounds` says. */
export function cascadeMemory(world: World, csr: Csr, bounds: Int32Array, alloc: MemoryAllocator = heapMemory): CascadeMemory {
  const m = world.scenario.model;
  const consumers = world.pop.consumers, horizon = world.scenario.horizon;
  const workers = bounds.length - 1;
  const circles = world.pop.circleCount;
  const active = alloc.int32((csr.n + 31) >>> 5);
  for (let i = consumers; i < csr.n; i++) active[i >>> 5] |= 1 << (i & 31);
  return {
    workers,
    consumers,
    horizon,
    circles,
    circleStart: Int32Array.from(world.pop.circleStart),
    bounds: Int32Array.from(bounds),
    offsets: csr.offsets,
    targets: csr.targets,
    tieClass: csr.tieClass,
    classWeight: csr.classWeight,
    job: alloc.float64(3),
    seeds: alloc.int32(Math.min(consumers, m.kind === "ic" ? seedCount(m.seeds, consumers) : consumers)),
    active,
    outbox: alloc.int32(workers > 1 ? 2 * workers * consumers : 0),
    outboxSize: alloc.int32(2 * workers * workers),
    progress: alloc.int32(2 * workers),
    stats: alloc.float64(workers * (horizon + 1) * statsStride(circles)),
  };
}

/**
 * Write the parameters of the IC run of `world` (its key: the replicate's) into `mem`: the model key,
 * the threshold p · 2³² (NaN: each tie's weight) and the seeds.
 */
export function setCascadeJob(mem: CascadeMemory, world: World, m: CascadeModel): void {
  const key = deriveKey(world.key, Purpose.model);
  const seeds = resolveSeeds(m.seeds, world.pop.consumers, deriveKey(key, 1));
  mem.job[JOB_KEY] = key;
  mem.job[JOB_THRESHOLD] = m.probability !== undefined ? m.probability * 4294967296 : NaN;
  if (seeds.length > mem.seeds.length) throw new RangeError(`setCascadeJob: ${seeds.length} seeds, the memory holds ${mem.seeds.length}`);
  mem.job[JOB_SEED_COUNT] = seeds.length;
  mem.seeds.set(seeds);
}

/** The circle of consumer i: circleStart[c] ≤ i < circleStart[c + 1]. */
function circleOf(circleStart: Int32Array, i: number): number {
  let lo = 0, hi = circleStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (circleStart[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Phase (a) of a tick for the part owning [lo, hi): fire its frontier `front` (owned words only),
 * lowest agent first; activate owned targets into `next`, request the others from their owners.
 * Writes [activations, ties tried, requests] into `counts`. A plain function of its arguments, so the
 * hot loop reads locals rather than a closure's context.
 */
function scan(mem: CascadeMemory, lo: number, hi: number, key: number, threshold: number, front: Int32Array, next: Int32Array, sent: Int32Array, sentTo: Int32Array, rows: Float64Array, base: number, row: number, counts: Float64Array): void {
  const { offsets, targets, tieClass, classWeight, active, outbox, bounds, circleStart } = mem;
  const perTie = threshold !== threshold; // NaN: each tie's weight
  const wlo = lo >>> 5, words = ((hi + 31) >>> 5) - wlo;
  let nn = 0, attempts = 0, requested = 0;
  for (let k = 0; k < words; k++) {
    let m = front[k];
    if (m === 0) continue;
    front[k] = 0;
    const j0 = (wlo + k) << 5;
    do {
      const j = j0 | (31 - Math.clz32(m & -m));
      m &= m - 1;
      const end = offsets[j + 1];
      let e = offsets[j];
      attempts += end - e;
      for (; e < end; e++) {
        const i = targets[e], word = i >>> 5, bit = 1 << (i & 31);
        if ((active[word] & bit) !== 0) continue;
        const h = hash1(key, e);
        if (!(perTie ? h < classWeight[tieClass[e]] * 4294967296 : h < threshold)) continue;
        if (i >= lo && i < hi) {
          active[word] |= bit;
          next[word - wlo] |= bit;
          rows[row + circleOf(circleStart, i)]++;
          nn++;
        } else if ((sent[word] & bit) === 0) {
          sent[word] |= bit;
          let v = 0;
          while (i >= bounds[v + 1]) v++;
          outbox[base + bounds[v] + sentTo[v]++] = i;
          requested++;
        }
      }
    } while (m !== 0);
  }
  counts[0] = nn;
  counts[1] = attempts;
  counts[2] = requested;
}

/** Part w of a run, tick by tick: tick(t) returns false once nothing activated anywhere on tick t (every later tick would count nothing). */
export interface CascadePart {
  tick(t: number): boolean;
}

/**
 * Part w of the run described by `mem.job`; `exchange` is called where the parts must meet (a barrier
 * when W threads run the W parts at once; a no-op when W = 1). Tick 0 first resets the owned range and
 * activates the owned seeds.
 */
export function cascadePart(mem: CascadeMemory, w: number, exchange: () => void): CascadePart {
  const W = mem.workers, n = mem.consumers;
  const { active, outbox, outboxSize, progress, bounds, circleStart } = mem;
  const lo = bounds[w], hi = bounds[w + 1];
  const wlo = lo >>> 5, whi = (hi + 31) >>> 5;
  const key = mem.job[JOB_KEY] | 0;
  const threshold = mem.job[JOB_THRESHOLD];
  const stride = statsStride(mem.circles);
  const rows = mem.stats.subarray(w * (mem.horizon + 1) * stride, (w + 1) * (mem.horizon + 1) * stride);
  // The part's frontier bitmaps (owned words only) and the bitmap of targets it requested this tick.
  const fronts = [new Int32Array(whi - wlo), new Int32Array(whi - wlo)]; // this tick's frontier, the next one's
  const sent = new Int32Array(W > 1 ? (n + 31) >>> 5 : 0);
  const sentTo = new Int32Array(W);
  const counts = new Float64Array(3); // what scan() found: activations, ties tried, requests sent
  let fn = 0;

  // Reset the owned range (bits past `consumers` stay 1) and activate the owned seeds on tick 0.
  function start(): void {
    rows.fill(0);
    for (let k = wlo; k < whi; k++) active[k] = 0;
    if ((hi & 31) !== 0 && whi > wlo) active[whi - 1] = -1 << (hi & 31);
    const seedCount = mem.job[JOB_SEED_COUNT];
    for (let k = 0; k < seedCount; k++) {
      const i = mem.seeds[k], bit = 1 << (i & 31);
      if (i >= lo && i < hi && (active[i >>> 5] & bit) === 0) {
        active[i >>> 5] |= bit;
        fronts[0][(i >>> 5) - wlo] |= bit;
        rows[STATS_CIRCLES + circleOf(circleStart, i)]++;
        fn++;
      }
    }
    exchange(); // nobody scans before every part has reset its range
  }

  function tick(t: number): boolean {
    if (t === 0) start();
    const parity = t & 1;
    const base = (parity * W + w) * n;
    const row = t * stride + STATS_CIRCLES;
    sentTo.fill(0);
    const front = fronts[0], next = fronts[1];
    if (fn > 0) scan(mem, lo, hi, key, threshold, front, next, sent, sentTo, rows, base, row, counts);
    else counts.fill(0);
    const attempts = counts[1], requested = counts[2];
    let nn = counts[0];
    rows[t * stride + STATS_ATTEMPTS] = attempts;
    rows[t * stride + STATS_REQUESTS] = requested;
    for (let v = 0; v < W; v++) outboxSize[(parity * W + w) * W + v] = sentTo[v];
    progress[parity * W + w] = nn + requested;
    exchange();

    let any = 0;
    for (let u = 0; u < W; u++) any += progress[parity * W + u];
    // Forget this tick's requests (the owners read the outbox, never this bitmap).
    if (requested > 0)
      for (let v = 0; v < W; v++) for (let k = 0, b = base + bounds[v]; k < sentTo[v]; k++) sent[outbox[b + k] >>> 5] = 0;
    // (b) activate the agents other parts asked this owner to activate.
    for (let u = 0; u < W; u++) {
      if (u === w) continue;
      const len = outboxSize[(parity * W + u) * W + w];
      const b = (parity * W + u) * n + lo;
      for (let k = 0; k < len; k++) {
        const i = outbox[b + k], word = i >>> 5, bit = 1 << (i & 31);
        if ((active[word] & bit) === 0) {
          active[word] |= bit;
          next[word - wlo] |= bit;
          rows[row + circleOf(circleStart, i)]++;
          nn++;
        }
      }
    }
    fronts[0] = next;
    fronts[1] = front;
    fn = nn;
    return any > 0;
  }

  return { tick };
}

/**
 * Add tick t of every part's counts to the activation counts the metrics read (active, newActive,
 * attempts; active per circle). Counts are integers, so the sums are exact in any order.
 */
export function addCascadeTick(mem: CascadeMemory, t: number, counts: ActivationCounts): void {
  const C = mem.circles, rows = mem.horizon + 1, stride = statsStride(C);
  counts.fresh = 0;
  for (let w = 0; w < mem.workers; w++) {
    const row = (w * rows + t) * stride;
    counts.attempts += mem.stats[row + STATS_ATTEMPTS];
    for (let c = 0; c < C; c++) {
      const k = mem.stats[row + STATS_CIRCLES + c];
      counts.fresh += k;
      counts.byCircle[c] += k;
    }
  }
  counts.active += counts.fresh;
}

const noExchange = (): void => {};

/** A plain IC run: the kernel as one part owning every agent. */
export function cascadeDynamics(world: World, m: CascadeModel): Dynamics {
  const n = world.pop.consumers;
  const mem = cascadeMemory(world, world.net.csr, Int32Array.of(0, n));
  setCascadeJob(mem, world, m);
  const part = cascadePart(mem, 0, noExchange);
  const counts = activationCounts(world.pop.circleCount);
  let going = true;
  return {
    ...bindMetrics(ACTIVATION_METRICS, ACTIVATION_CIRCLE_METRICS, counts),
    tick(t) {
      if (going) going = part.tick(t);
      addCascadeTick(mem, t, counts); // after the end a tick's rows stay 0: it counts nothing
    },
    finish: emptyTables,
    agents: {
      states: ["inactive", "active"],
      state(out) {
        for (let i = 0; i < out.length; i++) out[i] = (mem.active[i >>> 5] >>> (i & 31)) & 1;
      },
    },
  };
}
