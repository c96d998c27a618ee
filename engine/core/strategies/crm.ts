/**
 * crmTiers: pushes to customers by value tier. Personalised pushes read like a friend's note (no
 * skepticism discount, fit 1 everywhere, strong-tie weight); synchronised ones are brand broadcasts.
 * A persuasive push to a customer can trigger a repurchase (product.tiers.repurchase). Push k carries
 * piece k of the calendar; it costs per member pushed, so a budget is spent at run time.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileCrmTiers(ctx: CompileContext, s: StrategyOf<"crmTiers">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const personal = s.mode === "personalised";
  const pieces = ctx.calendar(s.content, s.pieces, name, (c) => personal
    ? { ...c, id: `${c.id}~personal`, case: c.case ?? c.id, paid: false, fit: {}, fitDefault: 1 }
    : { ...c, id: `${c.id}~broadcast`, case: c.case ?? c.id, paid: true });
  const w = tieWeights(ctx.scenario.network);
  const ticks = ctx.ticks(s.at, s.budget);
  for (const tier of s.tiers) {
    const group = ctx.tierGroup(tier);
    ticks.forEach((t, k) => {
      const message = ctx.message(ch, pieces[k % pieces.length], group);
      ctx.publish(t, { kind: "group", channel: ch, message, group, weight: personal ? w.strong : w.brand, cost: 0, costPerMember: s.costPerMessage });
    });
  }
}
