/**
 * Forecast every plan of a scenario over a calibration's posterior (docs/calibration.md, "Forecasting
 * under the posterior"): D parameter sets drawn from the posterior by weight, each run for R
 * replicates on the same R worlds and draws (common random numbers across parameter sets), so the
 * spread of each final metric splits by the law of total variance into the parameters' share,
 * Var_θ(E[Y | θ]), and chance's, E_θ[Var(Y | θ)].
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { parseScenario } from "../../scenarios/parse.ts";
import { ScenarioError } from "../errors.ts";
import { quantileSorted } from "../core/collect/summary.ts";
import { deriveKey, masterKey } from "../core/rng/seed.ts";
import { stream } from "../core/rng/stream.ts";
import { setPath } from "./paths.ts";
import { runSweepRun, type PlanOutcome } from "./sweep-run.ts";

const POSTERIOR_DRAWS = 0x43414c44; // "CALD"

export interface PosteriorSample {
  parameters: { name: string; path: string | string[]; integer: boolean }[];
  particles: { values: number[]; weight: number }[];
}

export interface ForecastRow {
  plan: string;
  metric: string;
  mean: number;
  p5: number;
  p95: number;
  sd: number;
  /** Share of the variance that the parameters' uncertainty explains (the rest is chance). */
  parameterShare: number;
}

export interface Forecast {
  draws: number;
  replicates: number;
  rows: ForecastRow[];
}

/** Final metrics reported by default, where the plans have them. */
export const FORECAST_METRICS = ["reach", "customers", "purchases", "fans", "revenue", "spend", "roi", "costPerConversion"];

/** The scenario of each posterior draw (particles picked by weight from a stream keyed by the seed), checked. */
export function posteriorScenarios(scenario: Scenario, post: PosteriorSample, draws: number, seed: number): Scenario[] {
  const rng = stream(deriveKey(masterKey(seed), POSTERIOR_DRAWS, 0));
  const total = post.particles.reduce((a, p) => a + p.weight, 0);
  const pick = (): number[] => {
    let u = rng() * total;
    for (const p of post.particles) if ((u -= p.weight) < 0) return p.values;
    return post.particles[post.particles.length - 1].values;
  };
  return Array.from({ length: draws }, (_, d) => {
    const values = pick();
    let json: unknown = scenario;
    post.parameters.forEach((p, j) => {
      const v = p.integer ? Math.round(values[j]) : values[j];
      for (const path of Array.isArray(p.path) ? p.path : [p.path]) json = setPath(json, path, v);
    });
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new ScenarioError(parsed.issues, `posterior draw ${d} (${post.parameters.map((p, j) => `${p.name} = ${values[j]}`).join(", ")})`);
    return parsed.scenario;
  });
}

/** finals[d][r]: each plan's final metrics of draw d, replicate r → the forecast table. */
export function forecastOf(finals: readonly (readonly PlanOutcome[])[][], metrics: readonly string[] = FORECAST_METRICS): Forecast {
  const draws = finals.length;
  const replicates = finals[0]?.length ?? 0;
  const rows: ForecastRow[] = [];
  for (const { plan } of finals[0]?.[0] ?? [])
    for (const metric of metrics) {
      const byDraw = finals.map((reps) => reps.map((plans) => plans.find((p) => p.plan === plan)?.final[metric] ?? NaN).filter((x) => Number.isFinite(x)));
      const all = Float64Array.from(byDraw.flat()).sort();
      if (all.length === 0) continue;
      const mean = all.reduce((a, b) => a + b, 0) / all.length;
      const variance = all.reduce((a, x) => a + (x - mean) * (x - mean), 0) / all.length;
      // Var(E[Y | θ]) over draws (population variances, so the two parts add up to the total).
      const means = byDraw.map((xs) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1));
      const between = means.reduce((a, m) => a + (m - mean) * (m - mean), 0) / means.length;
      rows.push({ plan, metric, mean, p5: quantileSorted(all, 0.05), p95: quantileSorted(all, 0.95), sd: Math.sqrt(variance), parameterShare: variance > 0 ? Math.min(1, between / variance) : 0 });
    }
  return { draws, replicates, rows };
}

/** The forecast in this thread (the CLI runs the same runs on its pool). */
export function forecastOverPosterior(scenario: Scenario, post: PosteriorSample, opts: { draws: number; replicates: number; seed: number; metrics?: readonly string[] }): Forecast {
  const finals = posteriorScenarios(scenario, post, opts.draws, opts.seed).map((s) =>
    Array.from({ length: opts.replicates }, (_, r) => runSweepRun(s, { seed: opts.seed, replicate: r, reuseWorlds: true })),
  );
  return forecastOf(finals, opts.metrics);
}
