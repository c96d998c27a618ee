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
import { runSweepRun } from "./sweep-run.ts";

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

export function forecastOverPosterior(scenario: Scenario, post: PosteriorSample, opts: { draws: number; replicates: number; seed: number; metrics?: readonly string[] }): Forecast {
  const rng = stream(deriveKey(masterKey(opts.seed), POSTERIOR_DRAWS, 0));
  const total = post.particles.reduce((a, p) => a + p.weight, 0);
  const pick = (): number[] => {
    let u = rng() * total;
    for (const p of post.particles) if ((u -= p.weight) < 0) return p.values;
    return post.particles[post.particles.length - 1].values;
  };
  // values[plan][metric][draw][replicate]
  const finals = new Map<string, Map<string, number[][]>>();
  for (let d = 0; d < opts.draws; d++) {
    const values = pick();
    let json: unknown = scenario;
    post.parameters.forEach((p, j) => {
      const v = p.integer ? Math.round(values[j]) : values[j];
      for (const path of Array.isArray(p.path) ? p.path : [p.path]) json = setPath(json, path, v);
    });
    const parsed = parseScenario(json);
    if (!parsed.ok) throw new ScenarioError(parsed.issues, `posterior draw ${d} (${post.parameters.map((p, j) => `${p.name} = ${values[j]}`).join(", ")})`);
    for (let r = 0; r < opts.replicates; r++)
      for (const out of runSweepRun(parsed.scenario, { seed: opts.seed, replicate: r, reuseWorlds: true })) {
        const byMetric = finals.get(out.plan) ?? finals.set(out.plan, new Map()).get(out.plan)!;
        for (const [m, x] of Object.entries(out.final)) {
          const draws = byMetric.get(m) ?? byMetric.set(m, []).get(m)!;
          (draws[d] ??= []).push(x);
        }
      }
  }
  const wanted = opts.metrics ?? FORECAST_METRICS;
  const rows: ForecastRow[] = [];
  for (const [plan, byMetric] of finals)
    for (const metric of wanted) {
      const draws = byMetric.get(metric);
      if (!draws) continue;
      const all = Float64Array.from(draws.flat().filter((x) => Number.isFinite(x))).sort();
      if (all.length === 0) continue;
      const mean = all.reduce((a, b) => a + b, 0) / all.length;
      const variance = all.reduce((a, x) => a + (x - mean) * (x - mean), 0) / all.length;
      // Var(E[Y | θ]) over draws (population variances, so the two parts add up to the total).
      const means = draws.map((xs) => {
        const f = xs.filter((x) => Number.isFinite(x));
        return f.reduce((a, b) => a + b, 0) / Math.max(f.length, 1);
      });
      const between = means.reduce((a, m) => a + (m - mean) * (m - mean), 0) / means.length;
      rows.push({ plan, metric, mean, p5: quantileSorted(all, 0.05), p95: quantileSorted(all, 0.95), sd: Math.sqrt(variance), parameterShare: variance > 0 ? Math.min(1, between / variance) : 0 });
    }
  return { draws: opts.draws, replicates: opts.replicates, rows };
}
