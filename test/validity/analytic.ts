/**
 * Exact and mean-field references for the validity tests, plus small statistics helpers.
 * Nothing here touches the engine: each function is the textbook result the engine must reproduce.
 */
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { Series } from "../../engine/core/collect/collector.ts";

export type Edge = readonly [from: number, to: number, p: number];

/** A scenario from a partial input (loadScenario fills every default). */
export function scenario(input: Record<string, unknown>): Scenario {
  return loadScenario({ name: "validity", ...input });
}

/** Sample mean and sample standard deviation (n − 1). */
export function meanSd(xs: ArrayLike<number>): { mean: number; sd: number; n: number } {
  const n = xs.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i];
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (xs[i] - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(v / (n - 1)) : 0, n };
}

/** Value of circle metric `name` for circle c at tick t. */
export function circleValue(s: Series, name: string, c: number, t: number): number {
  const m = s.circleMetrics.indexOf(name);
  if (m < 0) throw new RangeError(`no circle metric "${name}"`);
  return s.circleValues[(m * s.circles + c) * s.rows + t];
}

/**
 * Discrete-time Bass mean field, as the engine defines it: tick 0 has no adoptions; on tick t ≥ 1
 * a non-adopter adopts with probability 1 − exp(−(p + q·A_{t−1}/N)). Returns A_t / N for t = 0 … H.
 */
export function bassRecursion(p: number, q: number, H: number): Float64Array {
  const f = new Float64Array(H + 1);
  for (let t = 1; t <= H; t++) f[t] = f[t - 1] + (1 - f[t - 1]) * (1 - Math.exp(-(p + q * f[t - 1])));
  return f;
}

/** Continuous-time Bass (1969) adopted share F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}). */
export function bassClosedForm(p: number, q: number, t: number): number {
  const e = Math.exp(-(p + q) * t);
  return (1 - e) / (1 + (q / p) * e);
}

/** Positive root of r = 1 − exp(−R0·r) (R0 > 1), the SIR major-outbreak final size, by bisection. */
export function sirFinalSize(R0: number): number {
  let lo = 1e-9, hi = 1;
  for (let i = 0; i < 200; i++) {
    const r = (lo + hi) / 2;
    if (1 - Math.exp(-R0 * r) > r) lo = r;
    else hi = r;
  }
  return (lo + hi) / 2;
}

/**
 * Extinction probability of one SIR lineage fully mixed, early phase: offspring ~ Poisson(β·D)
 * with D ~ 1 + Geom(γ) ticks, so the offspring pgf is G(s) = γx / (1 − (1 − γ)x), x = e^{−β(1−s)}.
 * Returns the smallest fixed point of G (iteration from 0).
 */
export function sirExtinction(beta: number, gamma: number): number {
  let s = 0;
  for (let i = 0; i < 100_000; i++) {
    const x = Math.exp(-beta * (1 - s));
    const next = (gamma * x) / (1 - (1 - gamma) * x);
    if (Math.abs(next - s) < 1e-15) return next;
    s = next;
  }
  return s;
}

/**
 * Endemic infected share of discrete-time SIS, mean field, as the engine defines it: the I_t
 * nodes infected at the end of tick t all transmit on tick t + 1 (Poisson(β·I_t) uniform contacts
 * hit each of the N − I_t susceptibles with probability 1 − e^{−β·i}) and each recovers with
 * probability γ per tick, so i_{t+1} = i_t(1 − γ) + (1 − i_t)(1 − e^{−β·i_t}). Fixed point > 0.
 */
export function sisEndemic(beta: number, gamma: number): number {
  let lo = 1e-9, hi = 1;
  for (let i = 0; i < 200; i++) {
    const x = (lo + hi) / 2;
    if ((1 - x) * (1 - Math.exp(-beta * x)) > gamma * x) lo = x;
    else hi = x;
  }
  return (lo + hi) / 2;
}

/** Nodes reachable from `seeds` along the edges whose `live` flag is set. */
function reach(n: number, edges: readonly Edge[], live: (e: number) => boolean, seeds: readonly number[]): Uint8Array {
  const on = new Uint8Array(n);
  const stack = [...seeds];
  for (const s of seeds) on[s] = 1;
  while (stack.length) {
    const j = stack.pop()!;
    for (let e = 0; e < edges.length; e++)
      if (edges[e][0] === j && !on[edges[e][1]] && live(e)) {
        on[edges[e][1]] = 1;
        stack.push(edges[e][1]);
      }
  }
  return on;
}

/**
 * Exact Independent Cascade: enumerate all 2^m live-edge worlds (edge e live with probability
 * p_e, independently; Kempe, Kleinberg & Tardos 2003, Claim 2.3) and weight the set reachable from
 * the seeds. Probabilities are rounded to float32, as the engine stores tie weights.
 * Returns each node's activation probability and the expected spread (their sum).
 */
export function icExact(n: number, edges: readonly Edge[], seeds: readonly number[], fixed?: number) {
  const m = edges.length;
  if (m > 20) throw new RangeError("too many edges to enumerate");
  const p = edges.map((e) => Math.fround(fixed ?? e[2]));
  const prob = new Float64Array(n);
  for (let mask = 0; mask < 1 << m; mask++) {
    let w = 1;
    for (let e = 0; e < m; e++) w *= (mask >> e) & 1 ? p[e] : 1 - p[e];
    const on = reach(n, edges, (e) => ((mask >> e) & 1) === 1, seeds);
    for (let v = 0; v < n; v++) if (on[v]) prob[v] += w;
  }
  return { prob, spread: prob.reduce((a, b) => a + b, 0) };
}

/**
 * Exact Linear Threshold via its live-edge equivalent (Kempe, Kleinberg & Tardos 2003, Claim 2.6):
 * each node independently keeps at most one in-edge, edge j → i with probability b_ji; the final
 * active set is distributed as the set reachable from the seeds. The engine normalises
 * b_ji = w_ji / Σ_k w_ki, so every node with in-edges keeps exactly one. Enumerates every choice.
 */
export function ltExact(n: number, edges: readonly Edge[], seeds: readonly number[]) {
  const inEdges: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e, k) => inEdges[e[1]].push(k));
  const w = edges.map((e) => Math.fround(e[2]));
  const total = inEdges.map((ks) => ks.reduce((a, k) => a + w[k], 0));
  const choosers = inEdges.map((ks, v) => v).filter((v) => inEdges[v].length > 0);
  const prob = new Float64Array(n);
  const pick = new Int32Array(n);
  const live = new Uint8Array(edges.length);
  const visit = (k: number, weight: number): void => {
    if (k === choosers.length) {
      live.fill(0);
      for (const v of choosers) live[pick[v]] = 1;
      const on = reach(n, edges, (e) => live[e] === 1, seeds);
      for (let v = 0; v < n; v++) if (on[v]) prob[v] += weight;
      return;
    }
    const v = choosers[k];
    for (const e of inEdges[v]) {
      pick[v] = e;
      visit(k + 1, (weight * w[e]) / total[v]);
    }
  };
  visit(0, 1);
  return { prob, spread: prob.reduce((a, b) => a + b, 0) };
}

/** A number for a report line. */
export function fmt(x: number, digits = 4): string {
  return x.toFixed(digits);
}
