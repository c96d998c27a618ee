/**
 * Step 1 of a delivery (docs/model.md §3: seen with probability a_i) over a block of followers, as
 * WebAssembly. The social kernel's hottest loop gathers each follower's activity from its record (a
 * cache miss each in a large world) and draws whether it saw the message; V8's code for that loop in
 * TypeScript took about three times C's time, and the same loop as wasm runs near C (bench/kernel.ts,
 * bench/social-reference.ts). The records and a copy of the network's targets therefore live in one
 * WebAssembly.Memory, which the run's typed-array views read too; everything after step 1 stays in
 * TypeScript. The module is written out below, instruction by instruction (no toolchain in the build),
 * and computes exactly what SocialRun's TypeScript step 1 computes (the same MurmurHash3 draw, the same
 * double comparison), so results are bit-identical with it and without it (test/engine/seen-kernel.test.ts).
 *
 * Memory layout: per part, a scratch of SCRATCH bytes (the block's seen ties, its own ties, its
 * activities); then the targets; then the 32-byte agent records (social-state.ts).
 */
import { RECORD_BYTES, socialState, type Buffers, type SocialState } from "./social-state.ts";
import { bump, type Code, f64, fn, get, i32, load, loadF32, loopWhile, lt, moduleBytes, op, set, word } from "./wasm-code.ts";

/** Followers per block (SocialRun's SEEN_BLOCK): the scratch holds three arrays of this many words. */
export const KERNEL_BLOCK = 256;
const SCRATCH = 3 * 4 * KERNEL_BLOCK;
const PAGE = 65536;
/**
 * The largest memory made (2 GiB). Beyond it, or without WebAssembly, runs keep step 1 in TypeScript:
 * wasm32 addresses 4 GiB at most, and Node 20's V8 was seen to fail growing memories near that size.
 */
export const KERNEL_MAX_BYTES = 2147483648;

// ── the module ─────────────────────────────────────────────────────────────

/** h = MurmurHash3's round of h with the word k (engine/core/rng/hash.ts). */
const mix = (h: number, k: Code): Code => [
  ...get(h), ...k, ...i32(0xcc9e2d51), op.mul, ...i32(15), op.rotl, ...i32(0x1b873593), op.mul, op.xor,
  ...i32(13), op.rotl, ...i32(5), op.mul, ...i32(0xe6546b64), op.add, ...set(h),
];
const xorShift = (h: number, by: number): Code => [...get(h), ...get(h), ...i32(by), op.shrU, op.xor, ...set(h)];
/** h = MurmurHash3's finalisation of h over 12 bytes. */
const fmix12 = (h: number): Code => [
  ...get(h), ...i32(12), op.xor, ...set(h), ...xorShift(h, 16),
  ...get(h), ...i32(0x85ebca6b), op.mul, ...set(h), ...xorShift(h, 13),
  ...get(h), ...i32(0xc2b2ae35), op.mul, ...set(h), ...xorShift(h, 16),
];
/**
 * seen += uniform(key, t, e, xk) < activity, with h0 = the hash's state after key and t: the draw of
 * hash.ts's uniform (the 32 bits as unsigned, times 2^−32) against the float32 activity as a double.
 */
const draw = (h: number, h0: number, e: number, xk: number, seen: number, activity: Code): Code => [
  ...get(h0), ...set(h), ...mix(h, get(e)), ...mix(h, get(xk)), ...fmix12(h),
  ...get(seen), ...get(h), op.f64fromU32, ...f64(1 / 4294967296), op.f64mul, ...activity, op.f64fromF32, op.f64lt, op.add, ...set(seen),
];

/**
 * seenAll(targets, records, scratch, from, stop, key, t, xk) → seen: every follower of ties
 * [from, stop) is this run's; the ties whose readers saw the message go to scratch[0 …), in tie order.
 * Activities are gathered in a loop of their own first, so that the records' misses overlap. Loops
 * step pointers: V8 compiles wasm nearly as written, and an index scaled at every access cost about 5%.
 */
