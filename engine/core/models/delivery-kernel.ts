/**
 * A delivery to a block of followers (docs/model.md §3) as WebAssembly: step 1 (seen with probability
 * a_i) here, steps 2–6 of the readers who saw it in exposure-kernel.ts. The social kernel's hottest
 * loops gather each follower's activity from its record (a cache miss each in a large world), draw
 * whether it saw the message, and expose those who did; V8's code for them in TypeScript took about
 * three times C's time, and the same loops as wasm run near C (bench/kernel.ts,
 * bench/social-reference.ts). The records and a copy of the network's ties therefore live in one
 * WebAssembly.Memory, which the run's typed-array views read too. The module is written out
 * instruction by instruction (no toolchain in the build) and computes exactly what SocialRun's
 * TypeScript computes (the same MurmurHash3 draws, the same doubles in the same order), so results are
 * bit-identical with it and without it (test/engine/delivery-kernel.test.ts).
 *
 * Memory layout: per part, a scratch of SCRATCH bytes (the block's seen ties, its own ties, its
 * activities, its events' ties and codes); then the ties (reader | weight class << 27); then the
 * 32-byte agent records (social-state.ts); then per part a run's constants (exposure-kernel.ts).
 */
import type { Csr } from "../network/csr.ts";
import { CONTENT_BYTES, EXPOSURE_LOCALS, exposureBytes, exposures, KERNEL_CLASSES, TARGET_BITS, TARGET_MASK, writeExposure, type ExposureConstants } from "./exposure-kernel.ts";
import { RECORD_BYTES, socialState, type Buffers, type SocialState } from "./social-state.ts";
import { bump, type Code, fn, get, i32, load, loadF32, loopWhile, lt, moduleBytes, op, set, word } from "./wasm-code.ts";
import { below, start } from "./wasm-hash.ts";

/** Followers per block (SocialRun's SEEN_BLOCK): the scratch holds five arrays of this many words. */
export const KERNEL_BLOCK = 256;
const SCRATCH = 5 * 4 * KERNEL_BLOCK;
/** Where a part's scratch holds the events' ties and codes (after the seen ties, own ties and activities). */
const EVENT_TIES = 12 * KERNEL_BLOCK, EVENT_CODES = 16 * KERNEL_BLOCK;
const PAGE = 65536;
/**
 * The largest memory made (2 GiB). Beyond it, or without WebAssembly, runs keep their deliveries in
 * TypeScript: wasm32 addresses 4 GiB at most, and Node 20's V8 was seen to fail growing memories near
 * that size. Below it, a reader's index fits the tie's low TARGET_BITS bits (32 bytes a record).
 */
export const KERNEL_MAX_BYTES = 2147483648;

// ── the module ─────────────────────────────────────────────────────────────

/** A tie's reader: its copy's low bits. */
const reader = (tie: Code): Code => [...load(tie), ...i32(TARGET_MASK), op.and];

/**
 * seenAll(targets, records, scratch, from, stop, key, t, xk) → seen: every follower of ties
 * [from, stop) is this run's; the ties whose readers saw the message go to scratch[0 …), in tie order.
 * Activities are gathered in a loop of their own first, so that the records' misses overlap. Loops
 * step pointers: V8 compiles wasm nearly as written, and an index scaled at every access cost about 5%.
 */
