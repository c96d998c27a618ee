/**
 * socialAds: impressions bought by CPM, spread evenly over the schedule, targeted by circle or
 * lookalike, under a frequency cap; tick k of the schedule carries piece k of the calendar.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileSocialAds(ctx: CompileContext, s: StrategyOf<"socialAds">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const pieces = ctx.calendar(s.content, s.pieces, name);
  const ticks = ctx.ticks(s.at, s.budget);
  const impressions = Math.floor((s.budget / s.cpm) * 1000 / ticks.length);
  if (impressions === 0) return;
  const audience = ctx.audience(ctx.circles(s.circles), s.frequencyCap);
  const weight = tieWeights(ctx.scenario.network).ad;
  ticks.forEach((t, k) => {
    const message = ctx.message(ch, pieces[k % pieces.length]);
    ctx.publish(t, { kind: "ads", channel: ch, message, impressions, audience, lookalike: s.lookalike, weight, cost: (impressions / 1000) * s.cpm });
  });
}
