/**
 * The benchmark's standard campaign, scaled to any population size: five circles of fixed shares,
 * about 20 friendship ties per consumer, opinion leaders, a few grassroots big accounts (with a
 * zombie share) and the brand account, and one plan that publishes over the whole horizon.
 * Everything that grows with the population grows in proportion, so per-agent figures compare
 * across sizes.
 */
import { loadScenario, type Scenario, type ScenarioInput } from "../engine/index.ts";

/** Circle shares of the population (they sum to 1). */
const CIRCLES = [
  { name: "students", share: 0.3, trust: { alpha: 5, beta: 3 }, activity: { alpha: 1, beta: 1.2 }, sharePropensity: 0.2, productAffinity: 0.6 },
  { name: "young-pros", share: 0.25, trust: { alpha: 4, beta: 4 }, activity: { alpha: 0.8, beta: 1.3 }, sharePropensity: 0.15, productAffinity: 0.7 },
  { name: "parents", share: 0.2, trust: { alpha: 6, beta: 3 }, activity: { alpha: 0.7, beta: 1.5 }, sharePropensity: 0.12, productAffinity: 0.5 },
  { name: "gamers", share: 0.15, trust: { alpha: 3, beta: 4 }, activity: { alpha: 1.2, beta: 1 }, sharePropensity: 0.25, productAffinity: 0.4 },
  { name: "retirees", share: 0.1, trust: { alpha: 5, beta: 2 }, activity: { alpha: 0.5, beta: 1.5 }, sharePropensity: 0.08, productAffinity: 0.3 },
] as const;

export const MEAN_DEGREE = 20;
export const HORIZON = 100;
export const PLAN = "standard";

/** Circle sizes for a population of `n` consumers (the last circle takes the rounding rest). */
export function circleSizes(n: number): number[] {
  const sizes = CIRCLES.map((c) => Math.max(1, Math.floor(n * c.share)));
  sizes[sizes.length - 1] = Math.max(1, n - sizes.slice(0, -1).reduce((a, b) => a + b, 0));
  return sizes;
}

export function standardScenarioInput(consumers: number, opts: { horizon?: number; seed?: number } = {}): ScenarioInput {
  const horizon = opts.horizon ?? HORIZON;
  const sizes = circleSizes(consumers);
  // Big accounts reach 2% of consumers each (30% of their followers are zombies); at least 200 followers.
  const followers = Math.max(200, Math.round(consumers * 0.02));
  // Repeat schedules over the horizon without passing it.
  const every = (start: number, step: number) => ({ start, every: step, count: Math.floor((horizon - start) / step) + 1 });
  return {
    name: `bench-${consumers}`,
    horizon,
    replicates: 1,
    seed: opts.seed ?? 20240601,
    population: {
      circles: CIRCLES.map((c, k) => ({
        name: c.name,
        size: sizes[k],
        trust: c.trust,
        activity: c.activity,
        sharePropensity: c.sharePropensity,
        productAffinity: c.productAffinity,
        kols: 5,
        kolReach: 0.05,
      })),
    },
    network: {
      kind: "circles",
      meanDegree: MEAN_DEGREE,
      bigAccounts: { count: 4, followers, zombieShare: 0.3 },
      brand: { followerShare: 0.02 },
    },
    contents: [
      { id: "launch-film", case: "launch", quality: 0.6, brandFit: 0.7, paid: true },
      { id: "launch-cutdown", case: "launch", quality: 0.5, brandFit: 0.6, paid: true },
      { id: "kol-review", quality: { alpha: 6, beta: 4 }, brandFit: 0.5, fit: { retirees: 0.4 } },
      { id: "meme", quality: 0.7, brandFit: 0.2, fit: { parents: 0.6, retirees: 0.3 } },
    ],
    plans: [
      {
        name: PLAN,
        actions: [
          { type: "post", content: "launch-film", from: "brand", at: 0, cost: 5000 },
          { type: "post", content: "launch-cutdown", from: "brand", at: every(7, 7), cost: 500 },
          { type: "post", content: "kol-review", from: "kols", count: 3, at: every(0, 10), cost: 800 },
          { type: "post", content: "meme", from: "bigAccounts", at: every(5, 25), cost: 1500 },
        ],
      },
    ],
  };
}

export function standardScenario(consumers: number, opts: { horizon?: number; seed?: number } = {}): Scenario {
  return loadScenario(standardScenarioInput(consumers, opts), `bench-${consumers}`);
}