function seenAll(): { code: Code; seen: number } {
  const [tgt, rec, out, from, stop, key, t, xk] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [e, seen, h, h0, act, p, end, q] = [12, 13, 14, 15, 16, 17, 18, 19];
  const ptr = (x: number) => word(tgt, x);
  const code = [
    ...get(out), ...i32(8 * KERNEL_BLOCK), op.add, ...set(act),
    // act[k] = records[reader(from + k)].activity
    ...ptr(from), ...set(p), ...ptr(stop), ...set(end), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...get(q), ...loadF32([...get(rec), ...reader(get(p)), ...i32(5), op.shl, op.add]), op.storeF32, 2, 0,
      ...bump(p, 4), ...bump(q, 4),
    ]),
    // out[seen] = e; seen += uniform(key, t, e, xk) < act[e − from]
    ...start(h0, get(key), t), ...i32(0), ...set(seen),
    ...get(from), ...set(e), ...get(act), ...set(q),
    ...loopWhile([...get(e), ...get(stop), op.ltS], [
      ...word(out, seen), ...get(e), op.store, 2, 0,
      ...get(seen), ...below(h, h0, e, xk, [...loadF32(get(q)), op.f64fromF32]), op.add, ...set(seen),
      ...bump(e, 1), ...bump(q, 4),
    ]),
  ];
  return { code, seen };
}

/**
 * seenOwn(targets, records, scratch, from, stop, key, t, xk, parts, me) → mine · 512 + seen, for a
 * part of a split run: only followers in blocks of 64 that part `me` owns (block b is part b mod
 * parts', social-state.ts's blockOwners) are its readers. Their ties are listed with no branch on the
 * owner (random, so a branch is wrong half the time), then their activities gathered, then drawn.
 */
function seenOwn(): { code: Code; seen: number; mine: number } {
  const [tgt, rec, out, from, stop, key, t, xk, parts, me] = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11];
  const [e, mine, seen, h, h0, own, act, p, end, q] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const code = [
    ...get(out), ...i32(4 * KERNEL_BLOCK), op.add, ...set(own),
    ...get(out), ...i32(8 * KERNEL_BLOCK), op.add, ...set(act),
    // own[mine] = e; mine += owner(reader(e)) == me
    ...word(tgt, from), ...set(p), ...word(tgt, stop), ...set(end), ...get(from), ...set(e), ...i32(0), ...set(mine),
    ...loopWhile(lt(p, end), [
      ...word(own, mine), ...get(e), op.store, 2, 0,
      ...get(mine), ...reader(get(p)), ...i32(6), op.shrU, ...get(parts), op.remU, ...get(me), op.eq, op.add, ...set(mine),
      ...bump(p, 4), ...bump(e, 1),
    ]),
    // act[k] = records[reader(own[k])].activity
    ...get(own), ...set(p), ...word(own, mine), ...set(end), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...get(q), ...loadF32([...get(rec), ...reader([...get(tgt), ...load(get(p)), ...i32(2), op.shl, op.add]), ...i32(5), op.shl, op.add]),
      op.storeF32, 2, 0,
      ...bump(p, 4), ...bump(q, 4),
    ]),
    // e = own[k]; out[seen] = e; seen += uniform(key, t, e, xk) < act[k]
    ...start(h0, get(key), t), ...i32(0), ...set(seen),
    ...get(own), ...set(p), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...load(get(p)), ...set(e),
      ...word(out, seen), ...get(e), op.store, 2, 0,
      ...get(seen), ...below(h, h0, e, xk, [...loadF32(get(q)), op.f64fromF32]), op.add, ...set(seen),
      ...bump(p, 4), ...bump(q, 4),
    ]),
  ];
  return { code, seen, mine };
}

/*
 * The four functions. Every one takes (targets, records, scratch, from, stop, key, t, xk, run,
 * content, parts, me) and returns seen | mine << 9 | events << 18:
 *   seenAll / seenOwn      step 1 only (events 0; run and content unused);
 *   deliverAll / deliverOwn  step 1, then the seen readers' exposures (exposure-kernel.ts), whose
 *                            constants are at `run` and content's entry at `content`.
 */
