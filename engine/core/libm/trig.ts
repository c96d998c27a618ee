/**
 * sin x and cos x from + − × ÷ and exact bit operations, so that every JavaScript engine returns
 * the same bits (Math.sin and Math.cos are not specified to the last bit and differ between Node's
 * and Chromium's V8). The algorithms are fdlibm 5.3's s_sin.c, s_cos.c, k_sin.c and k_cos.c (Sun
 * Microsystems, 1993), error < 1 ulp: x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4, by reducePiOver2
 * (reduce-pi.ts); then on [−π/4, π/4]
 *   sin y ≈ y + y³·(S1 + y²·S2 + … + y¹⁰·S6)   (minimax, error < 2^−58)
 *   cos y ≈ 1 − y²/2 + y⁴·(C1 + y²·C2 + … + y¹⁰·C6)   (error < 2^−58),
 * with the tail y1 entering to first order, and the quadrant n mod 4 choosing ±sin or ±cos.
 * docs/model.md §8 says why the engine uses these instead of Math.sin and Math.cos.
 */
import { fromWords, highWord } from "./words.ts";
import { reducePiOver2, reduced } from "./reduce-pi.ts";

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** sin(x + y) for |x| ≤ π/4 and |y| tiny beside x; `reducedArg` false when x is exact and y = 0. */
function sinKernel(x: number, y: number, reducedArg: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27: sin x = x to the last bit
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!reducedArg) return x + v * (S1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/** cos(x + y) for |x| ≤ π/4 and |y| tiny beside x. */
function cosKernel(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // 1 − z/2 loses bits when z/2 is large: take qx = x²/4 (or 0.28125 above 0.78125) out exactly.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0); // just below x²/4, few bits
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

/** sin x, within 1 ulp, identical in every JavaScript engine (NaN for ±Infinity, sin(−0) = −0). */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return sinKernel(x, 0, false); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN;
  const n = reducePiOver2(x);
  switch (n & 3) {
    case 0:
      return sinKernel(reduced[0], reduced[1], true);
    case 1:
      return cosKernel(reduced[0], reduced[1]);
    case 2:
      return -sinKernel(reduced[0], reduced[1], true);
    default:
      return -cosKernel(reduced[0], reduced[1]);
  }
}

/** cos x, within 1 ulp, identical in every JavaScript engine (NaN for ±Infinity). */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return cosKernel(x, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN;
  const n = reducePiOver2(x);
  switch (n & 3) {
    case 0:
      return cosKernel(reduced[0], reduced[1]);
    case 1:
      return -sinKernel(reduced[0], reduced[1], true);
    case 2:
      return -cosKernel(reduced[0], reduced[1]);
    default:
      return sinKernel(reduced[0], reduced[1], true);
  }
}
