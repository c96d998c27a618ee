/**
 * Paired replicates for planner-level properties: the scenario as it is (a) and with one lever pulled
 * (b) run on the same replicate keys, so both see the same population, network and random numbers
 * wherever the lever does not change them (common random numbers). A property is checked on the
 * per-replicate differences d = b − a.
 */
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario, ScenarioInput } from "../../scenarios/schema/scenario.ts";
import { runPlan, type RunResult } from "../../engine/core/run.ts";
import { buildWorld, type World } from "../../engine/core/world.ts";
import { tQuantile975 } from "../../engine/experiment/compare.ts";

/**
 * One-sided bound used to call a difference a violation. Each suite checks a few hundred scenarios per
 * property; z = 3.29 (a one-sided tail of 0.05 %) keeps the chance that a property which truly holds
 * fails somewhere in 200 scenarios near 10 % if every scenario sat exactly at the bound, and far lower
 * in practice, where most levers move results well clear of it.
 */
export const Z = 3.29;

export interface Paired {
  readonly a: Float64Array;
  readonly b: Float64Array;
}

/** Run plan `plan` (by index) of a and of b on replicates 0 … R − 1; measure each run. */
export function pairedRuns(a: Scenario, b: Scenario, plan: number, R: number, measure: (r: RunResult, s: Scenario) => number[]): Paired[] {
  const sameWorld = JSON.stringify([a.population, a.network, a.seed]) === JSON.stringify([b.population, b.network, b.seed]);
  const out: number[][][] = [[], []];
  for (let r = 0; r < R; r++) {
    const wa = buildWorld(a, r);
    // A lever that leaves population and network alone shares the world (same draws, half the building).
    const wb: World = sameWorld ? { ...wa, scenario: b } : buildWorld(b, r);
    out[0].push(measure(runPlan(wa, a.plans[plan], { planIndex: plan }), a));
    out[1].push(measure(runPlan(wb, b.plans[plan], { planIndex: plan }), b));
  }
  return out[0][0].map((_, m) => ({ a: Float64Array.from(out[0], (x) => x[m]), b: Float64Array.from(out[1], (x) => x[m]) }));
}

export interface Difference {
  meanA: number;
  meanB: number;
  mean: number;
  se: number;
  /** 95 % t interval of the mean difference. */
  low: number;
  high: number;
  n: number;
}

export function difference({ a, b }: Paired): Difference {
  const n = a.length;
  const d = Array.from(a, (x, k) => b[k] - x);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const se = sd / Math.sqrt(n);
  const half = n > 1 ? tQuantile975(n - 1) * se : 0;
  const avg = (v: Float64Array) => v.reduce((s, x) => s + x, 0) / n;
  return { meanA: avg(a), meanB: avg(b), mean, se, low: mean - half, high: mean + half, n };
}

const f = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));

/** "conversions 12.3 → 15.1, b − a = 2.8 [1.2, 4.4] (95 %, 6 pairs)". */
export function describe(metric: string, d: Difference): string {
  return `${metric} ${f(d.meanA)} → ${f(d.meanB)}, paired b − a = ${f(d.mean)} [${f(d.low)}, ${f(d.high)}] (95 %, ${d.n} pairs)`;
}

/**
 * Student's t quantile for the one-sided tail of Z (0.05 %) with df degrees of freedom, by the
 * Cornish–Fisher expansion around Z (Abramowitz & Stegun 26.7.5): 4.07 at df = 15 (exact 4.07), 11.4 at
 * df = 3 (exact 12.9; few pairs get a wide margin either way, and a flagged scenario is rerun with more).
 */
export function tCritical(df: number): number {
  const z = Z, z3 = z ** 3, z5 = z ** 5, z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

/**
 * Does the difference go the expected way? "≥": b does not fall below a by more than `slack` plus
 * t standard errors; "≤" the mirror. The slack is a practical margin, 1 % of the larger mean, so that
 * rounding-level effects are not called violations.
 */
export function holds(d: Difference, expect: "≥" | "≤"): boolean {
  const slack = 0.01 * Math.max(Math.abs(d.meanA), Math.abs(d.meanB)) + 1e-9;
  const margin = d.n > 1 ? tCritical(d.n - 1) * d.se : 0;
  return expect === "≥" ? d.mean + margin >= -slack : d.mean - margin <= slack;
}

/** Pooled over scenarios: Σ mean / √Σ se² must not point the wrong way beyond Z (catches a small, systematic violation). */
export function pooledHolds(ds: readonly Difference[], expect: "≥" | "≤"): { z: number; ok: boolean } {
  const sum = ds.reduce((s, d) => s + d.mean, 0);
  const se = Math.sqrt(ds.reduce((s, d) => s + d.se * d.se, 0));
  const z = se > 0 ? sum / se : sum === 0 ? 0 : Math.sign(sum) * Infinity;
  return { z, ok: expect === "≥" ? z >= -Z : z <= Z };
}

export function parse(input: ScenarioInput): Scenario {
  return loadScenario(input);
}
