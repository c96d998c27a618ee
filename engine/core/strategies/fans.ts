/**
 * fanManagement: months of steady cultivation. A fan club recruits members (by circle affinity) and
 * every customer while it runs; each event feeds members value content and turns some customers
 * into fans. Fans then post unprompted (product.fanPostRate), which outlives the spend.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileFanManagement(ctx: CompileContext, s: StrategyOf<"fanManagement">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const club = ctx.group(`${name} club`, "club");
  ctx.club = club;
  ctx.clubUntil = s.start + ctx.shift + s.duration;
  const message = ctx.message(ch, ctx.content(s.content, name), club);
  const weight = tieWeights(ctx.scenario.network).brand;
  const costPerEvent = (s.costPerMonth * s.eventsEvery) / 30;
  for (let t = s.start; t < s.start + s.duration; t += s.eventsEvery) {
    ctx.publish(t, { kind: "recruit", channel: ch, group: club, count: s.recruitPerEvent, cost: costPerEvent });
    ctx.publish(t, { kind: "group", channel: ch, message, group: club, weight, cost: 0, costPerMember: 0 });
    ctx.publish(t, { kind: "perk", channel: ch, group: club, fanRate: s.fanRate, cost: 0 });
  }
}
