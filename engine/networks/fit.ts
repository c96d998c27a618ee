/**
 * Calibration of the circle generator (docs/model.md §2.1) to an imported network: circle sizes,
 * mean degree, each circle's empirical degree distribution (binned by mass beyond 64 values), the
 * mixing matrix, set so that the generator reproduces each circle's in-circle ties and the shares of
 * its cross-circle ties, and the triadic closure that brings the twin's clustering to the original's
 * (bisection on twins). The degree tail exponent γ (discrete power-law maximum likelihood, Clauset,
 * Shalizi & Newman 2009) is estimated too, and used instead of the empirical degrees with
 * `degrees: false`. A synthetic twin built from the fit is compared with the original side by side
 * (docs/networks.md). Directed networks are measured on their undirected simple graph (a reciprocated
 * pair is one tie): the generator's friendship ties are mutual.
 */
import { loadScenario } from "../../scenarios/parse.ts";
import type { ImportedGraph } from "../../scenarios/schema/imported-graph.ts";
import type { DegreeDistribution } from "../../scenarios/schema/network.ts";
import { log } from "../core/libm/log.ts";
import { pow } from "../core/libm/pow.ts";
import { buildWorld } from "../core/world.ts";
import type { Csr } from "../core/network/csr.ts";
import { undirectedSimple } from "../core/network/simple.ts";
import { fileError } from "./import/text.ts";
import { averageClustering, degrees, graphStats, ksDistance, type GraphStats } from "./stats.ts";

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export interface PowerLawFit {
  /** Exponent α of P(k) ∝ k^−α for k ≥ kMin. */
  alpha: number;
  kMin: number;
  /** Nodes in the tail (degree ≥ kMin). */
  tail: number;
  /** KS distance between the tail and the fitted law. */
  ks: number;
}

/**
 * Discrete power-law fit of a degree tail: α̂ = 1 + n / Σ ln(k_i / (k_min − ½)) (Clauset et al.
 * 2009, eq. 3.7), for each candidate k_min with at least `minTail` nodes above it; the k_min whose
 * fitted law is closest to the data (KS) wins.
 */
export function powerLawTail(sorted: Int32Array, minTail = 10): PowerLawFit {
  let best: PowerLawFit = { alpha: NaN, kMin: 1, tail: 0, ks: Infinity };
  const n = sorted.length;
  let start = 0;
  while (start < n && sorted[start] < 1) start++;
  for (let s = start; s < n && n - s >= minTail; ) {
    const kMin = sorted[s];
    const tail = n - s;
    let sumLog = 0;
    for (let i = s; i < n; i++) sumLog += log(sorted[i] / (kMin - 0.5));
    const alpha = 1 + tail / sumLog;
    if (Number.isFinite(alpha)) {
      // CCDF of the data vs the model P(K ≥ k) ≈ ((k − ½) / (k_min − ½))^(1 − α), at each distinct k.
      let ks = 0;
      for (let i = s; i < n; ) {
        const k = sorted[i];
        const empirical = (n - i) / tail;
        const model = pow((k - 0.5) / (kMin - 0.5), 1 - alpha);
        ks = Math.max(ks, Math.abs(empirical - model));
        while (i < n && sorted[i] === k) i++;
      }
      if (ks < best.ks) best = { alpha, kMin, tail, ks };
    }
    while (s < n && sorted[s] === kMin) s++;
  }
  return best;
}

export interface GeneratorFit {
  circles: { name: string; size: number }[];
  meanDegree: number;
  /** Each circle's mean degree (tie ends in the circle / its size), as the generator draws them. */
  meanDegrees: number[];
  maxDegree: number;
  degreeExponent: number;
  /** The maximum-likelihood tail fit; `degreeExponent` is its α unless calibration moved it. */
  powerLaw: PowerLawFit;
  /** Share of ties inside circles. */
  inCircleShare: number;
  /** Row a: shares of circle a's generated ties going to each circle (rows sum to 1). */
  mixing: number[][];
  /** How γ was chosen. */
  exponentFrom: "mle" | "calibrated";
  /** Each circle's degree distribution (the generator matches degrees exactly); absent: Pareto propensities from γ. */
  degrees?: DegreeDistribution[];
  /** Share of in-circle ties formed by triadic closure (0: none). */
  closure: number;
  /** How closure was chosen: not at all, or by bisection on the twin's clustering. */
  closureFrom: "none" | "calibrated";
}

