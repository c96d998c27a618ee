/**
 * Seeds of a sweep (docs/sweeps.md, "Seeds"). A point's seed is a hash of its canonical parameter
 * values under a key derived from the master seed; replicate r of the point is the engine's
 * replicate r with that seed. No run's seed depends on which other points exist or their order.
 */
import { hashString } from "../core/rng/hash.ts";
import { deriveKey, masterKey } from "../core/rng/seed.ts";
import type { Json } from "./design.ts";

/** Labels of the sweep's keys under the master key; part of the scheme, never renumber them. */
const SWEEP_POINTS = 0x53575031; // "SWP1"
const SWEEP_DESIGN = 0x53574431; // "SWD1"
const SWEEP_BOOTSTRAP = 0x53574231; // "SWB1"

export const SWEEP_SEED_SCHEME =
  "point seed = murmur3 hashString(key(master, 0x53575031), canonical JSON of {name: value}); " +
  "run (point, r) = replicate r of the point's scenario with that seed; design draws keyed by key(master, 0x53574431)";

/**
 * JSON with object keys sorted (UTF-16 code-unit order) at every depth and numbers in ECMAScript's
 * shortest round-trip form (as RFC 8785): equal values give equal text, whatever the key order.
 * Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value).filter((k) => value[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`canonicalJson: ${value} is not JSON`);
  return JSON.stringify(value);
}

/** The seed of a point: its values by parameter name, canonicalized and hashed under the master seed. */
export function pointSeed(master: number, names: readonly string[], values: readonly Json[]): number {
  // fromEntries defines own fields, whatever the name (an assignment to "__proto__" would not).
  const obj: Record<string, Json> = Object.fromEntries(names.map((n, i) => [n, values[i]]));
  return hashString(deriveKey(masterKey(master), SWEEP_POINTS), canonicalJson(obj));
}

/** Key of the random and Latin hypercube draws of a design. */
export function designKey(master: number): number {
  return deriveKey(masterKey(master), SWEEP_DESIGN);
}

/** A 64-bit fingerprint of a JSON value (two independent 32-bit hashes), as 16 hex digits. */
export function fingerprint(value: Json): string {
  const text = canonicalJson(value);
  return [0x9e3779b9, 0x7f4a7c15].map((k) => hashString(k, text).toString(16).padStart(8, "0")).join("");
}

/** Key of the bootstrap resamples behind the Sobol indices' confidence intervals. */
export function bootstrapKey(master: number): number {
  return deriveKey(designKey(master), SWEEP_BOOTSTRAP);
}
