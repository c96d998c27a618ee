/** crisis: a negative story starts with a few consumers at a tick and spreads like any content; fans resist and defend. */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import { Draw, type CompileContext } from "./plan.ts";

export function compileCrisis(ctx: CompileContext, s: StrategyOf<"crisis">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const content = ctx.content({ id: name, quality: s.severity, brandFit: 0 }, name, { valence: "negative" });
  const message = ctx.message(ch, content);
  const accounts = ctx.drawConsumers(Draw.sharers, name, s.sharers, ctx.circles(s.circles), () => 1);
  ctx.publish(s.at, { kind: "post", channel: ch, message, accounts, cost: 0, reach: 1 });
}
