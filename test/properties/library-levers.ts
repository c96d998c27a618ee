/**
 * The planning questions of the flagship scenario (library three-stages), each as lever → direction on
 * paired replicates: the rows a planner asks first. Shared by test/properties/library.test.ts and
 * bench/levers.ts (which prints them with their intervals for the notes).
 */
import { readFileSync } from "node:fs";
import type { ScenarioInput } from "../../scenarios/schema/scenario.ts";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { runPlan, type RunResult } from "../../engine/core/run.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { Paired } from "./paired.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { channel, final, type Metric } from "./levers.ts";
import { column } from "../../engine/core/collect/collector.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function library(name: string): ScenarioInput & Json {
  return JSON.parse(readFileSync(`${LIBRARY_DIR}/${name}.json`, "utf8"));
}

export interface Row {
  readonly id: string;
  readonly law: string;
  /** The scenario as it is (a) and with the lever pulled (b); the plan compared, by name. */
  readonly a: ScenarioInput;
  readonly b: ScenarioInput;
  readonly plan: string;
  readonly metrics: readonly Metric[];
}

const plan = (s: Json, name: string) => s.plans.find((p: Json) => p.name === name);
const variant = (s: ScenarioInput, f: (s: Json) => void): ScenarioInput => {
  const c = structuredClone(s);
  f(c);
  return c;
};
const conversions: Metric = { name: "conversions", expect: "≥", measure: final("customers") };
const down = (m: Metric): Metric => ({ ...m, expect: "≤" });

/** Conversions of a plan whose last touch was the plan's own (bought) or a reshare of its content (earned), at tick t. */
export const ownConversions = (r: RunResult, t: number) => column(r.series, "customersBought")[t] + column(r.series, "customersEarned")[t];

export function threeStagesRows(): Row[] {
  const s = library("three-stages");
  const reposts = (n: number) => variant(s, (c) => {
    const p = plan(c, "repost-buying");
    const st = p.strategies[0];
    st.budget = st.pricePerRepost * 6 * n;
    p.budget = st.budget;
    st.at.count = n;
  });
  const zombies = (z: number) => variant(s, (c) => { c.network.bigAccounts.zombieShare = z; });
  const fans = plan(s, "fan-management").strategies[0];
  return [
    { id: "repost rounds 4 → 8 at the same price", law: "11", a: reposts(4), b: reposts(8), plan: "repost-buying", metrics: [conversions, { name: "brand awareness", expect: "≥", measure: final("brandAware") }] },
    { id: "repost rounds 8 → 16 at the same price", law: "11", a: reposts(8), b: reposts(16), plan: "repost-buying", metrics: [conversions, { name: "brand awareness", expect: "≥", measure: final("brandAware") }] },
    { id: "zombie share 0.2 → 0.9 at equal spend", law: "13", a: zombies(0.2), b: zombies(0.9), plan: "repost-buying", metrics: [down(conversions), down({ name: "real reach", expect: "≥", measure: final("reach") })] },
    {
      id: "platform crackdown: 80 % of bought reach cut from day 14", law: "16", a: s,
      b: variant(s, (c) => { plan(c, "repost-buying").strategies[0].crackdown = { at: 14, reach: 0.2 }; }),
      plan: "repost-buying", metrics: [
        down({ name: "the channel's own conversions", expect: "≤", measure: channel("buyReposts", "lastTouch") }),
        down({ name: "real reach", expect: "≤", measure: final("reach") }),
      ],
    },
    {
      id: "fan management budget ×2", law: "14", a: s,
      b: variant(s, (c) => { const p = plan(c, "fan-management"); p.budget *= 2; p.strategies[0].budget = 2 * (fans.budget ?? 0); }),
      plan: "fan-management", metrics: [conversions],
    },
    {
      id: "fan management: cost per member ×2 at the same budget", law: "14", a: s,
      b: variant(s, (c) => { plan(c, "fan-management").strategies[0].costPerRecruit = 2 * (fans.costPerRecruit ?? 5); }),
      plan: "fan-management", metrics: [down(conversions)],
    },
  ];
}

const costPerConversion: Metric = { name: "cost per conversion", expect: "≤", measure: (r) => final("spend")(r) / Math.max(1, final("customers")(r)) };

