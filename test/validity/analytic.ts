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

/**
 * Bass (1969) in discrete time, the mean path of timeStep "discrete" fully mixed: on tick t ≥ 1 a
 * non-adopter adopts with probability p + q·F_{t−1}, so F_t = F_{t−1} + (1 − F_{t−1})(p + q·F_{t−1}).
 */
export function bassDiscreteRecursion(p: number, q: number, H: number): Float64Array {
  const f = new Float64Array(H + 1);
  for (let t = 1; t <= H; t++) f[t] = f[t - 1] + (1 - f[t - 1]) * Math.min(1, p + q * f[t - 1]);
  return f;
}

/**
 * Network Bass on an infinite ring, exactly, for the cases where each tick's survival factorises into
 * independent clocks (then adoption is first passage: T_i = min(I_i, T_j + D_ji over in-ties j → i)):
 *   - "poisson", `sides` 1 or 2 (each in-tie weight 1/sides): survival e^{−p} · e^{−(q/sides)·a} with a
 *     adopted in-neighbours; innovation survives t ticks with a_t = e^{−pt}, a tie fires per tick with
 *     c = 1 − e^{−q/sides};
 *   - "discrete", one side: survival 1 − p − q·a = (1 − p)(1 − c)^a with c = q / (1 − p), a_t = (1 − p)^t.
 * From one side, the chain of delays D (geometric, ≥ 1) visits each earlier tick s = t−1, …, 1 with
 * probability c independently (a Bernoulli renewal), and the node at that tick must not have innovated
 * by s: P(no adoption from that side by t) = G_t = Π_{s=1}^{t−1} (1 − c·(1 − a_s)). Sides are independent,
 * so F_t = 1 − a_t · G_t^sides. A finite ring of N > 2H + 1 nodes has exactly this law up to tick H.
 */
export function ringBass(p: number, q: number, H: number, rule: "poisson" | "discrete", sides: 1 | 2): Float64Array {
  if (rule === "discrete" && sides !== 1) throw new RangeError("the discrete rule factorises on a one-sided ring only");
  const a = (s: number) => (rule === "poisson" ? Math.exp(-p * s) : (1 - p) ** s);
  const c = rule === "poisson" ? 1 - Math.exp(-q / sides) : q / (1 - p);
  const f = new Float64Array(H + 1);
  let G = 1; // G_t, built up as Π_{s < t}
  for (let t = 1; t <= H; t++) {
    if (t > 1) G *= 1 - c * (1 - a(t - 1));
    f[t] = 1 - a(t) * G ** sides;
  }
  return f;
}

/**
 * The same one-sided ring by conditioning on the predecessor's adoption tick τ (an independent
 * derivation, to check ringBass): a node survives a tick with σ0 while its predecessor has not adopted
 * by the previous tick and σ1 after, so S_t = σ0^t·S_{t−1} + Σ_{s=1}^{t−1} (S_{s−1} − S_s)·σ0^s·σ1^{t−s}.
 */
export function ringBassByConditioning(p: number, q: number, H: number, rule: "poisson" | "discrete"): Float64Array {
  const s0 = rule === "poisson" ? Math.exp(-p) : 1 - p;
  const s1 = rule === "poisson" ? Math.exp(-(p + q)) : 1 - p - q;
  const S = new Float64Array(H + 1);
  S[0] = 1;
  for (let t = 1; t <= H; t++) {
    let x = s0 ** t * S[t - 1];
    for (let s = 1; s < t; s++) x += (S[s - 1] - S[s]) * s0 ** s * s1 ** (t - s);
    S[t] = x;
  }
  return S.map((x) => 1 - x);
}

/**
 * Watts (2002) on an Erdős–Rényi graph of mean degree z with one fixed fractional threshold φ: a node
 * of degree k is vulnerable (one active neighbour is enough) when 1/k ≥ φ. With p_k = Poisson(z) and
 * q_k = k·p_k / z the degree at the end of a random edge, u = P(an edge does not lead into the giant
 * vulnerable cluster) is the smallest root of u = 1 − Σ_k q_k·ρ_k·(1 − u^{k−1}); a single random seed
 * starts a global cascade when one of its edges leads there: P = 1 − Σ_k p_k·u^k (the extended
 * vulnerable cluster). The window is where u < 1: Σ_k k(k − 1)·ρ_k·p_k > z.
 */
