/**
 * Plan actions → per-tick publications. Each action is one message (its index in the plan), so
 * every exposure, share and conversion can be traced back to the action that caused it.
 */
import { scheduleTicks } from "../../../scenarios/schema/common.ts";
import { TieWeights } from "../../../scenarios/schema/network.ts";
import type { Plan } from "../../../scenarios/schema/plans.ts";
import type { World } from "../world.ts";

export type Publication =
  | { kind: "post"; message: number; accounts: Int32Array; cost: number }
  | { kind: "ads"; message: number; impressions: number; pool: Int32Array; weight: number; cost: number };

export interface CompiledPlan {
  readonly messages: { content: number }[];
  at(t: number): readonly Publication[];
}

const DEFAULT_AD_WEIGHT = TieWeights.parse({}).ad;

export function compileActions(world: World, plan: Plan): CompiledPlan {
  const s = world.scenario;
  const { pop, net } = world;
  const circleIndex = (name: string) => s.population.circles.findIndex((c) => c.name === name);
  const byTick = new Map<number, Publication[]>();
  const messages: { content: number }[] = [];
  plan.actions.forEach((a, message) => {
    const content = s.contents.findIndex((c) => c.id === a.content);
    messages.push({ content });
    const circles = a.circles ? a.circles.map(circleIndex) : Array.from({ length: pop.circleCount }, (_, c) => c);
    let pub: Publication;
    if (a.type === "post") {
      let accounts: number[];
      if (a.from === "brand") accounts = [net.accounts.brand];
      else if (a.from === "bigAccounts") accounts = [...net.accounts.bigAccounts.subarray(0, a.count)];
      else accounts = circles.flatMap((c) => [...(net.accounts.kolsByCircle[c] ?? []).subarray(0, a.count)]);
      pub = { kind: "post", message, accounts: Int32Array.from(accounts), cost: a.cost * accounts.length };
    } else {
      const pool = Int32Array.from(circles.flatMap((c) => range(pop.circleStart[c], pop.circleStart[c + 1])));
      const weight = s.network.kind === "circles" ? s.network.weights.ad : DEFAULT_AD_WEIGHT;
      pub = { kind: "ads", message, impressions: a.impressions, pool, weight, cost: (a.impressions / 1000) * a.cpm };
    }
    for (const t of scheduleTicks(a.at)) {
      const list = byTick.get(t);
      if (list) list.push(pub);
      else byTick.set(t, [pub]);
    }
  });
  return { messages, at: (t) => byTick.get(t) ?? NONE };
}

const NONE: readonly Publication[] = [];

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo }, (_, k) => lo + k);
}