const PARAMS = 12;
const STEP1_LOCALS = 10;
const [FROM, STOP] = [3, 4];
const all = seenAll(), own = seenOwn();
const packed = (seen: number, mine: Code, events: Code): Code => [...get(seen), ...mine, ...i32(9), op.shl, op.or, ...events, ...i32(18), op.shl, op.or];
const allMine = [...get(STOP), ...get(FROM), op.sub];
/** The exposure loop's locals, after step 1's. */
function exposureLocals(seen: number): Parameters<typeof exposures>[0] {
  const first = PARAMS + STEP1_LOCALS;
  return {
    tgt: 0, rec: 1, out: 2, t: 6, xk: 7, run: 8, content: 9, seen, eventTies: EVENT_TIES, eventCodes: EVENT_CODES,
    i32: Array.from({ length: EXPOSURE_LOCALS.i32 }, (_, k) => first + k),
    f64: Array.from({ length: EXPOSURE_LOCALS.f64 }, (_, k) => first + EXPOSURE_LOCALS.i32 + k),
  };
}
const withExposures = (code: Code) => fn(STEP1_LOCALS + EXPOSURE_LOCALS.i32, code, EXPOSURE_LOCALS.f64);
const FUNCTIONS = [
  { name: "seenAll", params: PARAMS, code: fn(STEP1_LOCALS, [...all.code, ...packed(all.seen, allMine, i32(0))]) },
  { name: "seenOwn", params: PARAMS, code: fn(STEP1_LOCALS, [...own.code, ...packed(own.seen, get(own.mine), i32(0))]) },
  { name: "deliverAll", params: PARAMS, code: withExposures([...all.code, ...packed(all.seen, allMine, exposures(exposureLocals(all.seen)))]) },
  { name: "deliverOwn", params: PARAMS, code: withExposures([...own.code, ...packed(own.seen, get(own.mine), exposures(exposureLocals(own.seen)))]) },
];

/**
 * The module (for a shared memory or not), or null where it cannot be compiled here: a browser may
 * refuse to compile a module synchronously on its main thread past a size (Chromium long did past
 * 4 KiB; this one is about 3.7 KiB; the viewer runs the engine in workers), and a page's content
 * policy may forbid WebAssembly. Runs then keep their deliveries in TypeScript, with the same results.
 */
const modules: (WebAssembly.Module | null | undefined)[] = [];
function compiled(shared: boolean): WebAssembly.Module | null {
  if (modules[+shared] === undefined)
    try {
      modules[+shared] = new WebAssembly.Module(moduleBytes(shared, FUNCTIONS));
    } catch {
      modules[+shared] = null;
    }
  return modules[+shared] ?? null;
}

// ── memories and kernels ───────────────────────────────────────────────────

/** Where a kernel's memory puts each part's scratch, the ties, the records and each part's run constants. */
interface Layout {
  readonly parts: number;
  readonly targets: number;
  readonly records: number;
  readonly constants: number;
  /** Bytes of each part's constants (0: deliveries keep steps 2–6 in TypeScript). */
  readonly constantBytes: number;
  readonly bytes: number;
}

/** The ties and weights a kernel reads: a network's CSR but its offsets. */
export type KernelTies = Pick<Csr, "targets" | "tieClass" | "classWeight">;

function layout(ties: number, n: number, parts: number, constantBytes: number): Layout {
  const targets = PAGE * Math.ceil((SCRATCH * parts) / PAGE);
  const records = PAGE * Math.ceil((targets + 4 * ties) / PAGE);
  const constants = records + RECORD_BYTES * n; // 32-byte records: 64-byte aligned after an even count, 32 after an odd one
  const at = Math.ceil(constants / 64) * 64;
  return { parts, targets, records, constants: at, constantBytes, bytes: at + parts * constantBytes };
}

/** A memory holding the records of n agents and a copy of the ties, for `parts` parts (shared by a split run's threads). */
export interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  readonly layout: Layout;
  readonly n: number;
}

/** Bytes a run's kernel memory adds to what the TypeScript delivery holds: the copy of the ties, where it fits (the records are there either way). */
export function kernelExtraBytes(n: number, ties: number): number {
  return layout(ties, n, 1, 0).bytes <= KERNEL_MAX_BYTES ? 4 * ties : 0;
}

/**
 * Whether deliveries run as wasm for a world of n agents, `ties` ties and `classes` weight classes (a
 * switch for tests and benches: setKernel). A tie's copy holds its class in 5 bits.
 */
