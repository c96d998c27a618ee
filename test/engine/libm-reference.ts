/**
 * Independent high-precision reference for the libm tests: exact binary numbers m·2^e with BigInt
 * significands, and ln, exp, sin, cos by their Taylor (and atanh) series with 320-bit fixed-point
 * arithmetic. π comes from Gauss's formula π/4 = 12·atan(1/18) + 8·atan(1/57) − 5·atan(1/239),
 * not from the Machin formula that engine/core/libm uses, so the two check each other. Slow
 * (tens of µs per value), exact to about 2^-250 relative: enough to measure errors in ulps.
 */

/** The binary number m·2^e. */
export interface Big {
  m: bigint;
  e: number;
}

const F = 320; // fraction bits of the fixed-point series (products are rescaled by / ONE, which truncates toward zero, so series terms of either sign reach 0)
const ONE = 1n << BigInt(F);

function bitLength(m: bigint): number {
  return (m < 0n ? -m : m).toString(2).length;
}

/** x exactly (x finite and nonzero). */
export function fromDouble(x: number): Big {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0), lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const m = biased === 0 ? fraction : fraction | (1n << 52n);
  return { m: hi >>> 31 ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/** a as a fixed-point integer with `bits` fraction bits (truncated). */
function toFixed(a: Big, bits: number): bigint {
  const s = a.e + bits;
  return s >= 0 ? a.m << BigInt(s) : a.m / (1n << BigInt(-s));
}

function mul(a: Big, b: Big): Big {
  return { m: a.m * b.m, e: a.e + b.e };
}

function sub(a: Big, b: Big): Big {
  const e = Math.min(a.e, b.e);
  return { m: (a.m << BigInt(a.e - e)) - (b.m << BigInt(b.e - e)), e };
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

/** atanh(s) = s + s³/3 + s⁵/5 + … for a fixed-point s, |s| ≤ 1/3. */
function atanhFixed(s: bigint): bigint {
  const s2 = (s * s) / ONE;
  let term = s, sum = s;
  for (let n = 3n; term !== 0n; n += 2n) {
    term = (term * s2) / ONE;
    sum += term / n;
  }
  return sum;
}

const LN2 = 2n * atanhFixed(ONE / 3n); // ln 2 = 2·atanh(1/3)

/** ln a for a > 0, to about 2^-F absolute. */
export function ln(a: Big): Big {
  const bl = bitLength(a.m);
  let k = a.e + bl - 1; // a = r·2^k, 1 ≤ r < 2
  let r = toFixed({ m: a.m, e: 1 - bl }, F);
  if (r * r > 2n * ONE * ONE) {
    r >>= 1n;
    k += 1;
  }
  const s = ((r - ONE) << BigInt(F)) / (r + ONE);
  return { m: BigInt(k) * LN2 + 2n * atanhFixed(s), e: -F };
}

/** e^a for |a| ≤ 1100, to about 2^-(F−12) relative. */
export function exp(a: Big): Big {
  const z = toFixed(a, F);
  const k = floorDiv(2n * z + LN2, 2n * LN2); // round(z / ln2)
  const r = z - k * LN2; // |r| ≤ ln2/2
  let term = ONE, sum = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = ((term * r) / ONE) / n;
    sum += term;
  }
  return { m: sum, e: Number(k) - F };
}

/** |x|^y for x ≠ 0 (the caller supplies the sign). */
export function pow(x: number, y: number): Big {
  return exp(mul(fromDouble(y), ln(fromDouble(Math.abs(x)))));
}

/** atan(1/k)·2^bits by its alternating series. */
function atanInverse(k: bigint, bits: number): bigint {
  let term = (1n << BigInt(bits)) / k, sum = term;
  const k2 = k * k;
  for (let n = 1n; term !== 0n; n++) {
    term /= k2;
    sum += (n % 2n ? -term : term) / (2n * n + 1n);
  }
  return sum;
}

const P = F + 1100 + 64; // π's fraction bits: enough for x up to 2^1024
const PI = 4n * (12n * atanInverse(18n, P) + 8n * atanInverse(57n, P) - 5n * atanInverse(239n, P));
const HALF_PI = PI >> 1n;

/** [sin x, cos x] for finite x with |x| ≥ 2^-200, to about 2^-(F−4) absolute. */
export function sinCos(x: number): [Big, Big] {
  const X = toFixed(fromDouble(x), P); // exact
  const q = floorDiv(2n * X + HALF_PI, 2n * HALF_PI);
  const r = (X - q * HALF_PI) >> BigInt(P - F); // |r| ≤ π/4
  const r2 = (r * r) / ONE;
  let s = r, c = ONE, ts = r, tc = ONE;
  for (let n = 1n; ts !== 0n || tc !== 0n; n++) {
    ts = -((ts * r2) / ONE) / ((2n * n) * (2n * n + 1n));
    tc = -((tc * r2) / ONE) / ((2n * n - 1n) * (2n * n));
    s += ts;
    c += tc;
  }
  const quadrant = Number(((q % 4n) + 4n) % 4n);
  const big = (m: bigint): Big => ({ m, e: -F });
  const sines = [s, c, -s, -c], cosines = [c, -s, -c, s];
  return [big(sines[quadrant]), big(cosines[quadrant])];
}

/**
 * The error of the double d against the exact value, in units in the last place of d (d normal and
 * nonzero): |d − exact| / 2^(exponent(d) − 52).
 */
export function ulpError(d: number, exact: Big): number {
  const D = fromDouble(d);
  const diff = sub(D, exact);
  const ulpExp = D.e; // a normal d has a 53-bit significand, so its last place is 2^e
  const shift = Math.max(0, bitLength(diff.m) - 60);
  return Math.abs(Number(diff.m >> BigInt(shift))) * 2 ** (diff.e + shift - ulpExp);
}

/** ln(1 + x) for x > −1: from 1 + x formed exactly, or below 2^-100 as x − x²/2 + x³/3 (relative error < x³). */
export function log1p(x: number): Big {
  const X = fromDouble(x);
  const neg = (a: Big): Big => ({ m: -a.m, e: a.e });
  if (Math.abs(x) >= 2 ** -100) return ln(sub({ m: 1n, e: 0 }, neg(X)));
  const x2 = mul(X, X), x3 = mul(x2, X);
  return sub(sub(X, { m: x2.m, e: x2.e - 1 }), neg({ m: (x3.m << 200n) / 3n, e: x3.e - 200 }));
}
