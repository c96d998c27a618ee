/**
 * kolSeeding: circle → KOL → content. Target the most relevant circles first (by product affinity),
 * have their opinion leaders post, with the piece adapted to each circle's language.
 */
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import type { StrategyOf } from "../../../scenarios/schema/strategies.ts";
import type { CompileContext } from "./plan.ts";

/** The n circles with the highest product affinity (ties broken by order in the scenario). */
export function topCirclesByAffinity(ctx: CompileContext, n: number): Int32Array {
  const circles = ctx.scenario.population.circles.map((c, k) => ({ k, a: c.productAffinity }));
  circles.sort((x, y) => y.a - x.a || x.k - y.k);
  return Int32Array.from(circles.slice(0, n), (c) => c.k);
}

export function compileKolSeeding(ctx: CompileContext, s: StrategyOf<"kolSeeding">, name: string): void {
  const ch = ctx.channel(name, s.type);
  const targets = s.circles ? ctx.circles(s.circles) : topCirclesByAffinity(ctx, s.topCircles);
  const base = ctx.contents[ctx.content(s.content, name)];
  for (const c of targets) {
    const circle = ctx.scenario.population.circles[c].name;
    const content = s.adaptFit
      ? ctx.content(s.content, name, { id: `${base.id}@${circle}`, case: ctx.cases[base.caseIndex], fit: { ...fitOf(ctx, base.fit), [circle]: 1 } })
      : ctx.contents.indexOf(base);
    const message = ctx.message(ch, content);
    const accounts = (ctx.world.net.accounts.kolsByCircle[c] ?? new Int32Array(0)).subarray(0, s.kolsPerCircle);
    if (accounts.length === 0) continue;
    scheduleTicks(s.at).forEach((t, k) => {
      const adaptation = s.adaptFit && k === 0 ? s.adaptationCost : 0;
      ctx.publish(t, { kind: "post", channel: ch, message, accounts, cost: s.pricePerPost * accounts.length + adaptation, reach: 1 });
    });
  }
}

function fitOf(ctx: CompileContext, fit: Float64Array): Record<string, number> {
  return Object.fromEntries(ctx.scenario.population.circles.map((c, k) => [c.name, fit[k]]));
}