function seenAll(): number[] {
  const [tgt, rec, out, from, stop, key, t, xk] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [e, seen, h, h0, act, p, end, q] = [8, 9, 10, 11, 12, 13, 14, 15];
  const ptr = (x: number) => word(tgt, x);
  return fn(8, [
    ...get(out), ...i32(8 * KERNEL_BLOCK), op.add, ...set(act),
    // act[k] = records[targets[from + k]].activity
    ...ptr(from), ...set(p), ...ptr(stop), ...set(end), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...get(q), ...loadF32([...get(rec), ...load(get(p)), ...i32(5), op.shl, op.add]), op.storeF32, 2, 0,
      ...bump(p, 4), ...bump(q, 4),
    ]),
    // out[seen] = e; seen += uniform(key, t, e, xk) < act[e − from]
    ...get(key), ...set(h0), ...mix(h0, get(t)), ...i32(0), ...set(seen),
    ...get(from), ...set(e), ...get(act), ...set(q),
    ...loopWhile([...get(e), ...get(stop), op.ltS], [
      ...word(out, seen), ...get(e), op.store, 2, 0,
      ...draw(h, h0, e, xk, seen, loadF32(get(q))),
      ...bump(e, 1), ...bump(q, 4),
    ]),
    ...get(seen),
  ]);
}

/**
 * seenOwn(targets, records, scratch, from, stop, key, t, xk, parts, me) → mine · 512 + seen, for a
 * part of a split run: only followers in blocks of 64 that part `me` owns (block b is part b mod
 * parts', social-state.ts's blockOwners) are its readers. Their ties are listed with no branch on the
 * owner (random, so a branch is wrong half the time), then their activities gathered, then drawn.
 */
function seenOwn(): number[] {
  const [tgt, rec, out, from, stop, key, t, xk, parts, me] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [e, mine, seen, h, h0, own, act, p, end, q] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  return fn(10, [
    ...get(out), ...i32(4 * KERNEL_BLOCK), op.add, ...set(own),
    ...get(out), ...i32(8 * KERNEL_BLOCK), op.add, ...set(act),
    // own[mine] = e; mine += owner(targets[e]) == me
    ...word(tgt, from), ...set(p), ...word(tgt, stop), ...set(end), ...get(from), ...set(e), ...i32(0), ...set(mine),
    ...loopWhile(lt(p, end), [
      ...word(own, mine), ...get(e), op.store, 2, 0,
      ...get(mine), ...load(get(p)), ...i32(6), op.shrU, ...get(parts), op.remU, ...get(me), op.eq, op.add, ...set(mine),
      ...bump(p, 4), ...bump(e, 1),
    ]),
    // act[k] = records[targets[own[k]]].activity
    ...get(own), ...set(p), ...word(own, mine), ...set(end), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...get(q), ...loadF32([...get(rec), ...load([...get(tgt), ...load(get(p)), ...i32(2), op.shl, op.add]), ...i32(5), op.shl, op.add]),
      op.storeF32, 2, 0,
      ...bump(p, 4), ...bump(q, 4),
    ]),
    // e = own[k]; out[seen] = e; seen += uniform(key, t, e, xk) < act[k]
    ...get(key), ...set(h0), ...mix(h0, get(t)), ...i32(0), ...set(seen),
    ...get(own), ...set(p), ...get(act), ...set(q),
    ...loopWhile(lt(p, end), [
      ...load(get(p)), ...set(e),
      ...word(out, seen), ...get(e), op.store, 2, 0,
      ...draw(h, h0, e, xk, seen, loadF32(get(q))),
      ...bump(p, 4), ...bump(q, 4),
    ]),
    ...get(mine), ...i32(9), op.shl, ...get(seen), op.or,
  ]);
}

const modules: (WebAssembly.Module | undefined)[] = [];
function compiled(shared: boolean): WebAssembly.Module {
  return (modules[+shared] ??= new WebAssembly.Module(moduleBytes(shared, [
    { name: "seenAll", params: 8, code: seenAll() },
    { name: "seenOwn", params: 10, code: seenOwn() },
  ])));
}

// ── memories and kernels ───────────────────────────────────────────────────

/** Where a kernel's memory puts each part's scratch, the targets and the records. */
interface Layout {
  readonly parts: number;
  readonly targets: number;
  readonly records: number;
  readonly bytes: number;
}

function layout(ties: number, n: number, parts: number): Layout {
  const targets = PAGE * Math.ceil((SCRATCH * parts) / PAGE);
  const records = PAGE * Math.ceil((targets + 4 * ties) / PAGE);
  return { parts, targets, records, bytes: records + RECORD_BYTES * n };
}

