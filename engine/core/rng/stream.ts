/**
 * Sequential generator for setup-time draws (population attributes): sfc32 (Chris Doty-Humphrey's
 * small fast chaotic generator, PractRand-clean), seeded from a derived key and warmed up 12 rounds.
 */
import { hash3 } from "./hash.ts";

/** A source of uniform numbers in [0, 1). Every sampler takes one explicitly. */
export type Rng = () => number;

/** A source of uniform numbers in [0, 1) as an object (Sfc32 is one), for the samplers' classes. */
export interface Uniform {
  next(): number;
}

/**
 * sfc32 as an object, for hot loops: `next()` on one monomorphic class inlines where a closure call
 * may not, and `seed` re-keys it in place, so a loop over many keyed chunks allocates nothing.
 */
export class Sfc32 {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  constructor(key: number) {
    this.seed(key);
  }

  seed(key: number): void {
    this.a = hash3(key, 1, 0, 0) | 0;
    this.b = hash3(key, 2, 0, 0) | 0;
    this.c = hash3(key, 3, 0, 0) | 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** The next 32 bits as an unsigned integer: next() is this over 2³². */
  nextU32(): number {
    const { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }
}

export function stream(key: number): Rng {
  const g = new Sfc32(key);
  return () => g.next();
}
