/**
 * compilePlan: a plan's strategies and raw actions → a CompiledPlan the social model executes.
 * Strategy names default to their type (numbered when a type repeats) and name their channel.
 */
import { tieWeights } from "../../../scenarios/schema/network.ts";
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import type { Plan } from "../../../scenarios/schema/plans.ts";
import { typeNamer } from "../../../scenarios/schema/names.ts";
import type { BaseStrategy, Strategy, StrategyOf } from "../../../scenarios/schema/strategies.ts";
import { ScenarioError } from "../../errors.ts";
import type { World } from "../world.ts";
import { compileSocialAds } from "./ads.ts";
import { compileCommunityOps } from "./community.ts";
import { compileCrisis } from "./crisis.ts";
import { compileCrmTiers } from "./crm.ts";
import { compileCreativeContent } from "./creative.ts";
import { compileFanManagement } from "./fans.ts";
import { compileInstalledBase } from "./installed.ts";
import { compileKolSeeding } from "./kols.ts";
import { CompileContext, type CompiledPlan } from "./plan.ts";
import { compileBuyReposts } from "./reposts.ts";

function compileBase(ctx: CompileContext, s: BaseStrategy, name: string): void {
  switch (s.type) {
    case "buyReposts": return compileBuyReposts(ctx, s, name);
    case "creativeContent": return compileCreativeContent(ctx, s, name);
    case "kolSeeding": return compileKolSeeding(ctx, s, name);
    case "fanManagement": return compileFanManagement(ctx, s, name);
    case "crmTiers": return compileCrmTiers(ctx, s, name);
    case "communityOps": return compileCommunityOps(ctx, s, name);
    case "socialAds": return compileSocialAds(ctx, s, name);
    case "crisis": return compileCrisis(ctx, s, name);
    case "installedBase": return compileInstalledBase(ctx, s, name);
  }
}

/** repeatCase: the same strategy (same content, so the same case) in waves `spacing` ticks apart. */
function compileRepeatCase(ctx: CompileContext, s: StrategyOf<"repeatCase">, name: string): void {
  const starts: number[] = [];
  for (let k = 0; k < s.waves; k++) {
    ctx.shift = k * s.spacing;
    ctx.channelSuffix = ` wave ${k + 1}`;
    const before = new Set(ctx.byTick.keys());
    compileBase(ctx, s.strategy, name); // same name in every wave: same content ids, so the same case
    const added = [...ctx.byTick.keys()].filter((t) => !before.has(t) || k === 0);
    starts.push(k === 0 ? Math.min(...added, Infinity) : starts[0] + k * s.spacing);
  }
  ctx.shift = 0;
  ctx.channelSuffix = "";
  ctx.waves.push({ strategy: name, starts, spacing: s.spacing });
}

/** Default names: the type, numbered from the second unnamed use of a type on. */
export function strategyNames(strategies: readonly Strategy[]): string[] {
  const name = typeNamer();
  return strategies.map((s) => s.name || name(s.type));
}

export function compilePlan(world: World, plan: Plan, planIndex = 0): CompiledPlan {
  const ctx = new CompileContext(world);
  const names = strategyNames(plan.strategies);
  plan.strategies.forEach((s, k) => (s.type === "repeatCase" ? compileRepeatCase(ctx, s, names[k]) : compileBase(ctx, s, names[k])));
  plan.actions.forEach((a, k) => {
    const ch = ctx.channel(`action ${k + 1}`, a.type);
    const message = ctx.message(ch, ctx.content(a.content, a.content));
    const circles = ctx.circles(a.circles);
    const audience = a.type === "ads" ? ctx.audience(circles, a.frequencyCap) : -1;
    for (const t of scheduleTicks(a.at)) {
      if (a.type === "ads") {
        const weight = tieWeights(world.scenario.network).ad;
        ctx.publish(t, { kind: "ads", channel: ch, message, impressions: a.impressions, audience, lookalike: false, weight, cost: (a.impressions / 1000) * a.cpm });
        continue;
      }
      const acc = world.net.accounts;
      const accounts = a.from === "brand" ? new Int32Array([acc.brand])
        : a.from === "bigAccounts" ? acc.bigAccounts.subarray(0, a.count)
        : Int32Array.from([...circles].flatMap((c) => [...(acc.kolsByCircle[c] ?? new Int32Array(0)).subarray(0, a.count)]));
      ctx.publish(t, { kind: "post", channel: ch, message, accounts, cost: a.cost * accounts.length, reach: 1 });
    }
  });
  const organic = ctx.channel("fans (organic)", "organic");
  const fanPostMessage = ctx.message(organic, ctx.content({ id: "fan-word-of-mouth", quality: 0.6, brandFit: 0.8 }, "fans"));
  const defenseMessage = ctx.message(organic, ctx.content({ id: "fan-defense", quality: 0.6, brandFit: 0.5 }, "fans"));

  const budget = plan.budget ?? Infinity;
  if (ctx.plannedCost > budget + 1e-9)
    throw new ScenarioError(
      [{ path: `plans[${planIndex}].budget`, message: `expected at least the planned cost ${Math.ceil(ctx.plannedCost)} of the plan's strategies`, received: String(budget) }],
      `plan "${plan.name}"`,
      `plan "${plan.name}" is over budget`,
    );
  const byTick = ctx.byTick;
  // A channel's allotment: its budget, or what its schedule costs as planned (unspent = allotment − spend).
  const allotted = Float64Array.from(ctx.channels, (c, k) => (Number.isFinite(c.budget) ? c.budget : ctx.planned[k]));
  return {
    name: plan.name, budget, contents: ctx.contents, caseCount: ctx.cases.length, messages: ctx.messages,
    channels: ctx.channels, allotted, audiences: ctx.audiences, groups: ctx.groups, club: ctx.club, clubUntil: ctx.clubUntil, tierGroups: ctx.tierGroups,
    organic, fanPostMessage, defenseMessage, installedCustomers: ctx.installedCustomers, installedFans: ctx.installedFans,
    waves: ctx.waves, plannedCost: ctx.plannedCost,
    at: (t) => byTick.get(t) ?? NONE,
  };
}

const NONE: readonly never[] = [];
