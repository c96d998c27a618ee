/**
 * Reduction of x modulo π/2 for sin and cos (trig.ts): x = n·π/2 + (y0 + y1), |y0 + y1| ≤ π/4,
 * y0 + y1 carrying about 100 bits. Below 2^19·π/2 it is fdlibm 5.3's e_rem_pio2.c (Cody–Waite:
 * π/2 in three 33-bit pieces, so n·piece is exact, a second and third piece taken only when the
 * first cancels). Larger |x| are reduced exactly with BigInt integers (Payne–Hanek's idea: only
 * the bits of 2/π near x's binary point matter), 2/π and π/2 computed once from Machin's formula
 * π/4 = 4·atan(1/5) − atan(1/239); BigInt arithmetic and its conversion to Number are exact or
 * correctly rounded by the language specification, so every engine agrees.
 */
import { highWord, scalbn } from "./words.ts";

/** y0 and y1 of the last reduction: read them right after calling reducePiOver2. */
export const reduced = new Float64Array(2);

const INV_PIO2 = 6.36619772367581382433e-1; // 2/π
const PIO2_1 = 1.57079632673412561417e0; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const PIO2_2 = 6.07710050630396597660e-11; // second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.02226624871116645580e-21; // third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** High words of n·π/2, n = 1…32 (fdlibm's npio2_hw): x this close to a multiple may cancel in the first step. */
const NPIO2_HW = Int32Array.from({ length: 32 }, (_, i) => highWord(((i + 1) * Math.PI) / 2));

/**
 * n mod 4 (as an integer whose low two bits are the quadrant) with x − n·π/2 = reduced[0] + reduced[1];
 * x finite. For |x| ≤ π/4, n = 0 and reduced = [x, 0].
 */
export function reducePiOver2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    reduced[0] = x;
    reduced[1] = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1. Near π/2 (same high word) the first piece cancels, so take two.
    const s = hx > 0 ? 1 : -1;
    let z = x - s * PIO2_1;
    if (ix !== 0x3ff921fb) {
      reduced[0] = z - s * PIO2_1T;
      reduced[1] = z - reduced[0] - s * PIO2_1T;
    } else {
      z -= s * PIO2_2;
      reduced[0] = z - s * PIO2_2T;
      reduced[1] = z - reduced[0] - s * PIO2_2T;
    }
    return s;
  }
  if (ix <= 0x413921fb) return reduceMedium(x, hx, ix);
  return reduceLarge(x);
}

/** |x| ≤ 2^19·π/2: Cody–Waite with up to three pieces of π/2. */
function reduceMedium(x: number, hx: number, ix: number): number {
  const t = Math.abs(x);
  const n = Math.trunc(t * INV_PIO2 + 0.5);
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T; // first round: good to 85 bits
  let y0 = r - w;
  if (!(n < 32 && ix !== NPIO2_HW[n - 1])) {
    const j = ix >> 20;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      // second round: good to 118 bits
      let u = r;
      w = n * PIO2_2;
      r = u - w;
      w = n * PIO2_2T - (u - r - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        // third round: 151 bits
        u = r;
        w = n * PIO2_3;
        r = u - w;
        w = n * PIO2_3T - (u - r - w);
        y0 = r - w;
      }
    }
  }
  const y1 = r - y0 - w;
  if (hx < 0) {
    reduced[0] = -y0;
    reduced[1] = -y1;
    return -n;
  }
  reduced[0] = y0;
  reduced[1] = y1;
  return n;
}

// Large arguments: x = m·2^e (m < 2^53), x·2/π = m·⌊2^TB·2/π⌋·2^(e − TB) to within 2^-64 of FB
// fraction bits, for every e ≤ 971; then the fraction times π/2 to PB bits.
const TB = 1280;
const FB = 192;
const PB = 128;
let twoOverPi = 0n; // ⌊2^TB · 2/π⌋
let piOver2 = 0n; // ⌊2^PB · π/2⌋

/** ⌊2^bits · atan(1/k)⌋ to within the number of terms, by the alternating Taylor series. */
function atanInverse(k: bigint, bits: bigint): bigint {
  let term = (1n << bits) / k;
  let sum = 0n;
  const k2 = k * k;
  for (let i = 0n; term > 0n; i++) {
    sum += i % 2n === 0n ? term / (2n * i + 1n) : -(term / (2n * i + 1n));
    term /= k2;
  }
  return sum;
}

function initConstants(): void {
  const bits = BigInt(TB + 64); // 64 guard bits over the widest constant
  const pi = 4n * (4n * atanInverse(5n, bits) - atanInverse(239n, bits)); // π·2^bits
  twoOverPi = (1n << (bits + BigInt(TB) + 1n)) / pi;
  piOver2 = pi >> (bits - BigInt(PB) + 1n);
}

const SCALE = scalbn(1, -(FB + PB));

function reduceLarge(x: number): number {
  if (twoOverPi === 0n) initConstants();
  const ax = Math.abs(x);
  const e = ((highWord(ax) >> 20) & 0x7ff) - 1075; // ax ≥ 2^20, so normal
  const m = BigInt(scalbn(ax, -e)); // the 53-bit integer significand (exact)
  const shift = BigInt(TB - e);
  const product = m * twoOverPi; // x·2/π · 2^shift
  let n = Number((product >> shift) & 3n);
  let fraction = (product >> (shift - BigInt(FB))) & ((1n << BigInt(FB)) - 1n);
  if (fraction >= 1n << BigInt(FB - 1)) {
    fraction -= 1n << BigInt(FB);
    n += 1;
  }
  const r = fraction * piOver2; // (x − n·π/2)·2^(FB+PB)
  const hi = Number(r);
  const lo = Number(r - BigInt(hi));
  const s = x < 0 ? -1 : 1;
  reduced[0] = s * hi * SCALE;
  reduced[1] = s * lo * SCALE;
  return s * n;
}
