/**
 * fanManagement: months of steady cultivation. A fan club recruits members (by circle size × affinity,
 * from all circles or the ones it targets) and
 * every customer while it runs; each event feeds members the next piece of the calendar and turns
 * some customers into fans. Fans then post unprompted (product.fanPostRate), which outlives the
 * spend. Money buys events (costPerEvent) and members (costPerRecruit): a budget pays the events in
 * order, and what is left buys members, spread evenly over the events.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileFanManagement(ctx: CompileContext, s: StrategyOf<"fanManagement">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const club = ctx.group(`${name} club`, "club");
  ctx.club = club;
  ctx.clubUntil = s.start + ctx.shift + s.duration;
  const pieces = ctx.calendar(s.content, s.pieces, name);
  // Members opted in and the club talks with them one to one: they hear it like a friend (strong-tie weight).
  const weight = tieWeights(ctx.scenario.network).strong;
  const events: number[] = [];
  for (let t = s.start; t < s.start + s.duration && t + ctx.shift <= ctx.scenario.horizon; t += s.eventsEvery) events.push(t);
  // Members in all: recruitPerEvent at each event, or what the budget leaves after the events; never more than there are consumers.
  const E = events.length;
  const wanted = s.budget === undefined || s.costPerRecruit === 0
    ? s.recruitPerEvent * E
    : Math.floor(Math.max(0, s.budget - E * s.costPerEvent) / s.costPerRecruit);
  const pool = ctx.circles(s.circles).reduce((n, c) => n + ctx.world.pop.circleStart[c + 1] - ctx.world.pop.circleStart[c], 0);
  const members = Math.min(wanted, pool);
  const recruitFrom = ctx.circles(s.circles);
  const wallet = ctx.wallet(s.budget);
  events.forEach((t, k) => {
    const count = Math.floor(((k + 1) * members) / E) - Math.floor((k * members) / E);
    if (!wallet.take(s.costPerEvent + count * s.costPerRecruit)) return;
    ctx.publish(t, { kind: "recruit", channel: ch, group: club, circles: recruitFrom, count, cost: s.costPerEvent + count * s.costPerRecruit, costPerRecruit: s.costPerRecruit });
    ctx.publish(t, { kind: "group", channel: ch, message: ctx.message(ch, pieces[k % pieces.length], club), group: club, weight, cost: 0, costPerMember: 0 });
    ctx.publish(t, { kind: "perk", channel: ch, group: club, fanRate: s.fanRate, cost: 0 });
  });
}
