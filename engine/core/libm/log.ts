/**
 * ln x and ln(1 + x) from + − × ÷ and exact bit operations, so that every JavaScript engine returns
 * the same bits (Math.log is not specified to the last bit and differs between Node's and
 * Chromium's V8). The algorithms are fdlibm 5.3's e_log.c and s_log1p.c (Sun Microsystems, 1993),
 * error < 1 ulp:
 *   1. x = 2^k·(1 + f) with √2/2 < 1 + f < √2 (for ln(1 + x), 1 + x is formed with a correction
 *      term c for the rounding of the sum);
 *   2. with s = f/(2 + f), ln(1 + f) = 2s + s·R(s²), R a degree-7 minimax polynomial in s²
 *      (error < 2^−58.45), evaluated as f − (f²/2 − s·(f²/2 + R)) to keep the leading terms exact;
 *   3. ln x = k·ln2_hi + (f − … + k·ln2_lo), ln2_hi having enough trailing zeros that k·ln2_hi is exact.
 * docs/model.md §8 says why the engine uses these instead of Math.log and Math.log1p.
 */
import { highWord, lowWord, withHighWord } from "./words.ts";

const LN2_HI = 6.93147180369123816490e-1; // 0x3fe62e42 fee00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const TWO54 = 1.80143985094819840000e16;
const L1 = 6.666666666666735130e-1;
const L2 = 3.999999999940941908e-1;
const L3 = 2.857142874366239149e-1;
const L4 = 2.222219843214978396e-1;
const L5 = 1.818357216161805012e-1;
const L6 = 1.531383769920937332e-1;
const L7 = 1.479819860511658591e-1;

/** ln x, within 1 ulp, identical in every JavaScript engine (NaN below 0, −Infinity at ±0). */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: zero, negative, NaN with the sign bit, or subnormal.
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // Normalise the mantissa into [√2/2, √2): i is 0x100000 when it must be halved.
  const i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: two terms of the series suffice.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - ((R - dk * LN2_LO) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (L2 + w * (L4 + w * L6));
  const t2 = z * (L1 + w * (L3 + w * (L5 + w * L7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    // 1 + f is not near 1.5 within about 2^-4: keep f²/2 apart for accuracy.
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - ((hfsq - (s * (hfsq + R) + dk * LN2_LO)) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - ((s * (f - R) - dk * LN2_LO) - f);
}

/** ln(1 + x), within 1 ulp, accurate for tiny x, identical in every JavaScript engine (NaN below −1). */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < √2 − 1 (or negative).
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1 (or NaN with the sign bit)
    if (ax < 0x3e200000) {
      // |x| < 2^-29: x − x²/2, or x itself below 2^-54.
      return ax < 0x3c900000 ? x : x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // −0.2929 < x < 0.41422: f = x directly.
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of 1 + x
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // u into [1, √2)
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // u/2 into [√2/2, 1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.66666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - ((R - (k * LN2_LO + c)) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * L7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - ((hfsq - (s * (hfsq + R) + (k * LN2_LO + c))) - f);
}
