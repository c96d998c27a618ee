/**
 * Designs are pure expansions of a sweep's parameters into an ordered list of points
 * (docs/sweeps.md, "Designs"): a full grid, random draws, a Latin hypercube, or Saltelli's sample.
 * Sampled designs draw from counter-based uniforms keyed by the sweep's design key, so point j of a
 * random design does not depend on how many points there are.
 */
import type { Design, Parameter } from "../../scenarios/schema/sweep.ts";
import { exp } from "../core/libm/exp.ts";
import { log } from "../core/libm/log.ts";
import { uniform } from "../core/rng/hash.ts";
import { saltelli } from "./sobol.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** One value per parameter, in the sweep's parameter order. */
export type Point = Json[];

/** Tidy evenly spaced values: 12 significant digits, so 0.1 + 0.2 steps print as 0.3. */
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/** Grid step k of `steps` from min to max (geometric with log; rounded with integer). */
function gridStep(p: Parameter, k: number): number {
  const { min, max, steps } = p as Required<Pick<Parameter, "min" | "max" | "steps">>;
  if (k === 0) return min;
  if (k === steps - 1) return max;
  const f = k / (steps - 1);
  const x = p.log ? exp(log(min) + f * (log(max) - log(min))) : min + f * (max - min);
  return p.integer ? Math.round(x) : tidy(x);
}

/** The values a parameter takes in a grid: its list, or `steps` values from min to max (geometric with log). */
export function gridValues(p: Parameter): Json[] {
  if (p.values) return p.values as Json[];
  const out = Array.from({ length: p.steps! }, (_, k) => gridStep(p, k));
  return p.integer ? [...new Set(out)] : out;
}

/** How many values gridValues gives, without listing them (a grid of 10^9 steps is refused by its size, not built). */
export function gridCount(p: Parameter): number {
  if (p.values) return p.values.length;
  if (!p.integer) return p.steps!;
  // Rounded steps rise monotonically, so distinct values are the changes along the steps.
  let n = 1;
  for (let k = 1, prev = gridStep(p, 0); k < p.steps!; k++) {
    const v = gridStep(p, k);
    if (v !== prev) n++;
    prev = v;
  }
  return n;
}

/** Cartesian product of value lists, the first list varying slowest (as itertools.product). */
export function designGrid(lists: readonly Json[][]): Point[] {
  let points: Point[] = [[]];
  for (const values of lists) points = points.flatMap((p) => values.map((v) => [...p, v]));
  return points;
}

/** n points in [0, 1)^k of independent uniforms: u[j][i] = U(key; j, i). */
export function unitRandom(n: number, k: number, key: number): Float64Array[] {
  return Array.from({ length: n }, (_, j) => Float64Array.from({ length: k }, (_, i) => uniform(key, j, i, 1)));
}

/**
 * Latin hypercube: for each dimension a permutation of the n strata (Fisher–Yates on counter draws),
 * and a uniform position inside each stratum.
 */
export function unitLhs(n: number, k: number, key: number): Float64Array[] {
  const out = Array.from({ length: n }, () => new Float64Array(k));
  for (let i = 0; i < k; i++) {
    const perm = Int32Array.from({ length: n }, (_, j) => j);
    for (let j = n - 1; j > 0; j--) {
      const r = Math.floor(uniform(key, i, j, 2) * (j + 1));
      [perm[j], perm[r]] = [perm[r], perm[j]];
    }
    for (let j = 0; j < n; j++) out[j][i] = (perm[j] + uniform(key, j, i, 3)) / n;
  }
  return out;
}

/** A parameter's value at u in [0, 1): a list entry, a whole number in [min, max], or a number in [min, max). */
export function fromUnit(p: Parameter, u: number): Json {
  if (p.values) return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))] as Json;
  const min = p.min!;
  const max = p.max!;
  if (p.integer) return Math.min(max, min + Math.floor(u * (max - min + 1)));
  if (p.log) return exp(log(min) + u * (log(max) - log(min)));
  return min + u * (max - min);
}

/** The ordered points of a design. `key` feeds the random and Latin hypercube draws. */
export function expandDesign(design: Design, params: readonly Parameter[], key: number): Point[] {
  const k = params.length;
  const map = (units: Float64Array[]) => units.map((u) => params.map((p, i) => fromUnit(p, u[i])));
  switch (design.kind) {
    case "grid":
      return designGrid(params.map(gridValues));
    case "random":
      return map(unitRandom(design.points, k, key));
    case "lhs":
      return map(unitLhs(design.points, k, key));
    case "sobol":
      return map(saltelli(design.samples, k));
  }
}

/** Points a design will give, without expanding it. */
export function designSize(design: Design, params: readonly Parameter[]): number {
  switch (design.kind) {
    case "grid":
      return params.reduce((a, p) => a * gridCount(p), 1);
    case "random":
    case "lhs":
      return design.points;
    case "sobol":
      return design.samples * (params.length + 2);
  }
}
