/**
 * x^y from + − × ÷, √ and exact bit operations, so that every JavaScript engine returns the same
 * bits (Math.pow is not specified to the last bit and differs between Node's and Chromium's V8).
 * The algorithm is fdlibm 5.3's e_pow.c (Sun Microsystems, 1993), error < 1 ulp, exact for integer
 * powers of integers that fit in a double:
 *   1. log2|x| = n + log2(1 + f) to about 2^-64 relative, as a sum t1 + t2 of doubles, t1 with a
 *      cleared low word (|1 + f| is taken near 1 or 1.5, and log2 of the ratio comes from a minimax
 *      polynomial in s = (ax − b)/(ax + b), s split in hi and lo parts);
 *   2. y·log2|x| = p_h + p_l, with y split likewise, so p_h is exact;
 *   3. 2^(p_h + p_l) = 2^n·e^(r·ln2), e^r as in exp (exp.ts), the sign from odd integer y.
 * Special values follow ECMAScript's Math.pow (NaN for (±1)^±∞ and for y = NaN, 1 for y = ±0).
 * For whole exponents in a table (δ^m, (1 − ρ)^Δ) use powInt: cheaper, and no logarithm involved.
 */
import { expKernel } from "./exp.ts";
import { fromWords, highWord, lowWord, scalbn, truncateLow, withHighWord } from "./words.ts";

const BP = [1, 1.5];
const DP_H = [0, 5.84962487220764160156e-1]; // log2(1.5) high part
const DP_L = [0, 1.35003920212974897128e-8]; // log2(1.5) low part
const TWO53 = 9007199254740992;
const HUGE = 1e300;
const TINY = 1e-300;
// Minimax coefficients of (3/2)·(log(x) − 2s − (2/3)s³)
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LG2 = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1; // 0x3fe62e43 00000000
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17; // −(1024 − log2(largest double + ½ulp))
const CP = 9.61796693925975554329e-1; // 2/(3·ln2)
const CP_H = 9.61796700954437255859e-1; // CP to 32 bits (low word 0)
const CP_L = -7.02846165095275826516e-9; // CP − CP_H
const IVLN2 = 1.44269504088896338700e0;
const IVLN2_H = 1.44269502162933349609e0; // 1/ln2 to 24 bits
const IVLN2_L = 1.92596299112661746887e-8;

/** 0: y is not an integer; 1: an odd integer; 2: an even integer (only needed when x < 0). */
function integerKind(iy: number, ly: number): number {
  if (iy >= 0x43400000) return 2; // |y| ≥ 2^53
  if (iy < 0x3ff00000) return 0; // |y| < 1
  const e = (iy >> 20) - 0x3ff;
  if (e > 20) {
    const j = ly >>> (52 - e);
    return (j << (52 - e)) >>> 0 === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) return 0;
  const j = iy >> (20 - e);
  return j << (20 - e) === iy ? 2 - (j & 1) : 0;
}

/** x^y, within 1 ulp, identical in every JavaScript engine; special values as Math.pow. */
export function pow(x: number, y: number): number {
  const hx = highWord(x), lx = lowWord(x);
  const hy = highWord(y), ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^±0 = 1, even for NaN
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return NaN;

  const yKind = hx < 0 ? integerKind(iy, ly) : 0;

  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±Infinity
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
      return hy < 0 ? -y : 0; // |x| < 1
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±Infinity, ±1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yKind) === 0) z = NaN; // (−1)^non-integer
      else if (yKind === 1) z = -z;
    }
    return z;
  }

  if (hx < 0 && yKind === 0) return NaN; // (x < 0)^non-integer
  const sign = hx < 0 && yKind === 1 ? -1 : 1;

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow unless x is 1 (handled above)
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      return hy > 0 ? Infinity : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? sign * Infinity : sign * 0;
    if (ix > 0x3ff00000) return hy > 0 ? sign * Infinity : sign * 0;
    // |1 − x| ≤ 2^-20: log2(x) from the series x − x²/2 + x³/3 − x⁴/4.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = truncateLow(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) k = 0; // |x| < √(3/2)
    else if (j < 0xbb67a) k = 1; // |x| < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);

    // ss = s_h + s_l = (ax − b)/(ax + b), b = 1 or 1.5
    let u = ax - BP[k];
    let v = 1 / (ax + BP[k]);
    const ss = u * v;
    const sH = truncateLow(ss);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ax + b, high part
    let tL = ax - (tH - BP[k]);
    const sL = v * ((u - sH * tH) - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = truncateLow(3 + s2 + r);
    tL = r - ((tH - 3) - s2);
    // u + v = ss·(1 + …)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + …)
    const pH = truncateLow(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + DP_L[k];
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dp_h + z_h + z_l
    const t = n;
    t1 = truncateLow(((zH + zL) + DP_H[k]) + t);
    t2 = zL - (((t1 - t) - DP_H[k]) - zH);
  }

  // (y1 + y2)·(t1 + t2), y1 = y with a cleared low word
  const y1 = truncateLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  const j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0 || pL + OVT > z - pH) return sign * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0 || pL <= z - pH) return sign * 0;
  }

  // 2^(p_h + p_l) = 2^n · 2^r, |r| ≤ 1/2
  const a = j & 0x7fffffff;
  let e = (a >> 20) - 0x3ff;
  let n = 0;
  if (a > 0x3fe00000) {
    // |z| > 1/2: n = round(z)
    n = j + (0x00100000 >> (e + 1));
    e = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> e), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - e);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = truncateLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const r1 = expKernel(z);
  const r = (z * r1) / (r1 - 2) - (w + z * w);
  z = 1 - (r - z);
  const hz = highWord(z) + (n << 20);
  z = hz >> 20 <= 0 ? scalbn(z, n) : withHighWord(z, hz);
  return sign * z;
}

/**
 * x^n for a whole n ≥ 0 by binary powering (square and multiply, ⌊log2 n⌋ squarings): a fixed
 * sequence of IEEE products, so exact in every engine, and cheaper than pow for table building.
 */
export function powInt(x: number, n: number): number {
  let result = 1;
  let base = x;
  for (let m = n; m > 0; m = Math.floor(m / 2)) {
    if (m % 2 === 1) result *= base;
    if (m > 1) base *= base;
  }
  return result;
}
