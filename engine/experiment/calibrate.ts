/**
 * ABC-SMC calibration (docs/calibration.md): approximate Bayesian computation by sequential Monte
 * Carlo (Beaumont et al. 2009) with adaptive tolerances (Del Moral et al. 2012). Generation 0 draws
 * the particles from the priors; generation t proposes by picking a particle of t − 1 by weight and
 * moving it with a Gaussian kernel of twice the population's weighted covariance, accepts proposals
 * whose distance is within ε_t (a weighted quantile of t − 1's distances), and weights them by
 * prior / mixture-of-kernels density.
 *
 * Deterministic for a seed whatever runs the simulations: proposal k of generation t is drawn from
 * its own stream, proposals are simulated in batches whose sizes depend only on earlier results, and
 * a generation's population is its first N accepted proposals by index. The fit is a generator of
 * batches (like replicates.ts' steps): calibrate() runs them in this thread, the CLI on its pool.
 */
import { parseScenario } from "../../scenarios/parse.ts";
import type { Prior } from "../../scenarios/schema/calibrate.ts";
import { ScenarioError } from "../errors.ts";
import { exp } from "../core/libm/exp.ts";
import { log } from "../core/libm/log.ts";
import { pow } from "../core/libm/pow.ts";
import { hash3 } from "../core/rng/hash.ts";
import { normalCdf, normalQuantile } from "../core/rng/normal.ts";
import { beta as betaSampler, normal } from "../core/rng/samplers.ts";
import { deriveKey, masterKey } from "../core/rng/seed.ts";
import { stream, type Rng } from "../core/rng/stream.ts";
import type { CancelSignal } from "../core/run.ts";
import { runSweepRun, type PlanOutcome } from "./sweep-run.ts";
import { seriesColumn, transform, withValues, type PreparedCalibration } from "./calibrate-prepare.ts";

/** Labels of the calibration's keys under the master key; part of the scheme, never renumber them. */
const CAL_GENERATION = 0x43414c47; // "CALG"
const CAL_PREDICTIVE = 0x43414c50; // "CALP"
const PROPOSAL = 1;
const SIM_SEED = 2;
/** Draws from the prior or the kernel before a proposal outside the support is an error. */
const MAX_TRIES = 10_000;

export const CALIBRATION_SEED_SCHEME =
  "generation key = key(master, 0x43414c47, t); proposal k draws from sfc32 stream key(generation key, 1, k); " +
  "its simulation seed is murmur3(generation key, 2, k) (per-particle) or the calibration seed (common); predictive draws under key(master, 0x43414c50)";

/** A simulation the fit asks for: the scenario with the parameters' values, a seed, replicate 0. */
export interface SimRequest {
  generation: number;
  /** Proposal index within its generation (predictive draws: the draw index). */
  index: number;
  values: number[];
  seed: number;
  scenario: unknown;
}

export interface GenerationStats {
  generation: number;
  /** ε_t (Infinity for generation 0, which accepts every prior draw). */
  tolerance: number;
  proposals: number;
  accepted: number;
  acceptanceRate: number;
  /** Proposals rejected by the screen without being simulated (abc.screen; 0 without it). */
  screened: number;
  ess: number;
  /** Simulations so far, this generation's included. */
  simulations: number;
}

export interface Particle {
  values: number[];
  weight: number;
  distance: number;
}

export interface Band {
  plan: string;
  metric: string;
  values: "daily" | "cumulative";
  observed: Float64Array;
  p5: Float64Array;
  p50: Float64Array;
  p95: Float64Array;
}

export interface CalibrationResult {
  parameters: string[];
  particles: Particle[];
  generations: GenerationStats[];
  simulations: number;
  /** Why it stopped: generations done, acceptance below the minimum, or the budget. */
  stopped: string;
  /** Scale of each statistic (median absolute deviation over generation 0). */
  scales: Float64Array;
  predictive: Band[];
}

/** The last finished generation's population, in values (for a runner that shows the fit as it goes). */
export interface PopulationView {
  generation: number;
  values: number[][];
  weights: number[];
  distances: number[];
}

/**
 * What the driver hands the runner: a batch to simulate and where the fit stands (`population` and
 * `generations`: the generations finished so far; the fit never reads them back).
 */