/** A memory holding the records of n agents and a copy of `targets`, for `parts` parts (shared by a split run's threads). */
export interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  readonly layout: Layout;
  readonly n: number;
}

/** Bytes a run's kernel memory adds to what the TypeScript step 1 holds: the copy of the targets, where it fits (the records are there either way). */
export function kernelExtraBytes(n: number, ties: number): number {
  return layout(ties, n, 1).bytes <= KERNEL_MAX_BYTES ? 4 * ties : 0;
}

/** Whether step 1 runs as wasm for a world of n agents and `ties` ties (a switch for tests and benches: setKernel). */
export function kernelFits(n: number, ties: number, parts = 1): boolean {
  return enabled && typeof WebAssembly === "object" && layout(ties, n, parts).bytes <= KERNEL_MAX_BYTES;
}

let enabled = true;
/** Turn the wasm step 1 off (false) or on: the TypeScript step 1 then runs, with the same results. */
export function setKernel(on: boolean): void {
  enabled = on;
}

/**
 * A memory for the records of n agents beside a copy of `targets`, for `parts` parts, shared (a
 * SharedArrayBuffer underneath) for a split run; undefined when it does not fit (kernelFits). Its size
 * is fixed: growing a memory would detach the views over it.
 */
export function kernelMemory(targets: Int32Array, n: number, parts = 1, shared = false): KernelMemory | undefined {
  if (!kernelFits(n, targets.length, parts)) return undefined;
  const l = layout(targets.length, n, parts);
  const pages = Math.ceil(l.bytes / PAGE);
  const memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared: true } : { initial: pages });
  new Int32Array(memory.buffer, l.targets, targets.length).set(targets);
  return { memory, shared, layout: l, n };
}

/** The records of a kernel memory as SocialState's views (touch and the cases beyond the record's in ordinary buffers of `buffer`'s kind). */
export function kernelState(k: KernelMemory, cases: number, buffer: Buffers): SocialState {
  return socialState(k.n, cases, buffer, k.memory.buffer, k.layout.records);
}

/** Step 1 of part `me` of a kernel memory's run (me 0 of 1 for a run in one thread). */
export class SeenKernel {
  /** After a call: the ties of the block whose readers saw the message, in tie order. */
  readonly seenTies: Int32Array;
  private readonly all: (...args: number[]) => number;
  private readonly own: (...args: number[]) => number;
  private readonly targets: number;
  private readonly records: number;
  private readonly scratch: number;
  private readonly parts: number;

  constructor(k: KernelMemory, private readonly me = 0) {
    const { memory, layout: l } = k;
    const exports = new WebAssembly.Instance(compiled(k.shared), { env: { memory } }).exports;
    this.all = exports.seenAll as (...args: number[]) => number;
    this.own = exports.seenOwn as (...args: number[]) => number;
    this.targets = l.targets;
    this.records = l.records;
    this.parts = l.parts;
    this.scratch = SCRATCH * me;
    this.seenTies = new Int32Array(memory.buffer, this.scratch, KERNEL_BLOCK);
  }

  /** Ties [from, stop) (at most KERNEL_BLOCK), all this run's readers: how many saw message word xk at tick t under draw key `key`. */
  seenAll(from: number, stop: number, key: number, t: number, xk: number): number {
    return this.all(this.targets, this.records, this.scratch, from, stop, key, t, xk);
  }

  /** The same for a part: mine · 512 + seen, mine being the followers of the block this part owns. */
  seenOwn(from: number, stop: number, key: number, t: number, xk: number): number {
    return this.own(this.targets, this.records, this.scratch, from, stop, key, t, xk, this.parts, this.me);
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

/** A memory for a run of n agents over `targets` in this thread: the spare one when it is large enough. */
export function leaseKernel(targets: Int32Array, n: number): KernelLease | undefined {
  if (!kernelFits(n, targets.length)) return undefined;
  const l = layout(targets.length, n, 1);
  let memory: WebAssembly.Memory;
  if (spare !== undefined && spare.memory.buffer.byteLength >= l.bytes) {
    memory = spare.memory;
    if (spare.holds.deref() !== targets) new Int32Array(memory.buffer, l.targets, targets.length).set(targets);
    spare = undefined;
  } else {
    spare = undefined; // too small: let it go before the new one is made
    memory = kernelMemory(targets, n)!.memory; // it fits: checked above
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
