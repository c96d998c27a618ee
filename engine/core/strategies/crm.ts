/**
 * crmTiers: pushes to customers by value tier. Personalised pushes read like a friend's note (no
 * skepticism discount, fit 1 everywhere, strong-tie weight); synchronised ones are brand broadcasts.
 * A persuasive push to a customer can trigger a repurchase (product.tiers.repurchase).
 */
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileCrmTiers(ctx: CompileContext, s: StrategyOf<"crmTiers">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const base = ctx.contents[ctx.content(s.content, name)];
  const personal = s.mode === "personalised";
  const content = ctx.content(s.content, name, personal
    ? { id: `${base.id}~personal`, case: ctx.cases[base.caseIndex], paid: false, fit: {}, fitDefault: 1 }
    : { id: `${base.id}~broadcast`, case: ctx.cases[base.caseIndex], paid: true });
  const w = tieWeights(ctx.scenario.network);
  for (const tier of s.tiers) {
    const group = ctx.tierGroup(tier);
    const message = ctx.message(ch, content, group);
    for (const t of scheduleTicks(s.at))
      ctx.publish(t, { kind: "group", channel: ch, message, group, weight: personal ? w.strong : w.brand, cost: 0, costPerMember: s.costPerMessage });
  }
}
