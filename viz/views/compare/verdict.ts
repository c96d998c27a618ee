/**
 * The answer first: which plan wins on the planner's goal, in how many of the matched worlds, by how
 * much (paired difference with its 95 % interval), at what cost, and the main caveat, every sentence
 * computed from this run's numbers. Plans are compared on the same worlds with common random
 * numbers, so "wins in 17 of 20 worlds" counts the replicates where the winner did better.
 */
import { pairedDifference, type PairedDifference, type Simulation } from "../../../engine/viewer.ts";
import { fmtExact, withCurrency } from "../../charts/format.ts";
import { metricUnit } from "./data.ts";

/** The goals a planner can ask about: the final metric, and whether more is better. */
export const GOALS = [
  { value: "customers", label: "Conversions" },
  { value: "roi", label: "Return on spend" },
  { value: "reach", label: "Real reach" },
  { value: "fans", label: "Fans" },
] as const;
export type Goal = (typeof GOALS)[number]["value"];

export interface Verdict {
  goal: Goal;
  /** The headline and the sentences under it, plain text. */
  headline: string;
  lines: string[];
  /** Plans in order of their mean on the goal, best first. */
  ranking: { plan: string; mean: number }[];
  /** Winner minus runner-up, paired (absent with one plan). */
  lead?: PairedDifference;
  /** The lead's interval excludes zero. */
  clear: boolean;
}

const fmt = (metric: string, x: number, currency?: string) =>
  metricUnit(metric) === "money" ? withCurrency(fmtExact(x, "money"), currency) : fmtExact(x, metricUnit(metric));
/** A difference of two values: percentage points for ratios (ROI 150 % − 40 % is 110 points). */
const fmtDiff = (metric: string, x: number) => (metricUnit(metric) === "ratio" ? `${fmtExact(x * 100)} points` : fmt(metric, x));
const mean = (s: Simulation, p: number, m: string) => s.plans[p].final[m]?.mean ?? NaN;

/** Goals this simulation can answer (the classic models have no ROI or fans). */
export function goalsOf(s: Simulation): Goal[] {
  return GOALS.map((g) => g.value).filter((g) => s.plans.every((p) => g in p.perReplicate && Number.isFinite(p.final[g]?.mean)));
}

export function verdict(s: Simulation, goal: Goal): Verdict {
  const label = GOALS.find((g) => g.value === goal)!.label.toLowerCase();
  const order = s.plans.map((_, p) => p).sort((a, b) => mean(s, b, goal) - mean(s, a, goal) || a - b);
  const ranking = order.map((p) => ({ plan: s.plans[p].plan, mean: mean(s, p, goal) }));
  const [w, r] = order;
  const winner = s.plans[w];
  const lines: string[] = [];
  if (r === undefined) {
    return { goal, headline: `${winner.plan}: ${fmt(goal, mean(s, w, goal))} ${label} (mean of ${s.provenance.replicates} replicates)`, lines, ranking, clear: false };
  }
  const lead = pairedDifference(winner, s.plans[r], goal);
  const clear = lead.n > 1 && lead.low > 0;
  const wins = Math.round(lead.pBeats * lead.n);
  const headline = lead.n < 2
    ? `${winner.plan} leads on ${label} in the one matched world so far`
    : clear
    ? `${winner.plan} wins on ${label}: it beat ${s.plans[r].plan} in ${wins} of ${lead.n} matched worlds`
    : lead.mean === 0
      ? `No clear winner on ${label}: ${winner.plan} and ${s.plans[r].plan} are level in the mean over ${lead.n} matched worlds`
      : `No clear winner on ${label}: ${winner.plan} leads ${s.plans[r].plan} but beat it in only ${wins} of ${lead.n} matched worlds`;
  lines.push(
    `${winner.plan} ${fmt(goal, mean(s, w, goal))} against ${fmt(goal, mean(s, r, goal))}: ` +
      (lead.n < 2
        ? `a lead of ${fmtDiff(goal, lead.mean)} (one world: no interval yet).`
        : `a lead of ${fmtDiff(goal, lead.mean)} (95 % interval ${fmtDiff(goal, lead.low)} to ${fmtDiff(goal, lead.high)}${clear ? "" : ", which includes no difference"}).`),
  );
  const spend = mean(s, w, "spend"), cpc = mean(s, w, "costPerConversion"), cur = s.scenario.currency;
  if (Number.isFinite(spend))
    lines.push(`It spent ${fmt("spend", spend, cur)}${Number.isFinite(cpc) ? `, ${fmt("costPerConversion", cpc, cur)} per conversion` : ""}${Number.isFinite(mean(s, r, "spend")) ? ` (${s.plans[r].plan}: ${fmt("spend", mean(s, r, "spend"), cur)})` : ""}.`);
  const caveat = caveatOf(s, w);
  if (caveat) lines.push(caveat);
  return { goal, headline, lines, ranking, lead, clear };
}

/** The winner's main caveat: impressions that were never real, money left unspent, or a result that rests on a few worlds. */
function caveatOf(s: Simulation, p: number): string | undefined {
  const plan = s.plans[p].plan;
  const reported = mean(s, p, "reportedImpressions"), real = mean(s, p, "realImpressions");
  if (reported > 0 && real / reported < 0.5)
    return `Caveat: only ${Math.round((100 * real) / reported)} % of ${plan}'s reported impressions were real (the rest went to zombie followers or unread feeds).`;
  const unspent = mean(s, p, "unspent"), spend = mean(s, p, "spend");
  if (unspent > 0 && spend > 0 && unspent / (spend + unspent) > 0.1)
    return `Caveat: ${plan} left ${fmt("spend", unspent, s.scenario.currency)} of its budget unspent; its numbers are for what it spent.`;
  if (s.provenance.replicates < 10) return `Caveat: ${s.provenance.replicates} replicates only; run more for a firmer answer.`;
  return undefined;
}