export type CalibrationStep =
  | { kind: "particles"; generation: number; tolerance: number; accepted: number; needed: number; requests: SimRequest[]; population?: PopulationView; generations: GenerationStats[] }
  | { kind: "predictive"; requests: SimRequest[]; population: PopulationView; generations: GenerationStats[] };

/** A particle batch answers with each simulation's statistics; a predictive batch with its per-tick series (observed form). */
export type StepAnswer = Float64Array[];

// ---------------------------------------------------------------- priors

/** A value from its internal coordinate: exp for log-uniform priors (drawn and perturbed on the log scale), itself otherwise. */
function toValue(p: Prior, u: number): number {
  return p.kind === "log-uniform" ? exp(u) : u;
}
function bounds(p: Prior): [number, number] {
  return p.kind === "log-uniform" ? [log(p.min), log(p.max)] : [p.min, p.max];
}

/** Prior density in internal coordinates, up to a constant (0 outside the support). */
export function priorDensity(p: Prior, u: number): number {
  const [lo, hi] = bounds(p);
  if (!(u >= lo && u <= hi)) return 0;
  switch (p.kind) {
    case "uniform":
    case "log-uniform":
      return 1;
    case "beta": {
      const y = (u - p.min) / (p.max - p.min);
      if (y <= 0 || y >= 1) return 0;
      return pow(y, p.alpha - 1) * pow(1 - y, p.beta - 1);
    }
    case "normal": {
      const z = (u - p.mean) / p.sd;
      return exp(-0.5 * z * z);
    }
  }
}

/** One draw from the prior, in internal coordinates. */
export function priorDraw(p: Prior, rng: Rng): number {
  switch (p.kind) {
    case "uniform":
    case "log-uniform": {
      const [lo, hi] = bounds(p);
      return lo + rng() * (hi - lo);
    }
    case "beta":
      return p.min + (p.max - p.min) * betaSampler(rng)(p.alpha, p.beta);
    case "normal": {
      const a = normalCdf((p.min - p.mean) / p.sd);
      const b = normalCdf((p.max - p.mean) / p.sd);
      const x = p.mean + p.sd * normalQuantile(a + rng() * (b - a));
      return Math.min(p.max, Math.max(p.min, x));
    }
  }
}

// ---------------------------------------------------------------- statistics and distance

/**
 * Per observed series, the simulated running level per tick (the engine's series are levels: totals
 * to date for flows, the current count for stocks; revenue is purchases × price).
 */
export function simulatedLevels(prep: PreparedCalibration, plans: readonly PlanOutcome[]): Float64Array[] {
  const price = prep.base.product.price;
  return prep.observed.series.map((s) => {
    const out = plans.find((p) => p.plan === s.plan)?.ticks;
    const m = out ? out.metrics.indexOf(seriesColumn(s)) : -1;
    if (!out || m < 0) throw new ScenarioError([{ path: "observed", message: `the simulation returned no ${seriesColumn(s)} series for plan ${s.plan}` }], "calibration");
    const v = Float64Array.from(out.values[m]);
    if (s.metric === "revenue") for (let t = 0; t < v.length; t++) v[t] *= price;
    return v;
  });
}

/** Each statistic of a simulation (transformed, not scaled), from its levels. */
export function statsOf(prep: PreparedCalibration, levels: readonly Float64Array[]): Float64Array {
  const kind = prep.calibration.summaries.transform;
  return Float64Array.from(prep.stats, (d) => {
    const v = levels[d.series];
    if (!d.ticks) return transform(kind, v[d.to] - (d.from > 0 ? v[d.from - 1] : 0));
    let sum = 0;
    for (const t of d.ticks) sum += v[t] - (t > 0 ? v[t - 1] : 0);
    return transform(kind, sum);
  });
}

/** The observed form of a simulated level series: per-tick increases ("daily") or the level ("cumulative"). */
export function observedForm(values: "daily" | "cumulative", level: Float64Array): Float64Array {
  if (values === "cumulative") return level;
  return Float64Array.from(level, (x, t) => x - (t > 0 ? level[t - 1] : 0));
}