/** Library social-ads: the same spend aimed at the circle that wants the product, against spread over everyone, small and large. */
export function adRows(): Row[] {
  const s = library("social-ads");
  const at = (budget: number, targeted: boolean) => variant(s, (c) => {
    const broad = plan(c, "broad");
    broad.budget = broad.strategies[0].budget = budget;
    if (targeted) broad.strategies[0].circles = ["skincare-fans"];
  });
  return [500, 4000].map((B) => ({
    id: `ads ${B}: aimed at the circle that wants the product instead of everyone`, law: "15",
    a: at(B, false), b: at(B, true), plan: "broad", metrics: [costPerConversion],
  }));
}

/**
 * Runs by (scenario, plan, replicate), kept for the process: the rows share their baselines (the
 * flagship as it is appears in several rows), so each run is computed once.
 */
const runs = new Map<string, RunResult>();
const worlds = new Map<string, ReturnType<typeof buildWorld>>();
export function cachedRun(s: Scenario, plan: number, r: number): RunResult {
  const text = JSON.stringify(s);
  const key = `${text}|${plan}|${r}`;
  let run = runs.get(key);
  if (!run) {
    const wk = `${text}|${r}`;
    let w = worlds.get(wk);
    if (!w) worlds.set(wk, (w = buildWorld(s, r)));
    runs.set(key, (run = runPlan(w, s.plans[plan], { planIndex: plan })));
  }
  return run;
}

/** A row's paired measurements on replicates 0 … R − 1, from the cache. */
export function pairedRow(row: Row, R: number): Paired[] {
  const a = loadScenario(row.a), b = loadScenario(row.b);
  const plan = a.plans.findIndex((p) => p.name === row.plan);
  const m = (s: Scenario, r: number) => row.metrics.map((x) => x.measure(cachedRun(s, plan, r)));
  const ra = Array.from({ length: R }, (_, r) => m(a, r)), rb = Array.from({ length: R }, (_, r) => m(b, r));
  return row.metrics.map((_, k) => ({ a: Float64Array.from(ra, (x) => x[k]), b: Float64Array.from(rb, (x) => x[k]) }));
}

/** Runs of each plan of a library scenario on replicates 0 … R − 1. */
function runsOf(name: string, R: number) {
  const s = loadScenario(library(name));
  return { s, runs: s.plans.map((_, k) => Array.from({ length: R }, (_, r) => cachedRun(s, k, r))) };
}

/**
 * Three-stages after the payments stop: the repost plan's own conversions (bought or earned) by
 * `from` = last payment + the lag a purchase takes (99 % of geometric waits at γ end within it), and
 * what they and fans' posts add afterwards; the fan plan before and after its spend stops (day 180).
 */
export function paymentsStop(R: number) {
  const { s, runs } = runsOf("three-stages", R);
  const p = s.plans.findIndex((x) => x.name === "repost-buying");
  const fp = s.plans.findIndex((x) => x.name === "fan-management");
  const last = Math.max(...runs[p].map((r) => lastPayment(r)));
  const from = last + Math.ceil(Math.log(0.01) / Math.log(1 - s.product.conversionRate));
  const H = s.horizon;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    last, from,
    own: { before: mean(runs[p].map((r) => ownConversions(r, from))), after: mean(runs[p].map((r) => ownConversions(r, H) - ownConversions(r, from))) },
    ownAfter: runs[p].map((r) => ownConversions(r, H) - ownConversions(r, from)),
    ownTotal: runs[p].map((r) => ownConversions(r, H)),
    fans: mean(runs[p].map((r) => column(r.series, "customersFans")[H] - column(r.series, "customersFans")[from])),
    fanPlan: { before: mean(runs[fp].map((r) => column(r.series, "customers")[180])), after: mean(runs[fp].map((r) => column(r.series, "customers")[H] - column(r.series, "customers")[180])) },
  };
}

/** The last tick with spend. */
function lastPayment(r: RunResult): number {
  const spend = column(r.series, "spend");
  let t = spend.length - 1;
  while (t > 0 && spend[t] === spend[t - 1]) t--;
  return t;
}

/** Share of young mothers who bought, per plan of three-stages. */
export function mothersByPlan(R: number) {
  const { s, runs } = runsOf("three-stages", R);
  const c = s.population.circles.findIndex((x) => x.name === "young-mothers");
  const C = s.population.circles.length;
  return s.plans.map((p, k) => ({
    plan: p.name,
    share: runs[k].reduce((a, r) => a + r.series.circleValues[(C + c) * r.series.rows + s.horizon], 0) / R / s.population.circles[c].size,
  }));
}
