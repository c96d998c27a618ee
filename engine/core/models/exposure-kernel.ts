/**
 * Steps 2–6 of a delivery whose reader saw the message (docs/model.md §3), as WebAssembly, for the
 * deliveries of the delivery kernel (delivery-kernel.ts). What changes only the reader's record and draws
 * nothing but counter-based numbers runs here: the first sighting, the seen and case counts, novelty,
 * fatigue now, the persuasion draw, fatigue's rise and the reshare draw. What the run keeps in
 * TypeScript (counts by circle, the funnel, the share queue) is left to it as events: per seen tie, a
 * code saying that the reader was reached for the first time, was persuaded, or shares. SocialRun's
 * exposeSeen computes the same steps in TypeScript, for deliveries this does not take (negative
 * content, cases beyond the record's, groups and ads), with the same doubles in the same order, so
 * results are bit-identical with it and without it (test/engine/delivery-kernel.test.ts).
 *
 * A run writes its constants (writeExposure) into its part's region of the kernel memory: a header,
 * then the per-circle tables and one entry per content.
 */
import { Flag, Stage } from "../mechanism/funnel.ts";
import { R } from "./social-state.ts";
import { below, start } from "./wasm-hash.ts";
import { type Code, f64, get, i32, load, load16, load8, loadF32, loadF64, loopWhile, lt, op, set, store, bump } from "./wasm-code.ts";

/** A tie's reader in the kernel's copy of the targets: the low TARGET_BITS bits; its weight class above them. */
export const TARGET_BITS = 27;
/** Weight classes a kernel's tie can name (5 bits); worlds with more keep deliveries in TypeScript. */
export const KERNEL_CLASSES = 1 << (32 - TARGET_BITS);
export const TARGET_MASK = (1 << TARGET_BITS) - 1;

/** Event codes, per seen tie: what the run does after the kernel. */
export const Event = { reached: 1, persuaded: 2, shares: 4 } as const;

// The header of a run's constants: doubles, then words (byte offsets).
const H_LAMBDA = 0, H_FANBOOST = 8, H_KPERSUADE = 16, H_KSHARE = 20, H_STRIDE = 24;
const H_NOVELTY = 28, H_FADE = 32, H_PHI = 36, H_ETA = 40, H_CLASSES = 44;
const HEADER = 64;
// A content's entry: quality, share boost, its row of fit, the byte of its case in the record, paid.
const C_QUALITY = 0, C_BOOST = 8, C_FIT = 16, C_CASE = 20, C_PAID = 24;
/** Bytes of a content's entry. */
export const CONTENT_BYTES = 32;

const align = (b: number) => Math.ceil(b / 64) * 64;
// Where a record's fields sit, in bytes (social-state.ts's R counts elements of the view that reads each).
const B_TRUST = 4 * R.trust, B_SKEPTICISM = 4 * R.skepticism, B_FATIGUE = 4 * R.fatigue, B_TICK = 4 * R.fatigueTick, B_CIRCLE = 2 * R.circle;

/** Bytes of a run's constants for C circles, horizon H and `contents` contents. */
export function exposureBytes(C: number, H: number, contents: number): number {
  return HEADER + align(8 * C * 256) + align(8 * C * (H + 1)) + 2 * align(8 * C) + align(4 * KERNEL_CLASSES) + align(CONTENT_BYTES * contents) + align(8 * C * contents);
}

/** What a run's exposures read that does not change during the run. */
export interface ExposureConstants {
  readonly lambda: number;
  readonly fanBoost: number;
  readonly keyPersuade: number;
  readonly keyShare: number;
  readonly horizon: number;
  readonly novelty: Float64Array; // (c << 8) | timesSeen
  readonly fade: Float64Array; // c · (H + 1) + ticks since
  readonly phi: Float64Array;
  readonly eta: Float64Array;
  readonly classWeight: Float32Array;
  readonly quality: Float64Array;
  readonly shareBoost: Float64Array;
  readonly paid: Uint8Array;
  readonly caseOf: Int32Array;
  readonly fit: Float64Array; // x · C + c
}