function median(xs: Float64Array): number {
  const s = Float64Array.from(xs).sort();
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/**
 * Smallest scale: half the step one count makes from zero (after either transform). A statistic that
 * is almost always 0 (sales on a quiet day) would otherwise get a tiny scale and swamp the distance.
 */
export const MIN_SCALE = 0.5;

/** Each statistic's median absolute deviation (× 1.4826, the normal's sd) over simulations, at least MIN_SCALE, so every statistic weighs alike. */
export function madScales(sims: readonly Float64Array[], count: number): Float64Array {
  const out = new Float64Array(count);
  const col = new Float64Array(sims.length);
  for (let j = 0; j < count; j++) {
    for (let i = 0; i < sims.length; i++) col[i] = sims[i][j];
    const m = median(col);
    const dev = Float64Array.from(col, (x) => Math.abs(x - m));
    out[j] = Math.max(median(dev) * 1.4826, MIN_SCALE);
  }
  return out;
}

export function distance(prep: PreparedCalibration, stats: Float64Array, scales: Float64Array): number {
  const manhattan = prep.calibration.distance === "manhattan";
  let sum = 0;
  for (let j = 0; j < stats.length; j++) {
    const z = (stats[j] - prep.stats[j].observed) / scales[j];
    sum += manhattan ? Math.abs(z) : z * z;
  }
  const mean = sum / Math.max(stats.length, 1);
  return manhattan ? mean : Math.sqrt(mean);
}

// ---------------------------------------------------------------- population arithmetic

/** Weighted quantile q of xs (the smallest x whose cumulative weight reaches q). */
export function weightedQuantile(xs: readonly number[], ws: readonly number[], q: number): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
  const total = ws.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (const i of order) {
    acc += ws[i] / total;
    if (acc >= q - 1e-12) return xs[i];
  }
  return xs[order[order.length - 1]];
}

export function effectiveSampleSize(ws: readonly number[]): number {
  const total = ws.reduce((a, b) => a + b, 0);
  let s2 = 0;
  for (const w of ws) s2 += (w / total) * (w / total);
  return 1 / s2;
}

/** Cholesky factor (lower, row-major d×d) of twice the weighted covariance of the internal coordinates. */
export function kernelFactor(thetas: readonly Float64Array[], ws: readonly number[]): Float64Array {
  const d = thetas[0].length;
  const total = ws.reduce((a, b) => a + b, 0);
  const mean = new Float64Array(d);
  thetas.forEach((t, i) => t.forEach((x, j) => (mean[j] += (ws[i] / total) * x)));
  const cov = new Float64Array(d * d);
  thetas.forEach((t, i) => {
    const w = ws[i] / total;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] += 2 * w * (t[a] - mean[a]) * (t[b] - mean[b]);
  });
  for (;;) {
    const L = cholesky(cov, d);
    if (L) return L;
    // A collapsed population: widen the diagonal until the factor exists.
    for (let a = 0; a < d; a++) cov[a * d + a] = cov[a * d + a] * 1.01 + 1e-12 * (1 + Math.abs(mean[a]));
  }
}

function cholesky(m: Float64Array, d: number): Float64Array | undefined {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = m[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j];
    }
  return L;
}

/** exp(−½ |L⁻¹ (x − y)|²): the kernel's density up to its constant (the same for every pair). */
function kernelDensity(L: Float64Array, d: number, x: Float64Array, y: Float64Array, z: Float64Array): number {
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = x[i] - y[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
    q += z[i] * z[i];
  }
  return exp(-0.5 * q);
}

/**
 * The screen of abc.screen: a proposal is rejected unsimulated when its `k` nearest simulated parameter
 * sets, in the kernel's metric (|L⁻¹(θ − θ_j)|), all had a distance above `limit`. The archive's
 * points are whitened once per generation; each proposal then costs one pass over them.
 */
function screenOf(L: Float64Array, d: number, thetas: readonly Float64Array[], distances: readonly number[], k: number, limit: number): (theta: Float64Array) => boolean {
  const A = thetas.length;
  const white = new Float64Array(A * d);
  const z = new Float64Array(d);
  const whiten = (x: Float64Array, out: Float64Array, at: number) => {
    for (let i = 0; i < d; i++) {
      let s = x[i];
      for (let q = 0; q < i; q++) s -= L[i * d + q] * out[at + q];
      out[at + i] = s / L[i * d + i];
    }
  };
  thetas.forEach((x, a) => whiten(x, white, a * d));
  const nearest = new Float64Array(k); // squared distances of the k nearest so far, ascending
  const nearestDist = new Float64Array(k);
  return (theta) => {
    whiten(theta, z, 0);
    let found = 0;
    for (let a = 0; a < A; a++) {
      let r = 0;
      for (let i = 0; i < d; i++) {
        const u = z[i] - white[a * d + i];
        r += u * u;
      }
      if (found === k && r >= nearest[k - 1]) continue;
      let j = found < k ? found++ : k - 1;
      while (j > 0 && nearest[j - 1] > r) {
        nearest[j] = nearest[j - 1];
        nearestDist[j] = nearestDist[j - 1];
        j--;
      }
      nearest[j] = r;
      nearestDist[j] = distances[a];
    }
    for (let j = 0; j < found; j++) if (!(nearestDist[j] > limit)) return false;
    return found === k;
  };
}

