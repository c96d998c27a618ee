/**
 * Shared memory of one Independent Cascade run split across W workers (docs/sweeps.md, "Splitting one
 * large run across workers"). Everything here is a typed array over a SharedArrayBuffer, or a small
 * plain copy, so the object can be posted to worker threads as it is: posting shares, never copies,
 * the large arrays. Agents [0, consumers) are cut into W contiguous owned ranges with about the same
 * number of out-ties each, on multiples of 32 so that each word of the active bitmap has one owner;
 * only the owner of an agent writes its state.
 */
import { sharedArrays, type Csr } from "../core/network/csr.ts";
import { controlLength, DEFAULT_SPINS } from "./barrier.ts";

export interface CascadeShared {
  readonly workers: number;
  /** Agents that can activate: [0, consumers). Agents past it (accounts) never do. */
  readonly consumers: number;
  readonly horizon: number;
  readonly circles: number;
  /** Consumers of circle c are [circleStart[c], circleStart[c + 1]) (a plain copy: small). */
  readonly circleStart: Int32Array;
  /** Worker w owns agents [bounds[w], bounds[w + 1]) (a plain copy: small). */
  readonly bounds: Int32Array;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
  /** Run parameters, written before each run: [JOB_KEY] model key, [JOB_THRESHOLD] p · 2³² (NaN: each tie's weight), [JOB_SEED_COUNT]. */
  readonly job: Float64Array;
  /** Seed ids of the run: the first `job[JOB_SEED_COUNT]` entries. */
  readonly seeds: Int32Array;
  /** Bit i (word i >>> 5, bit i & 31) is 1 once agent i is active; agents past `consumers` are 1 from the start, so they are never tried. */
  readonly active: Int32Array;
  /**
   * Activation requests between workers, two generations (tick parity): the requests worker u sends
   * to owner v on a tick of parity p are outbox[(p·W + u)·consumers + bounds[v] + k], k < outboxSize[(p·W + u)·W + v].
   * A sender sends an agent at most once per tick, so owner v's slice (its range's length) always suffices.
   */
  readonly outbox: Int32Array;
  readonly outboxSize: Int32Array;
  /** progress[p·W + u]: activations worker u made or requested on the last tick of parity p. */
  readonly progress: Int32Array;
  /**
   * stats[(w·(horizon + 1) + t)·statsStride(circles) + k]: k = STATS_ATTEMPTS ties tried by worker w's sources on tick t,
   * STATS_REQUESTS activation requests it sent to other owners, STATS_CIRCLES + c its agents of circle c activated on tick t.
   */
  readonly stats: Float64Array;
  /** Barrier, abort flag, run counter (barrier.ts). */
  readonly control: Int32Array;
  /** Barrier spins before a worker parks (0 when there are more workers than cores). */
  readonly spins: number;
}

export const JOB_KEY = 0;
export const JOB_THRESHOLD = 1;
export const JOB_SEED_COUNT = 2;
export const STATS_ATTEMPTS = 0;
export const STATS_REQUESTS = 1;
export const STATS_CIRCLES = 2;
export const statsStride = (circles: number): number => STATS_CIRCLES + circles;

const sharedInt32 = sharedArrays.int32;

/** True when the array lives in a SharedArrayBuffer (a worker can read it without a copy). */
export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== "undefined" && a.buffer instanceof SharedArrayBuffer;
}

/** The CSR in SharedArrayBuffers: itself when it already is (built with `sharedArrays`), else a copy. */
export function shareCsr(csr: Csr): Csr {
  if (isShared(csr.offsets) && isShared(csr.targets) && isShared(csr.weights)) return csr;
  const copy = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T): T => {
    const out = make(a.length);
    out.set(a);
    return out;
  };
  return {
    n: csr.n,
    offsets: copy(csr.offsets, sharedInt32),
    targets: copy(csr.targets, sharedInt32),
    weights: copy(csr.weights, sharedArrays.float32),
  };
}

/**
 * W contiguous ranges of [0, consumers) with about the same number of out-ties each (a firing agent
 * costs its out-degree): bounds[w] is the first agent whose ties start at or after w/W of the total,
 * rounded to a multiple of 32 (one owner per bitmap word). Ranges may be empty on tiny networks.
 */
export function ownerRanges(offsets: Int32Array, consumers: number, workers: number): Int32Array {
  const bounds = new Int32Array(workers + 1);
  const total = offsets[consumers];
  let i = 0;
  for (let w = 1; w < workers; w++) {
    const goal = total > 0 ? (total * w) / workers : (consumers * w) / workers;
    while (i < consumers && (total > 0 ? offsets[i] : i) < goal) i++;
    bounds[w] = Math.max(bounds[w - 1], Math.min(consumers & ~31, (i + 16) & ~31));
  }
  bounds[workers] = consumers;
  return bounds;
}

export interface SplitLayoutInput {
  csr: Csr;
  consumers: number;
  circleStart: Int32Array;
  horizon: number;
  workers: number;
  /** Most seeds a run on this memory may have (default: consumers). */
  maxSeeds?: number;
  /** Barrier spins before parking (default DEFAULT_SPINS; pass 0 when workers outnumber cores). */
  spins?: number;
}

/** Allocate the shared memory of a split run on this network (the CSR must be shared already: see shareCsr). */
export function allocateSplit(x: SplitLayoutInput): CascadeShared {
  const { csr, consumers, horizon, workers } = x;
  if (!isShared(csr.offsets) || !isShared(csr.targets) || !isShared(csr.weights))
    throw new TypeError("allocateSplit: the CSR must live in SharedArrayBuffers (build it with sharedArrays, or shareCsr it)");
  if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`allocateSplit: workers must be an integer ≥ 1, got ${workers}`);
  const circles = x.circleStart.length - 1;
  const active = sharedInt32((csr.n + 31) >>> 5);
  for (let i = consumers; i < csr.n; i++) active[i >>> 5] |= 1 << (i & 31);
  return {
    workers,
    consumers,
    horizon,
    circles,
    circleStart: Int32Array.from(x.circleStart),
    bounds: ownerRanges(csr.offsets, consumers, workers),
    offsets: csr.offsets,
    targets: csr.targets,
    weights: csr.weights,
    job: new Float64Array(new SharedArrayBuffer(8 * 3)),
    seeds: sharedInt32(Math.min(consumers, x.maxSeeds ?? consumers)),
    active,
    outbox: sharedInt32(workers > 1 ? 2 * workers * consumers : 0),
    outboxSize: sharedInt32(2 * workers * workers),
    progress: sharedInt32(2 * workers),
    stats: new Float64Array(new SharedArrayBuffer(8 * workers * (horizon + 1) * statsStride(circles))),
    control: sharedInt32(controlLength(workers)),
    spins: x.spins ?? DEFAULT_SPINS,
  };
}

/** Bytes of shared memory a split run adds to its network (the CSR is not counted). */
export function splitBytes(s: CascadeShared): number {
  return [s.job, s.seeds, s.active, s.outbox, s.outboxSize, s.progress, s.stats, s.control].reduce((a, v) => a + v.byteLength, 0);
}