/** Write a run's constants at byte `at` of `buffer` (exposureBytes long); returns the address of content 0's entry (content x's: + CONTENT_BYTES · x). */
export function writeExposure(buffer: ArrayBufferLike, at: number, k: ExposureConstants): number {
  const C = k.phi.length, X = k.quality.length;
  const dv = new DataView(buffer);
  let next = at + HEADER;
  const table = (values: ArrayLike<number>, bytes: 4 | 8): number => {
    const where = next;
    const view = bytes === 8 ? new Float64Array(buffer, where, values.length) : new Float32Array(buffer, where, values.length);
    view.set(values);
    next += align(bytes * values.length);
    return where;
  };
  dv.setFloat64(at + H_LAMBDA, k.lambda, true);
  dv.setFloat64(at + H_FANBOOST, k.fanBoost, true);
  dv.setInt32(at + H_KPERSUADE, k.keyPersuade, true);
  dv.setInt32(at + H_KSHARE, k.keyShare, true);
  dv.setInt32(at + H_STRIDE, k.horizon + 1, true);
  dv.setInt32(at + H_NOVELTY, table(k.novelty, 8), true);
  dv.setInt32(at + H_FADE, table(k.fade, 8), true);
  dv.setInt32(at + H_PHI, table(k.phi, 8), true);
  dv.setInt32(at + H_ETA, table(k.eta, 8), true);
  dv.setInt32(at + H_CLASSES, table(k.classWeight, 4), true);
  const contents = next;
  next += align(CONTENT_BYTES * X);
  const fit = table(k.fit, 8);
  for (let x = 0; x < X; x++) {
    const e = contents + CONTENT_BYTES * x;
    dv.setFloat64(e + C_QUALITY, k.quality[x], true);
    dv.setFloat64(e + C_BOOST, k.shareBoost[x], true);
    dv.setInt32(e + C_FIT, fit + 8 * C * x, true);
    dv.setInt32(e + C_CASE, R.cases + k.caseOf[x], true); // the case's byte in the record (cases below INLINE_CASES only)
    dv.setInt32(e + C_PAID, k.paid[x], true);
  }
  return contents;
}

/** Locals of the function the exposure loop joins: its inputs, then i32 scratch, then f64 scratch. */
export interface ExposureLocals {
  readonly tgt: number; readonly rec: number; readonly out: number; readonly t: number; readonly xk: number;
  readonly seen: number; readonly run: number; readonly content: number;
  /** Where the events' ties and codes go: bytes after `out`. */
  readonly eventTies: number; readonly eventCodes: number;
  readonly i32: readonly number[]; // EXPOSURE_LOCALS.i32 locals
  readonly f64: readonly number[]; // EXPOSURE_LOCALS.f64 locals
}
/** i32 and f64 locals the exposure loop needs. */
export const EXPOSURE_LOCALS = { i32: 17, f64: 6 };

/**
 * The exposures of the block's seen ties out[0 … seen) (step 1's list), in tie order: each reader's
 * record updated as exposeSeen updates it, and an event (tie, code) for each tie with a nonzero code
 * at out + eventTies and out + eventCodes. Leaves the number of events on the stack.
 */
