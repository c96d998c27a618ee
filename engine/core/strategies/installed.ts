/** installedBase: customers (and fans) the brand already has at tick 0, drawn in proportion to circle affinity. */
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import { Draw, type CompileContext } from "./plan.ts";

export function compileInstalledBase(ctx: CompileContext, s: StrategyOf<"installedBase">, name: string): void {
  ctx.channel(name, s.type);
  const k = Math.round(s.customers * ctx.world.pop.consumers);
  const circles = ctx.scenario.population.circles;
  const customers = ctx.drawConsumers(Draw.installed, name, k, ctx.circles(), (c) => circles[c].productAffinity);
  ctx.installedCustomers = customers;
  ctx.installedFans = customers.subarray(0, Math.round(s.fans * customers.length));
}
