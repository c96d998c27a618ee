/**
 * Seeded inputs for the libm tests (test/engine/libm.test.ts, test/e2e/libm.test.ts): for each
 * function, arguments spread over its whole domain (random bit patterns: subnormals to 1.8e308)
 * and over the ranges the engine uses, from the engine's own sfc32 stream. Only exact operations
 * make the arguments (no Math.pow or **): Chromium must draw the same ones.
 */
import { exp } from "../../engine/core/libm/exp.ts";
import { log, log1p } from "../../engine/core/libm/log.ts";
import { pow, powInt } from "../../engine/core/libm/pow.ts";
import { cos, sin } from "../../engine/core/libm/trig.ts";
import { stream, type Rng } from "../../engine/core/rng/stream.ts";

export const LIBM = { exp, log, log1p, pow, sin, cos } as const;
export type LibmName = keyof typeof LIBM;

const view = new DataView(new ArrayBuffer(8));

/** A double from two random words: every finite double, NaN and ±Infinity can come out. */
export function anyDouble(rng: Rng): number {
  view.setUint32(0, (rng() * 4294967296) >>> 0);
  view.setUint32(4, (rng() * 4294967296) >>> 0);
  return view.getFloat64(0);
}

/** u·2^-k with k uniform in [0, maxShift]: magnitudes from 1 down to 2^-maxShift. */
export function scaled(rng: Rng, maxShift: number): number {
  return rng() * powInt(0.5, Math.floor(rng() * (maxShift + 1)));
}

const sign = (rng: Rng) => (rng() < 0.5 ? -1 : 1);

/** The double nearest a multiple of π/2 (n < 2^19): the reduction cancels some 53 bits, its hardest case. */
const nearHalfPi = (r: Rng) => [(Math.floor(r() * 524288) * Math.PI) / 2];

/** One argument (a pair for pow) of each kind, cycling through the kinds. */
const KINDS: Record<LibmName, ((rng: Rng) => number[])[]> = {
  exp: [(r) => [anyDouble(r)], (r) => [-745 + 1455 * r()], (r) => [sign(r) * scaled(r, 60)]],
  log: [(r) => [anyDouble(r)], (r) => [1 + sign(r) * scaled(r, 52)], (r) => [r()]],
  log1p: [(r) => [anyDouble(r)], (r) => [-1 + 2 * r()], (r) => [sign(r) * scaled(r, 80)]],
  pow: [
    (r) => [anyDouble(r), anyDouble(r)],
    (r) => [100 * r(), -50 + 100 * r()],
    (r) => [r(), 1 / (0.5 + 4 * r())], // Pareto and gamma boosts: (1 − u)^(1/k)
    (r) => [-100 * r(), Math.floor(-60 + 120 * r())],
    (r) => [1 + sign(r) * scaled(r, 40) * 9.5367431640625e-7, sign(r) * 2147483648 * (1 + 1048576 * r())], // |1 − x| ≤ 2^-20, 2^31 < |y| < 2^51
  ],
  sin: [(r) => [anyDouble(r)], (r) => [2 * Math.PI * r()], (r) => [-1e6 + 2e6 * r()], (r) => [sign(r) * scaled(r, 60)], nearHalfPi],
  cos: [(r) => [anyDouble(r)], (r) => [2 * Math.PI * r()], (r) => [-1e6 + 2e6 * r()], (r) => [sign(r) * scaled(r, 60)], nearHalfPi],
};

/** n argument lists for `name` from seed `key`. */
export function libmInputs(name: LibmName, n: number, key: number): number[][] {
  const rng = stream(key);
  const kinds = KINDS[name];
  return Array.from({ length: n }, (_, i) => kinds[i % kinds.length](rng));
}

/** Every function applied to its seeded inputs, results in one array in LIBM's order. */
export function libmOutputs(n: number, key: number): Float64Array {
  const out = new Float64Array(n * Object.keys(LIBM).length);
  let k = 0;
  for (const name of Object.keys(LIBM) as LibmName[]) {
    const f = LIBM[name] as (...a: number[]) => number;
    for (const args of libmInputs(name, n, key)) out[k++] = f(...args);
  }
  return out;
}
