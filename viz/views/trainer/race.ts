/**
 * The race's data, pure functions: every plan traced on the same world runs against one clock. Each
 * plan's paid actions (the ticks its spend rises: a post bought, an ad flight, a push) mark the
 * timeline, its last one says when its payments stop; the standings rank the plans at a tick.
 */
import { table } from "../../export/csv.ts";
import type { Replay } from "./data.ts";

/** Ticks at which the plan paid for something (its cumulative spend rose), in order. */
export function paidTicks(r: Replay): number[] {
  const spend = r.trace.series.spend;
  if (!spend) return [];
  const out: number[] = [];
  for (let t = 0; t < spend.length; t++) if (spend[t] > (t > 0 ? spend[t - 1] : 0)) out.push(t);
  return out;
}

export interface Standing {
  plan: string;
  customers: number;
  reached: number;
  fans: number;
}

/** The plans at tick t, most customers first (then most reached; then plan order). */
export function standings(lanes: readonly { plan: string; r: Replay }[], t: number): Standing[] {
  const rows = lanes.map(({ plan, r }, k) => {
    const fan = r.trace.states.indexOf("fan");
    return { k, plan, customers: r.customers[t], reached: r.ever[1]?.[t] ?? 0, fans: fan >= 0 ? r.occupancy[fan][t] : 0 };
  });
  rows.sort((a, b) => b.customers - a.customers || b.reached - a.reached || a.k - b.k);
  return rows.map(({ k: _, ...s }) => s);
}

/** What a prediction turned out to be, said plainly once the race is over. */
export function verdictOf(final: readonly Standing[], pick: string): { right: boolean; text: string } {
  const [first] = final;
  const tied = final.filter((s) => s.customers === first.customers).map((s) => s.plan);
  const mine = final.find((s) => s.plan === pick);
  const right = tied.includes(pick);
  const lead = tied.length > 1 ? `${tied.join(" and ")} tied with ${first.customers.toLocaleString("en-US")} customers` : `${first.plan} won with ${first.customers.toLocaleString("en-US")} customers`;
  return { right, text: right ? `You called it: ${lead}.` : `${lead}; your pick, ${pick}, won ${(mine?.customers ?? 0).toLocaleString("en-US")}.` };
}

/** The race tick by tick: for every tick and plan, customers won, consumers reached and fans, and whether it paid for something. */
export function raceCsv(lanes: readonly { plan: string; r: Replay }[]): string {
  const rows: (string | number)[][] = [];
  const paid = lanes.map((l) => new Set(paidTicks(l.r)));
  for (let t = 0; t < lanes[0].r.ticks; t++)
    for (const s of standings(lanes, t)) {
      const k = lanes.findIndex((l) => l.plan === s.plan);
      rows.push([t, t * lanes[0].r.trace.tickDays, s.plan, s.customers, s.reached, s.fans, paid[k].has(t) ? 1 : 0]);
    }
  return table(["tick", "day", "plan", "customers", "reached", "fans", "paid_action"], rows);
}
