/**
 * The plan optimiser (docs/optimize.md): CMA-ES over the unit cube of an optimisation file's
 * decisions, every candidate evaluated on the same replicates (common random numbers: the scenario's
 * seed and replicates 0 … R − 1, so differences between plans are the plans' alone), then the leaders
 * re-evaluated on more replicates, the winner declared on those, and its paired difference from the
 * runner-up (and from the plan as written) reported with intervals.
 *
 * Pure and deterministic for a seed: runs are asked of an `Evaluator` (this thread, a worker pool,
 * or a journal that already holds them), which only has to return each run's final metrics.
 */
import { deriveKey, masterKey } from "../core/rng/seed.ts";
import { stream } from "../core/rng/stream.ts";
import { Cmaes } from "./cmaes.ts";
import { tQuantile975 } from "./compare.ts";
import type { Json } from "./design.ts";
import { parseScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { ScenarioError } from "../errors.ts";
import { candidateScenario, decode, type PreparedOptimization } from "./optimize-file.ts";
import { runSweepRun } from "./sweep-run.ts";

/** One run to evaluate: plan `id` (its scenario) on replicate `replicate`. */
export interface EvalTask {
  readonly id: number;
  readonly replicate: number;
  readonly scenario: unknown;
}

/** Final metrics of each task, in the order given (at least the prepared `metrics`). */
export type Evaluator = (tasks: readonly EvalTask[]) => Promise<Record<string, number>[]>;

export interface Candidate {
  /** Serial number in order of first appearance: 0 is the plan as written. */
  readonly id: number;
  readonly values: Json[];
  /** Generation that proposed it (0: the plan as written). */
  readonly generation: number;
  /** perReplicate[metric][r] for the replicates evaluated so far. */
  readonly perReplicate: Record<string, number[]>;
}

export interface Scored {
  readonly candidate: Candidate;
  readonly replicates: number;
  readonly objective: number;
  readonly mean: Record<string, number>;
  /** 10th percentile of the objective's metric. */
  readonly p10: number;
}

export interface PairedGap {
  readonly a: number;
  readonly b: number;
  /** Mean of the per-replicate differences of the objective's metric, its 95 % t interval, and the share of replicates a wins (ties half). */
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly pBeats: number;
  /** The objective's difference (risk-adjusted as asked) with a 95 % paired bootstrap interval. */
  readonly objective: number;
  readonly objectiveLow: number;
  readonly objectiveHigh: number;
  readonly n: number;
}

export interface OptimizationResult {
  /** Every distinct plan the search evaluated, scored on the search's replicates. */
  readonly searched: Scored[];
  /** The leaders and the plan as written, scored on the confirmation's replicates, best first. */
  readonly confirmed: Scored[];
  readonly best: Scored;
  readonly runnerUp: Scored;
  readonly asWritten: Scored;
  readonly versusRunnerUp: PairedGap;
  readonly versusAsWritten: PairedGap;
  readonly generations: number;
  /** Runs asked of the evaluator (some may have come from a journal). */
  readonly runs: number;
  /** Plans searched that the scenario rules refused (every metric NaN): they rank last. */
  readonly infeasible: number;
}

export interface OptimizeProgress {
  stage: "search" | "confirm";
  evaluations: number;
  budget: number;
  best: number;
}

const Label = { search: 1, bootstrap: 2 } as const;

/** The objective of per-replicate values: their mean, 10th percentile, or mean − λ·sd. */
export function objectiveOf(prep: PreparedOptimization, v: readonly number[]): number {
  const o = prep.file.objective;
  const ok = v.filter((x) => !Number.isNaN(x));
  if (ok.length === 0) return -Infinity;
  const m = mean(ok);
  if (o.risk === "p10") return quantile(ok, 0.1);
  if (o.risk === "meanMinusSd") return m - o.lambda * sd(ok, m);
  return m;
}

export async function optimize(prep: PreparedOptimization, evaluate: Evaluator, onProgress?: (p: OptimizeProgress) => void): Promise<OptimizationResult> {
  const f = prep.file;
  const byKey = new Map<string, Candidate>();
  const all: Candidate[] = [];
  let runs = 0;
  let best = -Infinity;
  const budget = f.evaluations;

  const candidate = (values: Json[], generation: number): Candidate => {
    const key = JSON.stringify(values);
    let c = byKey.get(key);
    if (!c) {
      c = { id: all.length, values, generation, perReplicate: Object.fromEntries(prep.metrics.map((m) => [m, []])) };
      byKey.set(key, c);
      all.push(c);
    }
    return c;
  };
  /** Bring every candidate to R replicates (replicates already run are kept: the same worlds). */
  const evaluateAll = async (cs: readonly Candidate[], R: number): Promise<void> => {
    const tasks: EvalTask[] = [];
    for (const c of new Set(cs)) {
      const have = c.perReplicate[prep.metric].length;
      if (have >= R) continue;
      const scenario = candidateScenario(prep, c.values);
      for (let r = have; r < R; r++) tasks.push({ id: c.id, replicate: r, scenario });
    }
    if (tasks.length === 0) return;
    runs += tasks.length;
    const finals = await evaluate(tasks);
    // Tasks of one candidate are consecutive and in replicate order.
    tasks.forEach((t, k) => {
      const c = all[t.id];
      for (const m of prep.metrics) c.perReplicate[m].push(finals[k][m] ?? NaN);
    });
  };
  const score = (c: Candidate, R: number): Scored => {
    const take = (m: string) => c.perReplicate[m].slice(0, R);
    const v = take(prep.metric);
    return {
      candidate: c,
      replicates: v.length,
      objective: objectiveOf(prep, v),
      mean: Object.fromEntries(prep.metrics.map((m) => [m, mean(take(m).filter((x) => !Number.isNaN(x)))])),
      p10: quantile(v.filter((x) => !Number.isNaN(x)), 0.1),
    };
  };

  // The plan as written first: the search starts there, and it is the reference of the verdict.
  const R = f.replicates;
  const start = candidate(decode(prep, prep.start), 0);
  await evaluateAll([start], R);
  best = score(start, R).objective;
  onProgress?.({ stage: "search", evaluations: all.length, budget, best });

  const es = new Cmaes(prep.start, 0.3, deriveKey(masterKey(f.seed), Label.search), f.population);
  // Rounding and choices map many points to one plan: cap the generations so a collapsed search ends.
  const maxGenerations = 20 + 4 * budget;
  while (all.length < budget && es.generation < maxGenerations) {
    const xs = es.ask().map((x) => x.map((v) => Math.min(1, Math.max(0, v))));
    const cs = xs.map((x) => candidate(decode(prep, x), es.generation + 1));
    const fresh = [...new Set(cs)].filter((c) => c.perReplicate[prep.metric].length === 0);
    if (all.length > budget) {
      // The last generation goes over budget: evaluate what fits, and end (the ES is not told).
      const keep = fresh.length - (all.length - budget);
      for (const c of fresh.slice(keep)) byKey.delete(JSON.stringify(c.values));
      all.length = budget;
      await evaluateAll(fresh.slice(0, keep), R);
      for (const c of fresh.slice(0, keep)) best = Math.max(best, score(c, R).objective);
      onProgress?.({ stage: "search", evaluations: all.length, budget, best });
      break;
    }
    await evaluateAll(fresh, R);
    const scores = cs.map((c) => score(c, R).objective);
    for (const s of scores) best = Math.max(best, s);
    onProgress?.({ stage: "search", evaluations: all.length, budget, best });
    // Minimise the negated objective; a plan that cannot be scored goes last.
    es.tell(xs, scores.map((s) => (Number.isFinite(s) ? -s : Infinity)));
  }

  const searched = all.map((c) => score(c, R));
  const ranked = [...searched].sort((a, b) => b.objective - a.objective || a.candidate.id - b.candidate.id);
  const leaders = ranked.slice(0, f.confirm.top).map((s) => s.candidate);
  const RC = Math.max(f.confirm.replicates, R);
  onProgress?.({ stage: "confirm", evaluations: all.length, budget, best });
  await evaluateAll([...leaders, start], RC);
  const confirmed = [...new Set([...leaders, start])].map((c) => score(c, RC)).sort((a, b) => b.objective - a.objective || a.candidate.id - b.candidate.id);
  const top = confirmed.filter((s) => leaders.includes(s.candidate));
  const [winner, runnerUp = winner] = top;
  const asWritten = confirmed.find((s) => s.candidate === start)!;
  const key = deriveKey(masterKey(f.seed), Label.bootstrap);
  return {
    searched,
    confirmed,
    best: winner,
    runnerUp,
    asWritten,
    versusRunnerUp: pairedGap(prep, winner, runnerUp, RC, key),
    versusAsWritten: pairedGap(prep, winner, asWritten, RC, key),
    generations: es.generation,
    runs,
    infeasible: searched.filter((x) => x.candidate.perReplicate[prep.metric].every((v) => Number.isNaN(v))).length,
  };
}

/** Final metrics of a plan the scenario rules refuse (a combination of values no single bound catches): every metric NaN, so it ranks last. */
export function infeasible(prep: PreparedOptimization): Record<string, number> {
  return Object.fromEntries(prep.metrics.map((m) => [m, NaN]));
}

/** Runs tasks one after another in this thread, keeping worlds between them (tests, benches, the viewer). */
export function localEvaluator(prep: PreparedOptimization): Evaluator {
  const parsed = new WeakMap<object, Scenario | null>();
  return async (tasks) =>
    tasks.map((t) => {
      let s = parsed.get(t.scenario as object);
      if (s === undefined) {
        const r = parseScenario(t.scenario);
        s = r.ok ? r.scenario : null;
        parsed.set(t.scenario as object, s);
      }
      if (s === null) return infeasible(prep);
      try {
        return runSweepRun(s, { seed: prep.base.seed, replicate: t.replicate, plans: [prep.plan], reuseWorlds: true, circleFinals: prep.circleFinals })[0].final;
      } catch (e) {
        if (e instanceof ScenarioError) return infeasible(prep); // the plan does not compile (a budget below its planned cost)
        throw e;
      }
    });
}

const BOOTSTRAP = 2000;

/** Paired comparison of two plans on the same R replicates: the metric's mean difference and the objective's. */
export function pairedGap(prep: PreparedOptimization, a: Scored, b: Scored, R: number, key: number): PairedGap {
  const va = a.candidate.perReplicate[prep.metric].slice(0, R);
  const vb = b.candidate.perReplicate[prep.metric].slice(0, R);
  const idx = va.flatMap((x, r) => (Number.isNaN(x) || Number.isNaN(vb[r]) ? [] : [r]));
  const d = idx.map((r) => va[r] - vb[r]);
  const n = d.length;
  const m = mean(d);
  const half = n > 1 ? (tQuantile975(n - 1) * sd(d, m)) / Math.sqrt(n) : NaN;
  const wins = idx.reduce((w, r) => w + (va[r] > vb[r] ? 1 : va[r] === vb[r] ? 0.5 : 0), 0);
  // Resample replicates (both plans together, so the pairing is kept).
  const u = stream(key);
  const diffs = new Float64Array(BOOTSTRAP);
  for (let k = 0; k < BOOTSTRAP; k++) {
    const ra: number[] = [], rb: number[] = [];
    for (let j = 0; j < n; j++) {
      const r = idx[Math.floor(u() * n)];
      ra.push(va[r]);
      rb.push(vb[r]);
    }
    diffs[k] = objectiveOf(prep, ra) - objectiveOf(prep, rb);
  }
  diffs.sort();
  return {
    a: a.candidate.id,
    b: b.candidate.id,
    mean: m,
    low: m - half,
    high: m + half,
    pBeats: n ? wins / n : NaN,
    objective: a.objective - b.objective,
    objectiveLow: n ? diffs[Math.floor(0.025 * BOOTSTRAP)] : NaN,
    objectiveHigh: n ? diffs[Math.ceil(0.975 * BOOTSTRAP) - 1] : NaN,
    n,
  };
}

function mean(v: readonly number[]): number {
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

function sd(v: readonly number[], m: number): number {
  return v.length > 1 ? Math.sqrt(v.reduce((a, x) => a + (x - m) * (x - m), 0) / (v.length - 1)) : 0;
}

/** Linear-interpolation quantile (type 7). */
function quantile(v: readonly number[], p: number): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