export interface FitOptions {
  /** Search γ for the twin whose degree distribution is closest (KS) to the original. Default true. */
  calibrate?: boolean;
  /** Seed of the twin networks. */
  seed?: number;
  /** Write the full mixing matrix up to this many circles (beyond, inCircleShare only). Default 64. */
  maxMixing?: number;
  /** Give each circle its empirical degree distribution (else Pareto propensities from γ). Default true. */
  degrees?: boolean;
  /** Calibrate triadic closure to the clustering (with `calibrate`). Default true. */
  closure?: boolean;
}

/** Distinct values kept per circle; beyond, degrees are binned by mass (each bin ≤ 1/64 of the circle). */
export const MAX_DEGREE_VALUES = 64;

/**
 * A circle's degree distribution from its sorted degrees: the distinct values with their counts, or, when
 * there are more than `maxValues`, bins of consecutive values holding at most 1/maxValues of the nodes
 * each (a value holding more is a bin of its own), each given by its mean degree. Binning moves the
 * distribution function by at most 1/maxValues (KS).
 */
export function degreeDistribution(sorted: Int32Array, maxValues = MAX_DEGREE_VALUES): DegreeDistribution {
  const runValues: number[] = [], runCounts: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let e = i;
    while (e < sorted.length && sorted[e] === sorted[i]) e++;
    runValues.push(sorted[i]);
    runCounts.push(e - i);
    i = e;
  }
  if (runValues.length <= maxValues) return { values: runValues, weights: runCounts };
  const cap = sorted.length / maxValues;
  const values: number[] = [], weights: number[] = [];
  let sum = 0, count = 0;
  runValues.forEach((v, r) => {
    if (count > 0 && count + runCounts[r] > cap) {
      values.push(round(sum / count, 3));
      weights.push(count);
      sum = count = 0;
    }
    sum += v * runCounts[r];
    count += runCounts[r];
  });
  values.push(round(sum / count, 3));
  weights.push(count);
  return { values, weights };
}

/** Each circle's degree distribution in an undirected simple graph. */
function circleDegrees(simple: Csr, circleStart: Int32Array): DegreeDistribution[] {
  const d = degrees(simple);
  return Array.from({ length: circleStart.length - 1 }, (_, c) => degreeDistribution(d.slice(circleStart[c], circleStart[c + 1]).sort()));
}

/** The undirected simple graph of an imported network and each node's circle. */
export function simpleView(g: ImportedGraph): { simple: Csr; circle: Uint16Array } {
  const circle = new Uint16Array(g.n);
  for (let c = 0; c + 1 < g.circleStart.length; c++) circle.fill(c, g.circleStart[c], g.circleStart[c + 1]);
  return { simple: undirectedSimple(g.csr), circle };
}

/** Ties inside each circle (e[a][a]) and between each pair (e[a][b] = e[b][a]) of an undirected simple graph. */
function blockTies(simple: Csr, circle: Uint16Array, C: number): Float64Array[] {
  const e = Array.from({ length: C }, () => new Float64Array(C));
  for (let i = 0; i < simple.n; i++)
    for (let k = simple.offsets[i]; k < simple.offsets[i + 1]; k++) {
      const a = circle[i], b = circle[simple.targets[k]];
      e[a][b] += a === b ? 0.5 : 1;
    }
  return e;
}

/** Tie ends in each circle: D_a = 2·e_aa + Σ_b≠a e_ab. */
function tieEnds(e: Float64Array[]): number[] {
  return e.map((row, a) => row.reduce((s, x, b) => s + (b === a ? 2 * x : x), 0));
}

