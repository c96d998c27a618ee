/**
 * Planner-level levers (MODEL.md, "Levers a planner pulls"), each stated as lever → direction: pull(s)
 * returns the scenario with the lever pulled on strategy 0 of plan 0, and each metric says which way
 * the result must move (never the other way, beyond chance). The same levers run on the library and
 * on generated scenarios (generate.ts).
 */
import type { ScenarioInput } from "../../scenarios/schema/scenario.ts";
import { column } from "../../engine/core/collect/collector.ts";
import type { RunResult } from "../../engine/core/run.ts";
import type { StrategyType } from "./generate.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Metric {
  readonly name: string;
  readonly expect: "≥" | "≤";
  readonly measure: (r: RunResult) => number;
}

export interface Lever {
  readonly id: string;
  /** The law it checks (MODEL.md). */
  readonly law: string;
  /** Strategy type the lever pulls (strategy 0 of plan 0); generated scenarios hold one. */
  readonly needs?: StrategyType;
  /** Shape a generated scenario for this lever first (both sides see the result), e.g. keep only the strategy pulled. */
  readonly prepare?: (s: ScenarioInput) => ScenarioInput;
  readonly pull: (s: ScenarioInput) => ScenarioInput;
  readonly metrics: readonly Metric[];
}

export const final = (metric: string) => (r: RunResult) => {
  const c = column(r.series, metric);
  return c[c.length - 1];
};

/** A channel's own conversions (last touch: bought or earned through its content) or real impressions. */
export const channel = (name: string, key: "lastTouch" | "real" | "spend") => (r: RunResult) => {
  const k = r.tables.channels.names.indexOf(name);
  return k < 0 ? 0 : r.tables.channels[key][k];
};

const conversions: Metric = { name: "conversions", expect: "≥", measure: final("customers") };
const down = (m: Metric): Metric => ({ ...m, expect: "≤" });
const reach: Metric = { name: "real reach", expect: "≥", measure: final("reach") };
const aware: Metric = { name: "brand awareness", expect: "≥", measure: final("brandAware") };

/** A copy of s with a function applied to strategy 0 of plan 0 (or to the whole input). */
function edit(s: ScenarioInput, f: (strategy: Json, s: Json) => void): ScenarioInput {
  const c = structuredClone(s) as Json;
  f(c.plans[0].strategies[0], c);
  return c as ScenarioInput;
}

/** The unit price each strategy buys its quantity at. */
const UNIT_PRICE: Record<StrategyType, string> = {
  buyReposts: "pricePerRepost", kolSeeding: "pricePerPost", creativeContent: "productionCost", fanManagement: "costPerRecruit",
  socialAds: "cpm", crmTiers: "costPerMessage", communityOps: "costPerPost",
};

/** CRM pushes go to customers: what they sell is repurchases (purchases), not new conversions. */
const purchases: Metric = { name: "purchases", expect: "≥", measure: final("purchases") };

/** Money levers for one strategy type: more budget buys more, a higher unit price buys less. */
function moneyLevers(type: StrategyType): Lever[] {
  const price = UNIT_PRICE[type];
  const sales = type === "crmTiers" ? purchases : conversions;
  return [
    {
      id: `${type}: budget ×2`, law: "14: money buys volume — more budget buys more", needs: type,
      pull: (s) => edit(s, (x) => { x.budget *= 2; }),
      metrics: [sales, reach],
    },
    {
      id: `${type}: ${price} ×2 at the same budget`, law: "14: money buys volume — a higher price buys less", needs: type,
      pull: (s) => edit(s, (x) => { x[price] = (x[price] ?? 1) * 2; }),
      metrics: [down(sales), down(reach)],
    },
  ];
}

const allCircles = (f: (c: Json) => void) => (s: ScenarioInput) => edit(s, (_, x) => x.population.circles.forEach(f));

/** Keep only strategy 0 of plan 0: the lever's effect is then the plan's. */
const alone = (s: ScenarioInput) => edit(s, (x, sc) => { sc.plans[0].strategies = [x]; });

/**
 * Circles alike in every trait but size and affinity, one of them (c0) the circle that wants the
 * product (affinity 0.8, every other at most 0.3), and broad ads alone in the plan: "the circle that
 * wants the product", ceteris paribus.
 */
function wantingCircle(s: ScenarioInput): ScenarioInput {
  return edit(alone(s), (x, sc) => {
    const [first, ...rest] = sc.population.circles;
    first.productAffinity = 0.8;
    sc.population.circles = [first, ...rest.map((c: Json) => ({ ...first, name: c.name, size: c.size, kols: c.kols, productAffinity: Math.min(0.3, c.productAffinity) }))];
    delete x.circles;
    x.lookalike = false;
  });
}

