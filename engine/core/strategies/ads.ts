/** socialAds: impressions bought by CPM, spread evenly over the schedule, targeted by circle or lookalike. */
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileSocialAds(ctx: CompileContext, s: StrategyOf<"socialAds">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const message = ctx.message(ch, ctx.content(s.content, name));
  const ticks = scheduleTicks(s.at);
  const impressions = Math.floor((s.budget / s.cpm) * 1000 / ticks.length);
  if (impressions === 0) return;
  const weight = tieWeights(ctx.scenario.network).ad;
  for (const t of ticks)
    ctx.publish(t, {
      kind: "ads", channel: ch, message, impressions, circles: ctx.circles(s.circles),
      lookalike: s.lookalike, weight, cost: (impressions / 1000) * s.cpm,
    });
}