/**
 * Mixing rows that make the generator, with circle a drawing N_a·d_a/2 ties, draw e_aa inside a
 * (M_aa = 2·e_aa / (N_a·d_a)) and split the rest over the other circles as the original does.
 * Off-diagonal entries are rounded down to 6 decimals and the diagonal takes the remainder, so rows
 * sum to 1 and stay ≥ 0.
 */
function mixingFrom(inside: number[], e: Float64Array[], sizes: number[], d: number[]): number[][] {
  const C = sizes.length;
  const total = sizes.reduce((s, x) => s + x, 0);
  return sizes.map((Na, a) => {
    if (C === 1) return [1];
    const own = d[a] > 0 ? Math.min(1, (2 * inside[a]) / (Na * d[a])) : 1;
    let cross = 0;
    for (let b = 0; b < C; b++) if (b !== a) cross += e[a][b];
    const row = sizes.map((Nb, b) => (b === a ? 0 : Math.floor((1 - own) * (cross > 0 ? e[a][b] / cross : Nb / (total - Na)) * 1e6) / 1e6));
    row[a] = 1 - row.reduce((s, x) => s + x, 0);
    return row;
  });
}

/** Twin graph (no accounts) built from the fit: its undirected simple graph and circles. */
function twinGraph(fit: GeneratorFit, seed: number, maxMixing: number): { simple: Csr; circle: Uint16Array } {
  const frag = fragment(fit, maxMixing);
  const s = loadScenario({
    name: "twin",
    horizon: 1,
    replicates: 1,
    seed,
    population: { circles: frag.population.circles.map((c) => ({ ...c, kols: 0 })) },
    network: { ...frag.network, brand: { followerShare: 0 } },
  }, "twin");
  const w = buildWorld(s, 0);
  return { simple: undirectedSimple(w.net.csr, w.pop.consumers), circle: w.pop.circle };
}

/** The scenario fragment: the population's circles and a circles network, ready to paste into a scenario. */
export function fragment(fit: GeneratorFit, maxMixing = 64): { population: { circles: { name: string; size: number }[] }; network: Record<string, unknown> } {
  const network: Record<string, unknown> = {
    kind: "circles",
    meanDegree: round(fit.meanDegree, 3),
    ...(fit.circles.length > 1 ? { meanDegrees: fit.meanDegrees.map((x) => round(x, 3)) } : {}),
    ...(fit.degrees ? {} : { degreeExponent: round(fit.degreeExponent, 3), maxDegree: fit.maxDegree }),
    inCircleShare: round(fit.inCircleShare, 4),
  };
  if (fit.circles.length > 1 && fit.circles.length <= maxMixing) network.mixing = fit.mixing;
  if (fit.closure > 0) network.closure = round(fit.closure, 4);
  if (fit.degrees) network.degrees = fit.degrees.length === 1 ? fit.degrees[0] : fit.degrees;
  return { population: { circles: fit.circles }, network };
}

/** A twin network built from the fit (no accounts), measured as the original is. */
export function twinStats(fit: GeneratorFit, seed: number, maxMixing = 64): GraphStats {
  const t = twinGraph(fit, seed, maxMixing);
  return graphStats(t.simple, t.circle);
}

/**
 * Fit the generator to an imported network; returns the fit, the original's measures and the twin's.
 * Each circle gets its own mean degree (meanDegrees), mixing row and degree distribution, so that the
 * generator draws each circle's inside ties and its cross-circle ties as the original has them. With
 * `calibrate` (default), the fit is then corrected by simulation: stubs the generator cannot pair
 * (repeats, loops; with Pareto propensities, the repeated pairs of a multigraph) are lost in the simple
 * graph, most in small dense circles, so each circle's mean degree and inside ties are rescaled until
 * the twin's simple graph matches (fixed-point steps); with Pareto propensities γ is chosen on a grid for
 * the closest degree distribution (KS), since a tail fit can miss the body; and triadic closure is set by
 * bisection so that the twin's average clustering meets the original's.
 */