export function exposures(l: ExposureLocals): Code {
  const [s, ev, e, tv, b, c, code, v, ca, hP, hS, h, stride, caseAt, paid, fan, fitRow] = l.i32;
  const [f, nov, q, boost, lambda, fanBoost] = l.f64;
  const run = (offset: number) => load(get(l.run), offset);
  const table = (offset: number, index: Code, bytes: 4 | 8): Code => [...run(offset), ...index, ...i32(bytes === 8 ? 3 : 2), op.shl, op.add];
  return [
    ...start(hP, run(H_KPERSUADE), l.t),
    ...start(hS, run(H_KSHARE), l.t),
    ...run(H_STRIDE), ...set(stride),
    ...loadF64(get(l.run), H_LAMBDA), ...set(lambda),
    ...loadF64(get(l.run), H_FANBOOST), ...set(fanBoost),
    ...loadF64(get(l.content), C_QUALITY), ...set(q),
    ...loadF64(get(l.content), C_BOOST), ...set(boost),
    ...load(get(l.content), C_CASE), ...set(caseAt),
    ...load(get(l.content), C_PAID), ...set(paid),
    ...load(get(l.content), C_FIT), ...set(fitRow),
    ...i32(0), ...set(s), ...i32(0), ...set(ev),
    ...loopWhile(lt(s, l.seen), [
      // e = out[s]; the reader's record b, its circle c
      ...load([...get(l.out), ...get(s), ...i32(2), op.shl, op.add]), ...set(e),
      ...load([...get(l.tgt), ...get(e), ...i32(2), op.shl, op.add]), ...set(tv),
      ...get(l.rec), ...get(tv), ...i32(TARGET_MASK), op.and, ...i32(5), op.shl, op.add, ...set(b),
      ...load16(get(b), B_CIRCLE), ...set(c),
      // First sighting: the reached flag (code 1 when it was not set).
      ...load8(get(b), R.flags), ...set(v),
      ...get(v), ...i32(Flag.reached), op.and, op.eqz, ...set(code), // 1: Event.reached
      ...store(op.store8, 0, get(b), [...get(v), ...i32(Flag.reached), op.or], R.flags),
      // Seen count, saturating.
      ...load8(get(b), R.seen), ...set(v),
      ...store(op.store8, 0, get(b), [...get(v), ...get(v), ...i32(255), op.ltU, op.add], R.seen),
      // 2. Novelty of the case, then one more sighting of it.
      ...get(b), ...get(caseAt), op.add, ...set(ca),
      ...load8(get(ca)), ...set(v),
      ...loadF64(table(H_NOVELTY, [...get(c), ...i32(8), op.shl, ...get(v), op.or], 8)), ...set(nov),
      ...store(op.store8, 0, get(ca), [...get(v), ...get(v), ...i32(255), op.ltU, op.add]),
      // 3. Fatigue now: f_i · fade[c · (H + 1) + t − t_i].
      ...loadF32(get(b), B_FATIGUE), op.f64fromF32,
      ...loadF64(table(H_FADE, [...get(c), ...get(stride), op.mul, ...get(l.t), op.add, ...load(get(b), B_TICK), op.sub], 8)),
      op.f64mul, ...set(f),
      ...load8(get(b), R.stage), ...i32(Stage.fan), op.eq, ...set(fan),
      // 4. Persuasion: λ · w · trust · quality · novelty · (1 − f) · (paid ? 1 − skepticism : 1) · fit.
      ...get(code),
      ...below(h, hP, e, l.xk, [
        ...get(lambda),
        ...loadF32(table(H_CLASSES, [...get(tv), ...i32(TARGET_BITS), op.shrU], 4)), op.f64fromF32, op.f64mul,
        ...loadF32(get(b), B_TRUST), op.f64fromF32, op.f64mul,
        ...get(q), op.f64mul, ...get(nov), op.f64mul,
        ...f64(1), ...get(f), op.f64sub, op.f64mul,
        ...f64(1), ...loadF32(get(b), B_SKEPTICISM), op.f64fromF32, op.f64sub, ...f64(1), ...get(paid), op.select, op.f64mul,
        ...loadF64([...get(fitRow), ...get(c), ...i32(3), op.shl, op.add]), op.f64mul,
      ]),
      ...i32(1), op.shl, op.or, ...set(code),
      // 5. Fatigue rises; the reshare sees the risen f.
      ...f64(1), ...get(f), ...loadF64(table(H_PHI, get(c), 8)), op.f64add, op.f64min, ...set(f),
      ...store(op.storeF32, 2, get(b), [...get(f), op.f32fromF64], B_FATIGUE),
      ...store(op.store, 2, get(b), get(l.t), B_TICK),
      // 6. Reshare: η_c · quality · novelty · (1 − f) · boost · (fan ? fanBoost : 1).
      ...get(code),
      ...below(h, hS, e, l.xk, [
        ...loadF64(table(H_ETA, get(c), 8)),
        ...get(q), op.f64mul, ...get(nov), op.f64mul,
        ...f64(1), ...get(f), op.f64sub, op.f64mul,
        ...get(boost), op.f64mul,
        ...get(fanBoost), ...f64(1), ...get(fan), op.select, op.f64mul,
      ]),
      ...i32(2), op.shl, op.or, ...set(code),
      // The event, kept when its code is not 0 (no branch: most exposures have none).
      ...store(op.store, 2, [...get(l.out), ...get(ev), ...i32(2), op.shl, op.add], get(e), l.eventTies),
      ...store(op.store, 2, [...get(l.out), ...get(ev), ...i32(2), op.shl, op.add], get(code), l.eventCodes),
      ...get(ev), ...get(code), ...i32(0), op.ne, op.add, ...set(ev),
      ...bump(s, 1),
    ]),
    ...get(ev),
  ];
}
