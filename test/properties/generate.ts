/**
 * Scenarios drawn at random from the schema's space, so that a property cannot pass only on the
 * presets: 2–4 circles of 60–250 consumers with every trait drawn, a circle network with big
 * accounts, a product, and one plan holding the strategy a lever pulls (with a budget) beside 0–2
 * others. Deterministic: scenario k of a family is a pure function of (family, k).
 */
import type { ScenarioInput } from "../../scenarios/schema/scenario.ts";
import { hashString } from "../../engine/core/rng/hash.ts";
import { stream, type Rng } from "../../engine/core/rng/stream.ts";

export type StrategyType = "buyReposts" | "kolSeeding" | "creativeContent" | "fanManagement" | "socialAds" | "crmTiers" | "communityOps";
type Json = Record<string, unknown>;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * rng());
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

function circle(rng: Rng, k: number): Json {
  const min = int(rng, 1, 5);
  return {
    name: `c${k}`,
    size: int(rng, 60, 250),
    productAffinity: round(uniform(rng, 0.05, 0.95)),
    trust: { alpha: round(uniform(rng, 2, 8)), beta: round(uniform(rng, 1, 4)) },
    skepticism: { alpha: round(uniform(rng, 1, 4)), beta: round(uniform(rng, 1, 4)) },
    activity: { alpha: round(uniform(rng, 0.5, 2)), beta: round(uniform(rng, 0.8, 2)) },
    fatigueRate: round(uniform(rng, 0, 0.3)),
    fatigueRecovery: round(uniform(rng, 0.02, 0.3)),
    touchesToConvert: { min, max: min + int(rng, 0, 3) },
    sharePropensity: round(uniform(rng, 0, 0.15)),
    repetitionDecay: round(uniform(rng, 0.2, 0.9)),
    kols: int(rng, 1, 4),
    kolReach: round(uniform(rng, 0.03, 0.3)),
  };
}

function content(rng: Rng, paid: boolean): Json {
  return { quality: round(uniform(rng, 0.3, 0.95)), brandFit: round(uniform(rng, 0.1, 0.9)), paid };
}

/**
 * A strategy of `type` with a unit price, a schedule that fits `horizon`, and a budget that binds
 * (it buys less than the schedule allows), so that budget and price levers have something to move.
 */
export function strategy(rng: Rng, type: StrategyType, horizon: number, circles: string[], consumers: number): Json {
  const start = int(rng, 0, Math.floor(horizon / 4));
  const every = int(rng, 2, 14);
  const rounds = Math.max(1, Math.min(int(rng, 1, 8), Math.floor((horizon - start) / every) + 1));
  const at = { start, every, count: rounds };
  switch (type) {
    case "buyReposts": {
      const price = round(uniform(rng, 20, 200), 0);
      return { type, pricePerRepost: price, budget: price * int(rng, 1, 3) * rounds, at, content: content(rng, rng() < 0.8) };
    }
    case "kolSeeding": {
      const price = round(uniform(rng, 20, 300), 0);
      return {
        type, topCircles: int(rng, 1, circles.length), kolsPerCircle: int(rng, 1, 3), pricePerPost: price,
        budget: price * int(rng, 1, 6) * rounds, at, content: content(rng, false), pieces: int(rng, 1, 3),
      };
    }
    case "creativeContent": {
      const pieces = Math.max(1, Math.min(int(rng, 1, 5), Math.floor((horizon - start) / every) + 1));
      const cost = round(uniform(rng, 100, 1000), 0);
      const impressions = int(rng, 100, 2000);
      const cpm = round(uniform(rng, 2, 15), 1);
      return {
        type, pieces, start, every, productionCost: cost, budget: round((cost + (impressions * cpm) / 1000) * pieces * uniform(rng, 0.3, 1), 0),
        quality: rng() < 0.5 ? round(uniform(rng, 0.2, 0.9)) : { alpha: round(uniform(rng, 0.3, 2)), beta: round(uniform(rng, 1, 3)) },
        brandFit: round(uniform(rng, 0.1, 0.9)),
        promotion: { impressions, cpm },
      };
    }
    case "fanManagement": {
      const duration = int(rng, Math.min(20, horizon - start), horizon - start);
      const eventsEvery = int(rng, 3, 14);
      const costPerEvent = round(uniform(rng, 20, 200), 0);
      const costPerRecruit = round(uniform(rng, 1, 20), 1);
      const events = Math.ceil(duration / eventsEvery);
      return {
        type, start, duration, eventsEvery, costPerEvent, costPerRecruit,
        budget: round(events * costPerEvent + costPerRecruit * int(rng, 10, 300), 0),
        fanRate: round(uniform(rng, 0, 0.4)), content: content(rng, false), pieces: int(rng, 1, 6),
      };
    }
    case "socialAds": {
      // From a tenth of an impression to two per consumer and tick of the schedule: below and above the cap.
      const cpm = round(uniform(rng, 2, 15), 1);
      return {
        type, budget: round((cpm / 1000) * consumers * rounds * uniform(rng, 0.1, 2), 2), cpm, at,
        ...(rng() < 0.5 ? { circles: circles.filter(() => rng() < 0.6).slice(0, Math.max(1, int(rng, 1, circles.length))) } : {}),
        lookalike: rng() < 0.3, frequencyCap: { impressions: int(rng, 1, 5), ticks: int(rng, 3, 10) },
        content: content(rng, true), pieces: int(rng, 1, 3),
      };
    }
    case "crmTiers": {
      const costPerMessage = round(uniform(rng, 0.01, 0.5), 2);
      return {
        type, at, mode: pick(rng, ["personalised", "synchronised"]), costPerMessage,
        budget: round(costPerMessage * 200 * rounds * uniform(rng, 0.5, 3), 2), content: content(rng, false), pieces: int(rng, 1, 3),
      };
    }
    case "communityOps": {
      const posts = Math.max(1, Math.min(int(rng, 3, 20), Math.floor((horizon - start) / every) + 1));
      const costPerPost = round(uniform(rng, 5, 60), 0);
      return {
        type, group: { kind: pick(rng, ["prospect", "traffic"]), size: int(rng, 30, 200) }, feed: pick(rng, ["value", "redEnvelope"]),
        start, every, posts, costPerPost, budget: round(costPerPost * posts * uniform(rng, 0.3, 1), 0),
      };
    }
  }
}