export function kernelFits(n: number, ties: number, classes: number, parts = 1, constantBytes = 0): boolean {
  return enabled && typeof WebAssembly === "object" && classes <= KERNEL_CLASSES && layout(ties, n, parts, constantBytes).bytes <= KERNEL_MAX_BYTES;
}

let enabled = true;
/** Turn the wasm deliveries off (false) or on: the TypeScript ones then run, with the same results. */
export function setKernel(on: boolean): void {
  enabled = on;
}

/** Copy the ties into a kernel memory at byte `at`: reader | class << TARGET_BITS. */
function copyTies(buffer: ArrayBufferLike, at: number, ties: KernelTies): void {
  const { targets, tieClass } = ties;
  const out = new Int32Array(buffer, at, targets.length);
  for (let e = 0; e < targets.length; e++) out[e] = targets[e] | (tieClass[e] << TARGET_BITS);
}

/**
 * A memory for the records of n agents beside a copy of the ties, for `parts` parts with
 * `constantBytes` of run constants each, shared (a SharedArrayBuffer underneath) for a split run;
 * undefined when it does not fit (kernelFits). Its size is fixed: growing a memory would detach the
 * views over it.
 */
export function kernelMemory(ties: KernelTies, n: number, parts = 1, shared = false, constantBytes = 0): KernelMemory | undefined {
  if (!kernelFits(n, ties.targets.length, ties.classWeight.length, parts, constantBytes) || compiled(shared) === null) return undefined;
  const l = layout(ties.targets.length, n, parts, constantBytes);
  const pages = Math.ceil(l.bytes / PAGE);
  const memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
  copyTies(memory.buffer, l.targets, ties);
  return { memory, shared, layout: l, n };
}

/** The records of a kernel memory as SocialState's views (touch and the cases beyond the record's in ordinary buffers of `buffer`'s kind). */
export function kernelState(k: KernelMemory, cases: number, buffer: Buffers): SocialState {
  return socialState(k.n, cases, buffer, k.memory.buffer, k.layout.records);
}

type Kernel = (...args: number[]) => number;

/**
 * The deliveries of part `me` of a kernel memory's run (me 0 of 1 for a run in one thread). A call
 * returns seen | mine << 9 | events << 18: the block's ties whose readers saw the message (seenTies),
 * the block's followers that are this part's, and after deliver*, the events of their exposures.
 */
export class DeliveryKernel {
  /** After a call: the ties of the block whose readers saw the message, in tie order. */
  readonly seenTies: Int32Array;
  /** The memory's copy of the ties: reader | weight class << TARGET_BITS. */
  readonly ties: Int32Array;
  /** After a deliver call: the events' ties and codes (exposure-kernel.ts's Event), in tie order. */
  readonly eventTies: Int32Array;
  readonly eventCodes: Int32Array;
  private readonly fns: { seenAll: Kernel; seenOwn: Kernel; deliverAll: Kernel; deliverOwn: Kernel };
  private readonly memory: WebAssembly.Memory;
  private readonly targets: number;
  private readonly records: number;
  private readonly scratch: number;
  private readonly parts: number;
  /** Where this part's run constants go, their room, and content 0's entry once written (writeConstants). */
  private readonly constants: number;
  private readonly constantBytes: number;
  private content0 = 0;

  constructor(k: KernelMemory, private readonly me = 0) {
    const { memory, layout: l } = k;
    this.memory = memory;
    this.fns = new WebAssembly.Instance(compiled(k.shared)!, { env: { memory } }).exports as unknown as DeliveryKernel["fns"];
    this.targets = l.targets;
    this.records = l.records;
    this.parts = l.parts;
    this.scratch = SCRATCH * me;
    this.constants = l.constants + me * l.constantBytes;
    this.constantBytes = l.constantBytes;
    this.seenTies = new Int32Array(memory.buffer, this.scratch, KERNEL_BLOCK);
    this.ties = new Int32Array(memory.buffer, l.targets, (l.records - l.targets) / 4);
    this.eventTies = new Int32Array(memory.buffer, this.scratch + EVENT_TIES, KERNEL_BLOCK);
    this.eventCodes = new Int32Array(memory.buffer, this.scratch + EVENT_CODES, KERNEL_BLOCK);
  }

