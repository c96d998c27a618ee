/** creativeContent: pieces of hit-or-miss quality published by the brand on a cadence, optionally promoted with ads. */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileCreativeContent(ctx: CompileContext, s: StrategyOf<"creativeContent">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const brand = new Int32Array([ctx.world.net.accounts.brand]);
  const adWeight = tieWeights(ctx.scenario.network).ad;
  for (let k = 0; k < s.pieces; k++) {
    const t = s.start + k * s.every;
    const message = ctx.message(ch, ctx.content({ id: `${name}#${k + 1}`, quality: s.quality, brandFit: s.brandFit }, name));
    ctx.publish(t, { kind: "post", channel: ch, message, accounts: brand, cost: s.productionCost, reach: 1 });
    const p = s.promotion;
    if (p)
      ctx.publish(t, {
        kind: "ads", channel: ch, message, impressions: p.impressions, circles: ctx.circles(p.circles),
        lookalike: false, weight: adWeight, cost: (p.impressions / 1000) * p.cpm,
      });
  }
}
