/**
 * Shared memory of runs split across W workers (docs/sweeps.md, "Splitting one large run across
 * workers"): who owns which agents, the network in SharedArrayBuffers, and the memory of Independent
 * Cascade runs (core/models/cascade.ts) with a barrier. Everything here is a typed array over a
 * SharedArrayBuffer, or a small plain copy, so the object can be posted to worker threads as it is:
 * posting shares, never copies, the large arrays. Agents [0, consumers) are cut into W contiguous
 * owned ranges with about the same number of out-ties each, on multiples of 32 so that each word of
 * the active bitmap has one owner; only the owner of an agent writes its state.
 */
import { type Csr, type TieClasses } from "../core/network/csr.ts";
import { sharedArrays } from "../core/memory.ts";
import { cascadeMemory, setCascadeJob, type CascadeMemory, type MemoryAllocator } from "../core/models/cascade.ts";
import type { World } from "../core/world.ts";
import { controlLength, DEFAULT_SPINS } from "./barrier.ts";

/** The memory of IC runs on one network, shared by the W parts, with their barrier. */
export interface CascadeShared extends CascadeMemory {
  /** Barrier and abort flag (barrier.ts). */
  readonly control: Int32Array;
  /** Barrier spins before a worker parks (0 when there are more workers than cores). */
  readonly spins: number;
}

const sharedInt32 = sharedArrays.int32;
const sharedMemory: MemoryAllocator = { ...sharedArrays, float64: (length) => new Float64Array(new SharedArrayBuffer(8 * length)) };

/** True when the array lives in a SharedArrayBuffer (a worker can read it without a copy). */
export function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== "undefined" && a.buffer instanceof SharedArrayBuffer;
}

/** The CSR in SharedArrayBuffers: itself when it already is (built with `sharedArrays`), else a copy. */
export function shareCsr(csr: Csr): Csr {
  if (isShared(csr.offsets) && isShared(csr.targets) && isShared(csr.tieClass)) return csr;
  const copy = <T extends Int32Array | TieClasses>(a: T): T => {
    const out = new (a.constructor as new (b: SharedArrayBuffer) => T)(new SharedArrayBuffer(a.byteLength));
    out.set(a);
    return out;
  };
  return { n: csr.n, offsets: copy(csr.offsets), targets: copy(csr.targets), tieClass: copy(csr.tieClass), classWeight: csr.classWeight };
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

/**
 * Shared memory for split IC runs on this world over `workers` workers, with the world's job written
 * (it depends on the world and the model, not on the plan). The CSR is copied unless it is already shared.
 */
export function layoutCascade(world: World, workers: number, opts: { spins?: number } = {}): CascadeShared {
  const m = world.scenario.model;
  if (m.kind !== "ic") throw new RangeError(`layoutCascade: model.kind is "${m.kind}", not "ic"`);
  if (!(Number.isInteger(workers) && workers >= 1)) throw new RangeError(`layoutCascade: workers must be an integer ≥ 1, got ${workers}`);
  const csr = shareCsr(world.net.csr);
  const mem = cascadeMemory(world, csr, ownerRanges(csr.offsets, world.pop.consumers, workers), sharedMemory);
  setCascadeJob(mem, world, m);
  return { ...mem, control: sharedInt32(controlLength(workers)), spins: opts.spins ?? DEFAULT_SPINS };
}

/** Bytes of shared memory a split run adds to its network (the CSR is not counted). */
export function splitBytes(s: CascadeShared): number {
  return [s.job, s.seeds, s.active, s.outbox, s.outboxSize, s.progress, s.stats, s.control].reduce((a, v) => a + v.byteLength, 0);
}
