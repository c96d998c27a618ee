/**
 * The engine's counter-based draw (engine/core/rng/hash.ts: MurmurHash3_x86_32 of three words under
 * a key, as a uniform in [0, 1)) as WebAssembly instructions, for the delivery kernel. Integer
 * multiplication, rotation and the conversion to a double are exact in both languages, so a draw here
 * is the same number as the draw there.
 */
import { type Code, f64, get, i32, op, set } from "./wasm-code.ts";

/** h = MurmurHash3's round of h with the word k. */
export const mix = (h: number, k: Code): Code => [
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

/** h0 = the hash's state after the key (what `key` leaves on the stack) and the first word t (a local): shared by every draw of a tick and decision. */
export const start = (h0: number, key: Code, t: number): Code => [...key, ...set(h0), ...mix(h0, get(t))];

/**
 * Leaves uniform(key, t, e, xk) < bound on the stack (1 or 0), h0 being start(…, key, t): hash.ts's
 * uniform, the 32 bits as unsigned times 2^−32, against the double `bound` leaves. h is scratch.
 */
export const below = (h: number, h0: number, e: number, xk: number, bound: Code): Code => [
  ...get(h0), ...set(h), ...mix(h, get(e)), ...mix(h, get(xk)), ...fmix12(h),
  ...get(h), op.f64fromU32, ...f64(1 / 4294967296), op.f64mul, ...bound, op.f64lt,
];