export function fitGenerator(g: ImportedGraph, opts: FitOptions = {}): { fit: GeneratorFit; real: GraphStats; twin: GraphStats } {
  const { simple, circle } = simpleView(g);
  const real = graphStats(simple, circle);
  if (real.ties === 0) throw fileError(g.report.source, undefined, "the network has no ties: nothing to fit");
  const C = g.circleNames.length;
  const sizes = Array.from({ length: C }, (_, c) => g.circleStart[c + 1] - g.circleStart[c]);
  const eReal = blockTies(simple, circle, C);
  const insideReal = eReal.map((row, a) => row[a]);
  const endsReal = tieEnds(eReal);
  const powerLaw = powerLawTail(real.sortedDegrees);
  const clampGamma = (x: number) => Math.min(50, Math.max(2.05, Number.isFinite(x) ? x : 2.5));
  const degreesOf = (ends: number[]) => ends.map((D, a) => (sizes[a] > 0 ? D / sizes[a] : 0));
  const fit: GeneratorFit = {
    circles: g.circleNames.map((name, c) => ({ name, size: sizes[c] })),
    meanDegree: real.meanDegree,
    meanDegrees: degreesOf(endsReal),
    maxDegree: Math.max(1, real.maxDegree),
    degreeExponent: round(clampGamma(powerLaw.alpha), 3),
    powerLaw,
    inCircleShare: real.inCircleShare,
    mixing: mixingFrom(insideReal, eReal, sizes, degreesOf(endsReal)),
    exponentFrom: "mle",
    ...(opts.degrees ?? true ? { degrees: circleDegrees(simple, g.circleStart) } : {}),
    closure: 0,
    closureFrom: "none",
  };
  const seed = opts.seed ?? 1;
  const maxMixing = opts.maxMixing ?? 64;
  const finish = () => {
    fit.meanDegree = round(fit.meanDegree, 3);
    return { fit, real, twin: twinStats(fit, seed, maxMixing) };
  };
  if (!(opts.calibrate ?? true)) return finish();

  // What the generator is asked for, rescaled until the twin's simple graph lands on the real values.
  let inside = insideReal.slice();
  const wholeMatrix = C > 1 && C <= maxMixing;
  /** One fixed-point step on a twin of the current fit; returns that twin's average clustering. */
  const step = (): number => {
    const t = twinGraph(fit, seed, maxMixing);
    const e = blockTies(t.simple, t.circle, C);
    const ends = tieEnds(e);
    fit.meanDegrees = fit.meanDegrees.map((d, a) => (ends[a] > 0 ? (d * endsReal[a]) / ends[a] : d));
    for (let a = 0; a < C; a++) if (e[a][a] > 0) inside[a] *= insideReal[a] / e[a][a];
    fit.meanDegree = fit.meanDegrees.reduce((s, d, a) => s + d * sizes[a], 0) / Math.max(1, real.nodes);
    fit.mixing = mixingFrom(inside, eReal, sizes, fit.meanDegrees);
    if (!wholeMatrix && C > 1) {
      // Beyond maxMixing circles only inCircleShare is written: rescale it instead.
      const twinInside = e.reduce((s, row, a) => s + row[a], 0) / Math.max(1, t.simple.targets.length / 2);
      if (twinInside > 0) fit.inCircleShare = Math.min(1, (fit.inCircleShare * real.inCircleShare) / twinInside);
    }
    return opts.closure ?? true ? averageClustering(t.simple) : NaN;
  };
  let clustering = NaN;
  for (let k = 0; k < 3; k++) clustering = step();
  if (!fit.degrees) {
    // Only the twins' degrees matter here: no clustering or quantiles.
    const twinDegrees = (f: GeneratorFit) => degrees(twinGraph(f, seed, maxMixing).simple).sort();
    let best = { gamma: fit.degreeExponent, ks: ksDistance(real.sortedDegrees, twinDegrees(fit)) };
    for (const gamma of [2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.8, 3, 3.25, 3.5, 4, 5, 6, 8, 12, 20]) {
      const ks = ksDistance(real.sortedDegrees, twinDegrees({ ...fit, degreeExponent: gamma }));
      if (ks < best.ks - 1e-12) best = { gamma, ks };
    }
    if (best.gamma !== fit.degreeExponent) {
      fit.degreeExponent = best.gamma;
      fit.exponentFrom = "calibrated";
      for (let k = 0; k < 4; k++) clustering = step();
    }
  }
  if ((opts.closure ?? true) && real.clustering - clustering > CLOSURE_SLACK) {
    // Clustering rises with closure: bisection on [0, MAX_CLOSURE], one twin per step (which also moves
    // the mean degrees and inside ties along). The fit whose twin came closest is kept as it was when
    // that twin was built, so the twin reported is the one measured.
    const snapshot = () => ({ ...fit, inside: inside.slice() });
    let lo = 0, hi = MAX_CLOSURE;
    let best = { miss: Infinity, fit: snapshot() };
    for (let k = 0; k < CLOSURE_STEPS; k++) {
      fit.closure = round((lo + hi) / 2, 4);
      const before = snapshot();
      const c = step();
      if (Math.abs(real.clustering - c) < best.miss) best = { miss: Math.abs(real.clustering - c), fit: before };
      if (c < real.clustering) lo = fit.closure;
      else hi = fit.closure;
    }
    const { inside: kept, ...rest } = best.fit;
    Object.assign(fit, rest);
    inside = kept;
    if (fit.closure > 0) fit.closureFrom = "calibrated";
  }
  return finish();
}

