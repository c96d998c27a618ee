/**
 * Bit access to IEEE 754 doubles for the libm ports (fdlibm's GET_HIGH_WORD, SET_LOW_WORD,
 * INSERT_WORDS): one shared Float64Array with a Uint32Array view of the same 8 bytes, which every
 * JavaScript engine reads and writes exactly. The word order follows the platform's byte order.
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** Sign, exponent and the top 20 fraction bits of x, as a signed 32-bit integer (GET_HIGH_WORD). */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}

/** The low 32 fraction bits of x, unsigned (GET_LOW_WORD). */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

/** The double whose words are `hi` and `lo` (INSERT_WORDS). */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[LO] = lo;
  return f64[0];
}

/** x with its low word cleared: its leading 21 significant bits, for exact products (SET_LOW_WORD(x, 0)). */
export function truncateLow(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0];
}

/** x with its high word replaced (SET_HIGH_WORD). */
export function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi;
  return f64[0];
}

const TWO_1023 = fromWords(0x7fe00000, 0); // 2^1023
const TWO_M1022_53 = fromWords(0x03600000, 0); // 2^-1022 · 2^53 = 2^-969

/**
 * x · 2^n with one rounding (scalbn): steps that stay in the normal range are exact, and a
 * subnormal result is rounded once (the 2^53 step keeps the intermediate normal, as in musl).
 */
export function scalbn(x: number, n: number): number {
  if (n > 1023) {
    x *= TWO_1023;
    n -= 1023;
    if (n > 1023) {
      x *= TWO_1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    x *= TWO_M1022_53;
    n += 1022 - 53;
    if (n < -1022) {
      x *= TWO_M1022_53;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return x * fromWords((0x3ff + n) << 20, 0);
}
