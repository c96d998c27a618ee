/**
 * buyReposts: pay big accounts per repost; reported reach is large, real reach is cut by zombies;
 * optional crackdown. A budget buys reposts in schedule order (a round's accounts largest first).
 */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";

export function compileBuyReposts(ctx: CompileContext, s: StrategyOf<"buyReposts">, name: string): void {
  const ch = ctx.channel(name, s.type, s.budget);
  const pieces = ctx.calendar(s.content, s.pieces, name);
  const all = ctx.world.net.accounts.bigAccounts;
  const accounts = all.subarray(0, Math.min(all.length, s.accounts ?? all.length));
  const wallet = ctx.wallet(s.budget);
  ctx.ticks(s.at, s.budget).forEach((t, k) => {
    let paid = 0;
    while (paid < accounts.length && wallet.take(s.pricePerRepost)) paid++;
    if (paid === 0) return;
    const reach = s.crackdown && t + ctx.shift >= s.crackdown.at ? s.crackdown.reach : 1;
    const message = ctx.message(ch, pieces[k % pieces.length]);
    ctx.publish(t, { kind: "post", channel: ch, message, accounts: accounts.subarray(0, paid), cost: s.pricePerRepost * paid, reach });
  });
}
