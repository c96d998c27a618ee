/** buyReposts: pay big accounts per repost; reported reach is large, real reach is cut by zombies; optional crackdown. */
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";

export function compileBuyReposts(ctx: CompileContext, s: StrategyOf<"buyReposts">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const message = ctx.message(ch, ctx.content(s.content, name));
  const all = ctx.world.net.accounts.bigAccounts;
  const accounts = all.subarray(0, Math.min(all.length, s.accounts ?? all.length));
  for (const t of scheduleTicks(s.at)) {
    const reach = s.crackdown && t + ctx.shift >= s.crackdown.at ? s.crackdown.reach : 1;
    ctx.publish(t, { kind: "post", channel: ch, message, accounts, cost: s.pricePerRepost * accounts.length, reach });
  }
}
