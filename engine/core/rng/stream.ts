/**
 * Sequential generator for setup-time draws (population attributes): sfc32 (Chris Doty-Humphrey's
 * small fast chaotic generator, PractRand-clean), seeded from a derived key and warmed up 12 rounds.
 */
import { hash3 } from "./hash.ts";

/** A source of uniform numbers in [0, 1). Every sampler takes one explicitly. */
export type Rng = () => number;

export function stream(key: number): Rng {
  let a = hash3(key, 1, 0, 0) | 0;
  let b = hash3(key, 2, 0, 0) | 0;
  let c = hash3(key, 3, 0, 0) | 0;
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}