/** Scenario k of family `family`, with plan 0 holding a `needs` strategy at index 0 (when given). */
export function generateScenario(family: string, k: number, needs?: StrategyType): ScenarioInput {
  const rng = stream(hashString(hashString(0x9e37, family), String(k)));
  const C = int(rng, 2, 4);
  const circles = Array.from({ length: C }, (_, c) => circle(rng, c));
  const names = circles.map((c) => c.name as string);
  const horizon = int(rng, 30, 70);
  const main = needs ?? pick(rng, ["buyReposts", "kolSeeding", "creativeContent", "fanManagement", "socialAds", "communityOps"] as const);
  const others = Array.from({ length: int(rng, 0, 2) }, () => pick(rng, ["kolSeeding", "creativeContent", "fanManagement", "socialAds", "communityOps"] as const));
  const consumers = circles.reduce((n, c) => n + (c.size as number), 0);
  const strategies: Json[] = [main, ...others].map((t, j) => ({ ...strategy(rng, t, horizon, names, consumers), name: `s${j}-${t}` }));
  // CRM pushes need customers: an installed base, and a budget that covers some of the pushes to it.
  if (strategies.some((s) => s.type === "crmTiers")) {
    const share = round(uniform(rng, 0.03, 0.2));
    strategies.push({ type: "installedBase", name: "base", customers: share, fans: round(uniform(rng, 0, 0.5)) });
    for (const s of strategies)
      if (s.type === "crmTiers") {
        const at = s.at as { count: number };
        s.budget = round((s.costPerMessage as number) * share * consumers * at.count * uniform(rng, 0.3, 1), 2);
      }
  }
  return {
    name: `${family}-${k}`,
    horizon,
    replicates: 6,
    seed: int(rng, 1, 1e6),
    population: { circles: circles as never },
    network: {
      kind: "circles",
      meanDegree: round(uniform(rng, 4, 16), 1),
      inCircleShare: round(uniform(rng, 0.5, 0.95)),
      degreeExponent: round(uniform(rng, 2.2, 3.5)),
      maxDegree: 100,
      bigAccounts: { count: int(rng, 1, 4), followers: int(rng, 50, 800), zombieShare: round(uniform(rng, 0, 0.9)) },
      brand: { followerShare: round(uniform(rng, 0, 0.1)) },
    },
    product: {
      price: round(uniform(rng, 50, 200), 0),
      unitMargin: round(uniform(rng, 10, 60), 0),
      conversionRate: round(uniform(rng, 0.05, 0.4)),
      fanProbability: round(uniform(rng, 0, 0.4)),
      fanDelay: round(uniform(rng, 2, 20), 1),
      fanBoost: round(uniform(rng, 1, 4), 1),
      fanPostRate: round(uniform(rng, 0, 0.03), 4),
    },
    dynamics: { persuasion: round(uniform(rng, 0.3, 1)), shareDelay: round(uniform(rng, 1, 3), 1) },
    plans: [{ name: "plan", strategies: strategies as never }],
  };
}