// ---------------------------------------------------------------- the driver

interface Population {
  thetas: Float64Array[];
  /** Each particle's statistics (the distance is recomputed when the scales adapt). */
  stats: Float64Array[];
  weights: number[];
  distances: number[];
}

function sample(ws: readonly number[], total: number, u: number): number {
  let acc = 0;
  const target = u * total;
  for (let i = 0; i < ws.length; i++) {
    acc += ws[i];
    if (target < acc) return i;
  }
  return ws.length - 1;
}

/** The ABC-SMC fit as batches of simulations; returns the posterior population and the predictive bands. */
export function* abcSmc(prep: PreparedCalibration): Generator<CalibrationStep, CalibrationResult, StepAnswer> {
  const cal = prep.calibration;
  const { particles: N, quantile, minAcceptance, maxSimulations } = cal.abc;
  const priors = prep.parameters.map((p) => p.spec.prior);
  const d = priors.length;
  const master = masterKey(cal.seed);
  const valuesOf = (theta: Float64Array) => Array.from(theta, (u, j) => toValue(priors[j], u));
  const valid = (theta: Float64Array) => parseScenario(withValues(prep, valuesOf(theta))).ok;
  const priorOf = (theta: Float64Array) => priors.reduce((acc, p, j) => acc * priorDensity(p, theta[j]), 1);
  const request = (generation: number, key: number, index: number, theta: Float64Array): SimRequest => {
    const values = valuesOf(theta);
    const seed = cal.randomNumbers === "common" ? cal.seed : hash3(key, SIM_SEED, index, 0);
    return { generation, index, values, seed, scenario: withValues(prep, values) };
  };
  const generations: GenerationStats[] = [];
  let simulations = 0;
  let stopped = `${cal.abc.generations} generation(s) done`;

  // Generation 0: N prior draws, all accepted; their statistics set the scales.
  const key0 = deriveKey(master, CAL_GENERATION, 0);
  const thetas0 = Array.from({ length: N }, (_, k) => {
    const rng = stream(deriveKey(key0, PROPOSAL, k));
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const theta = Float64Array.from(priors, (p) => priorDraw(p, rng));
      if (valid(theta)) return theta;
    }
    throw new ScenarioError([{ path: "parameters", message: `expected priors under which the scenario is valid; ${MAX_TRIES} draws in a row gave invalid scenarios` }], "calibration");
  });
  if (N > maxSimulations) throw new ScenarioError([{ path: "abc.maxSimulations", message: `expected at least abc.particles (${N}) simulations` }], "calibration");
  const stats0 = yield { kind: "particles", generation: 0, tolerance: Infinity, accepted: 0, needed: N, requests: thetas0.map((t, k) => request(0, key0, k, t)), generations: [] };
  simulations += N;
  let scales = cal.summaries.scale === "none" ? new Float64Array(prep.stats.length).fill(1) : madScales(stats0, prep.stats.length);
  let pop: Population = { thetas: thetas0, stats: stats0, weights: new Array<number>(N).fill(1 / N), distances: stats0.map((s) => distance(prep, s, scales)) };
  /** Every simulation of the last generation, accepted or not (adaptive scales: Prangle 2017). */
  let lastSims: Float64Array[] = stats0;
  generations.push({ generation: 0, tolerance: Infinity, proposals: N, accepted: N, acceptanceRate: 1, screened: 0, ess: N, simulations });
  // Every simulation so far (parameters and statistics), which the screen consults.
  const archive: { thetas: Float64Array[]; stats: Float64Array[] } = { thetas: [...thetas0], stats: [...stats0] };
  const view = (): PopulationView => ({ generation: generations[generations.length - 1].generation, values: pop.thetas.map(valuesOf), weights: [...pop.weights], distances: [...pop.distances] });
  let shown = view();

  for (let t = 1; t <= cal.abc.generations; t++) {
    if (cal.summaries.scale === "adaptive" && t > 1) {
      scales = madScales(lastSims, prep.stats.length);
      pop = { ...pop, distances: pop.stats.map((s) => distance(prep, s, scales)) };
    }
    const eps = weightedQuantile(pop.distances, pop.weights, quantile);
    const sims: Float64Array[] = [];
    const L = kernelFactor(pop.thetas, pop.weights);
    const total = pop.weights.reduce((a, b) => a + b, 0);
    const key = deriveKey(master, CAL_GENERATION, t);
    const propose = (k: number): Float64Array => {
      const rng = stream(deriveKey(key, PROPOSAL, k));
      const norm = normal(rng);
      const z = new Float64Array(d);
      for (let tries = 0; tries < MAX_TRIES; tries++) {
        const from = pop.thetas[sample(pop.weights, total, rng())];
        for (let i = 0; i < d; i++) z[i] = norm();
        const theta = Float64Array.from(from, (x, i) => {
          let s = x;
          for (let k2 = 0; k2 <= i; k2++) s += L[i * d + k2] * z[k2];
          return s;
        });
        if (priorOf(theta) > 0 && valid(theta)) return theta;
      }
      throw new ScenarioError([{ path: "parameters", message: `generation ${t}: ${MAX_TRIES} perturbed particles in a row fell outside the priors or gave invalid scenarios` }], "calibration");
    };
    const maxProposals = Math.ceil(N / minAcceptance);
    const accepted: { theta: Float64Array; stats: Float64Array; distance: number; index: number }[] = [];
    const screen = cal.abc.screen && t >= 2 ? screenOf(L, d, archive.thetas, archive.stats.map((st) => distance(prep, st, scales)), cal.abc.screen.neighbours, cal.abc.screen.margin * eps) : undefined;
    let proposed = 0;
    let screened = 0;
    let rate = generations[generations.length - 1].acceptanceRate;
    while (accepted.length < N) {
      const left = Math.min(maxSimulations - simulations, maxProposals - proposed);
      if (left <= 0) break;
      const want = Math.ceil(((N - accepted.length) / Math.max(rate, minAcceptance)) * 1.1);
      const size = Math.max(1, Math.min(left, want));
      // Proposals the screen rejects count as proposals (rejected) and are not simulated.
      const batch: { theta: Float64Array; index: number }[] = [];
      for (let j = 0; j < size; j++) {
        const theta = propose(proposed + j);
        if (screen?.(theta)) screened++;
        else batch.push({ theta, index: proposed + j });
      }
      proposed += size;
      if (batch.length === 0) continue;
      const stats = yield { kind: "particles", generation: t, tolerance: eps, accepted: accepted.length, needed: N, requests: batch.map(({ theta, index }) => request(t, key, index, theta)), population: shown, generations: [...generations] };
      simulations += batch.length;
      stats.forEach((s, j) => {
        sims.push(s);
        archive.thetas.push(batch[j].theta);
        archive.stats.push(s);
        const dist = distance(prep, s, scales);
        if (dist <= eps && accepted.length < N) accepted.push({ theta: batch[j].theta, stats: s, distance: dist, index: batch[j].index });
      });
      rate = Math.max(accepted.length / proposed, 1 / (proposed + 1));
    }
    if (accepted.length < N) {
      stopped = simulations >= maxSimulations
        ? `the budget of ${maxSimulations} simulations ran out in generation ${t} (${accepted.length} of ${N} accepted); the posterior is generation ${t - 1}'s`
        : `generation ${t} accepted fewer than ${(minAcceptance * 100).toFixed(1)} % of its proposals (${accepted.length} of ${proposed}); the posterior is generation ${t - 1}'s`;
      break;
    }
    // Proposals past the N-th acceptance were simulated (their batch) but do not count in the rate.
    const usedProposals = accepted[N - 1].index + 1;
    const z = new Float64Array(d);
    const weights = accepted.map(({ theta }) => {
      let mix = 0;
      for (let j = 0; j < pop.thetas.length; j++) mix += (pop.weights[j] / total) * kernelDensity(L, d, theta, pop.thetas[j], z);
      return priorOf(theta) / mix;
    });
    const wsum = weights.reduce((a, b) => a + b, 0);
    pop = { thetas: accepted.map((a) => a.theta), stats: accepted.map((a) => a.stats), weights: weights.map((w) => w / wsum), distances: accepted.map((a) => a.distance) };
    lastSims = sims;
    const ess = effectiveSampleSize(pop.weights);
    generations.push({ generation: t, tolerance: eps, proposals: usedProposals, accepted: N, acceptanceRate: N / usedProposals, screened, ess, simulations });
    shown = view();
    if (N / usedProposals < minAcceptance) {
      stopped = `generation ${t} accepted ${((N / usedProposals) * 100).toFixed(1)} % of its proposals, below abc.minAcceptance`;
      break;
    }
  }

  const predictive = yield* predictiveBands(prep, pop, master, valuesOf, shown, generations);
  return {
    parameters: prep.parameters.map((p) => p.name),
    particles: pop.thetas.map((theta, i) => ({ values: valuesOf(theta), weight: pop.weights[i], distance: pop.distances[i] })),
    generations,
    simulations,
    stopped,
    scales,
    predictive,
  };
}