export const LEVERS: readonly Lever[] = [
  ...(["buyReposts", "kolSeeding", "creativeContent", "fanManagement", "socialAds", "crmTiers", "communityOps"] as const).flatMap(moneyLevers),
  {
    id: "buyReposts: more rounds at the same price", law: "11: buying more of the same thing at the same price never lowers results", needs: "buyReposts",
    pull: (s) => edit(s, (x, sc) => {
      const fit = Math.floor((sc.horizon - x.at.start) / x.at.every) + 1; // rounds that fit in the horizon
      const more = Math.min(fit, 2 * x.at.count);
      x.budget *= more / x.at.count;
      x.at.count = more;
    }),
    metrics: [conversions, reach, aware],
  },
  {
    id: "platform crackdown: a fifth of bought reach from the second round on", law: "16: a crackdown cuts the channel's own effect", needs: "buyReposts",
    pull: (s) => edit(s, (x) => { x.crackdown = { at: x.at.start + x.at.every, reach: 0.2 }; }),
    metrics: [
      { name: "the channel's own conversions", expect: "≤", measure: channel("s0-buyReposts", "lastTouch") },
      { name: "the channel's real impressions", expect: "≤", measure: channel("s0-buyReposts", "real") },
    ],
  },
  {
    id: "ads aimed at the circle that wants the product instead of everyone", law: "15: targeting never costs more per conversion than spraying", needs: "socialAds",
    prepare: wantingCircle,
    pull: (s) => edit(s, (x) => { x.circles = ["c0"]; }),
    metrics: [{ name: "cost per conversion", expect: "≤", measure: (r) => final("spend")(r) / Math.max(1, final("customers")(r)) }],
  },
  {
    id: "zombie share +0.3 at equal spend", law: "13: zombie or inactive followers dilute", needs: "buyReposts",
    pull: (s) => edit(s, (_, x) => { const b = x.network.bigAccounts; b.zombieShare = Math.min(1, b.zombieShare + 0.3); }),
    metrics: [down(conversions), down(reach)],
  },
  {
    id: "a calendar of 4 distinct pieces instead of one", law: "17: distinct touches convert where one repeated piece wears out", needs: "kolSeeding",
    pull: (s) => edit(s, (x) => { x.pieces = 4; }),
    metrics: [conversions, { name: "persuasive touches", expect: "≥", measure: final("engagements") }],
  },
  {
    id: "fan management: a calendar of 6 pieces instead of one", law: "17: distinct touches convert where one repeated piece wears out", needs: "fanManagement",
    pull: (s) => edit(s, (x) => { x.pieces = 6; }),
    metrics: [conversions],
  },
  {
    id: "fatigue rate ×2", law: "18: fatigue lowers response", needs: "kolSeeding",
    pull: allCircles((c) => { c.fatigueRate = Math.min(1, 2 * c.fatigueRate); }),
    metrics: [down(conversions)],
  },
  {
    id: "stronger repetition decay (δ ÷ 2)", law: "18: repetition lowers response", needs: "buyReposts",
    pull: allCircles((c) => { c.repetitionDecay /= 2; }),
    metrics: [down(conversions)],
  },
  {
    id: "more skepticism (α ×2)", law: "18: skepticism lowers response", needs: "socialAds",
    pull: allCircles((c) => { c.skepticism.alpha *= 2; }),
    metrics: [down(conversions)],
  },
  {
    id: "more trust (α ×2)", law: "18: trust never lowers response", needs: "kolSeeding",
    pull: allCircles((c) => { c.trust.alpha *= 2; }),
    metrics: [conversions],
  },
  {
    id: "better content (quality +0.2)", law: "18: quality never lowers response", needs: "kolSeeding",
    pull: (s) => edit(s, (x) => { x.content.quality = Math.min(1, x.content.quality + 0.2); }),
    metrics: [conversions],
  },
  {
    id: "brand fit +0.3", law: "18: brand fit lowers nothing", needs: "buyReposts",
    pull: (s) => edit(s, (x) => { x.content.brandFit = Math.min(1, x.content.brandFit + 0.3); }),
    metrics: [conversions, aware, reach],
  },
  {
    id: "one more opinion leader per circle at the same price", law: "18: relevant opinion leaders never lower response", needs: "kolSeeding",
    pull: (s) => edit(s, (x) => { x.budget *= (x.kolsPerCircle + 1) / x.kolsPerCircle; x.kolsPerCircle += 1; }),
    metrics: [conversions, reach],
  },
];