export function wattsCascade(z: number, phi: number): { probability: number; window: boolean } {
  const K = 200;
  const pk = new Float64Array(K);
  pk[0] = Math.exp(-z);
  for (let k = 1; k < K; k++) pk[k] = (pk[k - 1] * z) / k;
  const vulnerable = (k: number) => k >= 1 && 1 / k >= phi;
  let u = 0;
  for (let it = 0; it < 100_000; it++) {
    let next = 1;
    for (let k = 1; k < K; k++) if (vulnerable(k)) next -= ((k * pk[k]) / z) * (1 - u ** (k - 1));
    if (Math.abs(next - u) < 1e-15) break;
    u = next;
  }
  let g = 0;
  for (let k = 0; k < K; k++) g += pk[k] * u ** k;
  let second = 0;
  for (let k = 1; k < K; k++) if (vulnerable(k)) second += k * (k - 1) * pk[k];
  return { probability: 1 - g, window: second > z };
}

/** P(θ ≤ x) of one threshold distribution, for exact references (no engine code). */
export type ThresholdCdf = (x: number) => number;

/**
 * Exact Linear Threshold on a DAG whose ties all go from a lower to a higher node id, for any
 * threshold distributions: a node's in-neighbours are settled before it, and it ends active exactly
 * when its final influence x (weighted share of active in-ties, or their count) reaches θ, which has
 * probability F(x) independently of everything upstream. Enumerates every active/inactive history.
 */
export function ltDagExact(n: number, edges: readonly Edge[], seeds: readonly number[], cdf: readonly ThresholdCdf[], unit: "fraction" | "count"): Float64Array {
  for (const [a, b] of edges) if (!(a < b)) throw new RangeError("ltDagExact: ties must go from a lower to a higher id");
  const w = edges.map((e) => Math.fround(e[2]));
  const total = new Float64Array(n);
  edges.forEach((e, k) => (total[e[1]] += w[k]));
  const prob = new Float64Array(n);
  const on = new Uint8Array(n);
  const visit = (v: number, weight: number): void => {
    if (weight === 0) return;
    if (v === n) {
      for (let i = 0; i < n; i++) if (on[i]) prob[i] += weight;
      return;
    }
    let x = 0;
    edges.forEach((e, k) => {
      if (e[1] === v && on[e[0]]) x += unit === "count" ? 1 : w[k] / total[v];
    });
    const P = seeds.includes(v) ? 1 : x > 0 ? cdf[v](x) : 0; // no active in-tie: never checked, never active
    on[v] = 1;
    visit(v + 1, weight * P);
    on[v] = 0;
    visit(v + 1, weight * (1 - P));
  };
  visit(0, 1);
  return prob;
}

/**
 * Final active set of Linear Threshold with known thresholds θ (deterministic): activate every node
 * whose influence reaches θ until nothing changes. Throws when a share of in-ties lands within 1e-9 of
 * a threshold, where summation order could decide (counts are exact).
 */
export function ltFixedPoint(n: number, edges: readonly Edge[], seeds: readonly number[], theta: readonly number[], unit: "fraction" | "count"): Uint8Array {
  const w = edges.map((e) => Math.fround(e[2]));
  const total = new Float64Array(n);
  edges.forEach((e, k) => (total[e[1]] += w[k]));
  const on = new Uint8Array(n);
  for (const s of seeds) on[s] = 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (let v = 0; v < n; v++) {
      if (on[v]) continue;
      let x = 0, any = false;
      edges.forEach((e, k) => {
        if (e[1] === v && on[e[0]]) (x += unit === "count" ? 1 : w[k] / total[v]), (any = true);
      });
      if (any && unit === "fraction" && Math.abs(x - theta[v]) < 1e-9) throw new RangeError(`node ${v}: influence ${x} at its threshold ${theta[v]}`);
      if (any && x >= theta[v]) (on[v] = 1), (changed = true);
    }
  }
  return on;
}

/** Endemic infected share of fully mixed SIS with timeStep "discrete": i = i(1 − γ) + (1 − i)·β·i, so i* = 1 − γ/β. */
export function sisEndemicDiscrete(beta: number, gamma: number): number {
  return 1 - gamma / beta;
}

/**
 * Final share ever infected of fully mixed SIR with timeStep "discrete", mean field, from a seeded
 * share i0: each tick s_t = s_{t−1}(1 − β·i_{t−1}) and i_t = i_{t−1}(1 − γ) + s_{t−1}·β·i_{t−1}
 * (infections of tick t transmit from t + 1; an infective recovers with probability γ after each tick
 * it transmitted on). Iterated until no one is left infectious.
 */
export function sirDiscreteFinalSize(beta: number, gamma: number, i0: number): number {
  let s = 1 - i0, i = i0;
  for (let t = 0; t < 100_000 && i > 1e-15; t++) {
    const infected = s * Math.min(1, beta * i);
    i += infected - gamma * i;
    s -= infected;
  }
  return 1 - s;
}