/** Simulations from the posterior (particles drawn by weight, fresh seeds) against the observed series: p5, p50, p95 per tick. */
function* predictiveBands(prep: PreparedCalibration, pop: Population, master: number, valuesOf: (t: Float64Array) => number[], population: PopulationView, generations: GenerationStats[]): Generator<CalibrationStep, Band[], StepAnswer> {
  const M = prep.calibration.abc.predictive;
  if (M === 0) return [];
  const key = deriveKey(master, CAL_PREDICTIVE, 0);
  const rng = stream(key);
  const total = pop.weights.reduce((a, b) => a + b, 0);
  const requests = Array.from({ length: M }, (_, k) => {
    const values = valuesOf(pop.thetas[sample(pop.weights, total, rng())]);
    return { generation: -1, index: k, values, seed: hash3(key, SIM_SEED, k, 0), scenario: withValues(prep, values) };
  });
  const answers = yield { kind: "predictive", requests, population, generations: [...generations] };
  const S = prep.observed.series.length;
  return prep.observed.series.map((s, k) => {
    const T = s.byTick.length;
    const band = (q: number) => {
      const out = new Float64Array(T);
      const col = new Float64Array(M);
      for (let t = 0; t < T; t++) {
        for (let i = 0; i < M; i++) col[i] = answers[i * S + k][t];
        col.sort();
        out[t] = quantileSorted(col, q);
      }
      return out;
    };
    return { plan: s.plan, metric: s.circle !== undefined ? seriesColumn(s) : s.metric, values: s.values, observed: s.byTick, p5: band(0.05), p50: band(0.5), p95: band(0.95) };
  });
}

