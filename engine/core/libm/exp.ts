/**
 * e^x from + − × ÷ and exact bit operations, so that every JavaScript engine returns the same bits
 * (Math.exp is not specified to the last bit and differs between Node's and Chromium's V8). The
 * algorithm is fdlibm 5.3's e_exp.c (Sun Microsystems, 1993; K. C. Ng), error < 1 ulp:
 *   1. x = k·ln2 + r, |r| ≤ ln2/2, with ln2 split in two (the high part has 32 trailing zeros, so
 *      k·ln2_hi is exact);
 *   2. on |r| ≤ ln2/2, R(r²) = r·(e^r + 1)/(e^r − 1) ≈ 2 + r²/6 − r⁴/360 + … is a degree-5 minimax
 *      polynomial P1…P5 (error < 2^−59), and e^r = 1 + r + r·c(r)/(2 − c(r)), c(r) = r − r²·R;
 *   3. e^x = 2^k · e^r, by adding k to the exponent.
 * docs/model.md §8 says why the engine uses this instead of Math.exp.
 */
import { fromWords, highWord, withHighWord } from "./words.ts";

const LN2_HI = 6.93147180369123816490e-1; // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const INV_LN2 = 1.44269504088896338700e0; // 0x3ff71547 652b82fe
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
/** Above this e^x overflows, below U_THRESHOLD it underflows to 0. */
const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862e42 fefa39ef
const U_THRESHOLD = -7.45133219101941108420e2; // 0xc0874910 d52d3051
const TWO_M1000 = fromWords(0x01700000, 0);

/** c(r) = r − r²·(P1 + r²·P2 + … + r⁸·P5) of step 2, for |r| ≤ ln2/2 (pow.ts reconstructs 2^r with it too). */
export function expKernel(r: number): number {
  const t = r * r;
  return r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
}

/** e^x, within 1 ulp, identical in every JavaScript engine. */
export function exp(x: number): number {
  const hx = highWord(x);
  const negative = hx < 0;
  const ax = hx & 0x7fffffff;
  if (ax >= 0x40862e42) {
    // |x| ≥ 709.78: NaN, ±Infinity, overflow or underflow.
    if (ax >= 0x7ff00000) return x !== x ? x : negative ? 0 : x;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (ax > 0x3fd62e42) {
    // |x| > ln2/2: reduce.
    if (ax < 0x3ff0a2b2) {
      // |x| < 1.5·ln2: k = ±1.
      k = negative ? -1 : 1;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 0x3e300000) {
    // |x| < 2^-28: e^x = 1 + x to the last bit.
    return 1 + x;
  }
  const c = expKernel(x);
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - ((lo - (x * c) / (2 - c)) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * fromWords(0x7fe00000, 0);
    return withHighWord(y, highWord(y) + (k << 20));
  }
  // Subnormal result: scale into the normal range exactly, then round once.
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * TWO_M1000;
}