  /** Write a run's constants; false when this memory has no room for them (deliveries then keep steps 2–6 in TypeScript). */
  writeConstants(k: ExposureConstants): boolean {
    if (exposureBytes(k.phi.length, k.horizon, k.quality.length) > this.constantBytes) return false;
    this.content0 = writeExposure(this.memory.buffer, this.constants, k);
    return true;
  }

  /** Ties [from, stop) (at most KERNEL_BLOCK), all this run's readers: step 1 of message word xk at tick t under draw key `key`. */
  seenAll(from: number, stop: number, key: number, t: number, xk: number): number {
    return this.fns.seenAll(this.targets, this.records, this.scratch, from, stop, key, t, xk, 0, 0, 1, 0);
  }

  /** The same for a part: its own followers only. */
  seenOwn(from: number, stop: number, key: number, t: number, xk: number): number {
    return this.fns.seenOwn(this.targets, this.records, this.scratch, from, stop, key, t, xk, 0, 0, this.parts, this.me);
  }

  /** Step 1, then the exposures of those who saw content x (its draw word xk): this run's followers all. */
  deliverAll(from: number, stop: number, key: number, t: number, xk: number, x: number): number {
    return this.fns.deliverAll(this.targets, this.records, this.scratch, from, stop, key, t, xk, this.constants, this.content0 + CONTENT_BYTES * x, 1, 0);
  }

  /** The same for a part. */
  deliverOwn(from: number, stop: number, key: number, t: number, xk: number, x: number): number {
    return this.fns.deliverOwn(this.targets, this.records, this.scratch, from, stop, key, t, xk, this.constants, this.content0 + CONTENT_BYTES * x, this.parts, this.me);
  }
}

/**
 * A memory free for this thread's next run: a run borrows it (leaseKernel) and gives it back when it
 * finishes (release). It keeps the targets it was given, so the next run on the same world copies
 * nothing, and a run on a new world reuses pages already touched: on the 2-core VM of the benches a
 * fresh 4 KiB page costs about 11 µs to fault in, and a new memory for 1 M consumers took 0.3 s of its
 * first run. One is kept, the last given back. Which world it last held decides only whether the
 * targets are copied again (a WeakRef: a world that is gone cannot ask), never what a run computes.
 */
let spare: { memory: WebAssembly.Memory; holds: WeakRef<Int32Array> } | undefined;

export interface KernelLease {
  readonly memory: KernelMemory;
  /** Give the memory back: the run's views over it are not to be read again. */
  release(): void;
}

/** A memory for a run of n agents over `ties` in this thread, with room for `constantBytes` of run constants: the spare one when it is large enough. */
export function leaseKernel(ties: KernelTies, n: number, constantBytes = 0): KernelLease | undefined {
  const { targets } = ties;
  if (!kernelFits(n, targets.length, ties.classWeight.length, 1, constantBytes) || compiled(false) === null) return undefined;
  const l = layout(targets.length, n, 1, constantBytes);
  let memory: WebAssembly.Memory;
  if (spare !== undefined && spare.memory.buffer.byteLength >= l.bytes) {
    memory = spare.memory;
    if (spare.holds.deref() !== targets) copyTies(memory.buffer, l.targets, ties);
    spare = undefined;
  } else {
    spare = undefined; // too small: let it go before the new one is made
    memory = kernelMemory(ties, n, 1, false, constantBytes)!.memory; // it fits: checked above
  }
  let given = false;
  return {
    memory: { memory, shared: false, layout: l, n },
    release: () => {
      if (!given) spare = { memory, holds: new WeakRef(targets) };
      given = true;
    },
  };
}