/** Linear interpolation between order statistics (type 7, as R and numpy by default). */
function quantileSorted(s: Float64Array, q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** One simulation in this thread: the levels of the observed series. */
export function simulateRequest(prep: PreparedCalibration, req: SimRequest, signal?: CancelSignal): Float64Array[] {
  const parsed = parseScenario(req.scenario);
  if (!parsed.ok) throw new ScenarioError(parsed.issues, `calibration proposal ${req.index} of generation ${req.generation}`);
  const plans = runSweepRun(parsed.scenario, { seed: req.seed, replicate: 0, plans: prep.plans, perTick: { every: 1, metrics: prep.metrics }, signal, reuseWorlds: prep.calibration.randomNumbers === "common" });
  return simulatedLevels(prep, plans);
}

/**
 * Answer a step from each simulation's levels: statistics for particle batches, the observed-form
 * series (one per observed series, simulation-major) for the predictive batch.
 */
export function answerOf(prep: PreparedCalibration, step: CalibrationStep, levels: readonly Float64Array[][]): StepAnswer {
  if (step.kind === "particles") return levels.map((l) => statsOf(prep, l));
  return levels.flatMap((l) => l.map((v, k) => observedForm(prep.observed.series[k].values, v)));
}

export interface CalibrateOptions {
  signal?: CancelSignal;
  onStep?: (step: CalibrationStep) => void;
}

/** The whole fit in this thread (scripts, tests); the CLI runs the same simulations on a pool and journals them. */
export function calibrate(prep: PreparedCalibration, opts: CalibrateOptions = {}): CalibrationResult {
  const fit = abcSmc(prep);
  let r = fit.next();
  while (!r.done) {
    const step = r.value;
    opts.onStep?.(step);
    r = fit.next(answerOf(prep, step, step.requests.map((q) => simulateRequest(prep, q, opts.signal))));
  }
  return r.value;
}