/** Closure is calibrated when the twin's clustering without it is this far below the original's. */
const CLOSURE_SLACK = 0.01;
const MAX_CLOSURE = 0.98;
const CLOSURE_STEPS = 8;

export interface ComparisonRow {
  measure: string;
  real: number;
  twin: number;
  /** What "matches" means for this row, e.g. "±5 %"; empty for rows shown for information. */
  tolerance: string;
  ok: boolean | null;
}

/**
 * Side-by-side rows with their tolerances: mean degree within 5 % (it is fitted directly; duplicate
 * draws of the multigraph generator cost a little), the degree distribution within KS 0.1, the
 * median and 90th percentile within 25 %, in-circle share within 0.03, clustering within 0.05.
 */
export function compareStats(real: GraphStats, twin: GraphStats): ComparisonRow[] {
  const rel = (a: number, b: number, tol: number) => Math.abs(b - a) <= tol * Math.max(Math.abs(a), 1e-12);
  const ks = ksDistance(real.sortedDegrees, twin.sortedDegrees);
  return [
    { measure: "nodes", real: real.nodes, twin: twin.nodes, tolerance: "", ok: null },
    { measure: "ties (undirected)", real: real.ties, twin: twin.ties, tolerance: "", ok: null },
    { measure: "mean degree", real: real.meanDegree, twin: twin.meanDegree, tolerance: "±5 %", ok: rel(real.meanDegree, twin.meanDegree, 0.05) },
    { measure: "median degree", real: real.median, twin: twin.median, tolerance: "±25 %", ok: rel(real.median, twin.median, 0.25) },
    { measure: "90th pct degree", real: real.p90, twin: twin.p90, tolerance: "±25 %", ok: rel(real.p90, twin.p90, 0.25) },
    { measure: "99th pct degree", real: real.p99, twin: twin.p99, tolerance: "", ok: null },
    { measure: "max degree", real: real.maxDegree, twin: twin.maxDegree, tolerance: "", ok: null },
    { measure: "degree KS distance", real: 0, twin: ks, tolerance: "≤ 0.10", ok: ks <= 0.1 },
    { measure: "in-circle share of ties", real: real.inCircleShare, twin: twin.inCircleShare, tolerance: "±0.03", ok: Math.abs(real.inCircleShare - twin.inCircleShare) <= 0.03 },
    { measure: "avg clustering", real: real.clustering, twin: twin.clustering, tolerance: "±0.05", ok: Math.abs(real.clustering - twin.clustering) <= 0.05 },
  ];
}
