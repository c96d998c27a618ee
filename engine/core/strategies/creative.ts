/**
 * creativeContent: pieces of hit-or-miss quality published by the brand account on a cadence,
 * optionally promoted with ads. A budget buys pieces (production and promotion) in order.
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";
import { tieWeights } from "../../../scenarios/schema/network.ts";

export function compileCreativeContent(ctx: CompileContext, s: StrategyOf<"creativeContent">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const brand = new Int32Array([ctx.world.net.accounts.brand]);
  const adWeight = tieWeights(ctx.scenario.network).ad;
  const p = s.promotion;
  const audience = p ? ctx.audience(ctx.circles(p.circles), p.frequencyCap) : -1;
  const promotionCost = p ? (p.impressions / 1000) * p.cpm : 0;
  const wallet = ctx.wallet(s.budget);
  for (let k = 0; k < s.pieces && wallet.take(s.productionCost + promotionCost); k++) {
    const t = s.start + k * s.every;
    const message = ctx.message(ch, ctx.content({ id: `${name}#${k + 1}`, quality: s.quality, brandFit: s.brandFit }, name));
    ctx.publish(t, { kind: "post", channel: ch, message, accounts: brand, cost: s.productionCost, reach: 1 });
    if (p) ctx.publish(t, { kind: "ads", channel: ch, message, impressions: p.impressions, audience, lookalike: false, weight: adWeight, cost: promotionCost });
  }
}
