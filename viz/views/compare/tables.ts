/** The comparison's HTML tables: final values, money, paired differences (numbers right-aligned, exact values in titles). */
import { labelWithCurrency, type Simulation, type Stat } from "../../../engine/viewer.ts";
import { fmtExact, fmtShort, type Unit } from "../../charts/format.ts";
import { h } from "../../dom.ts";
import { colors, finalRows, metricLabel, MONEY } from "./data.ts";

function statCell(s: Stat, unit: Unit): HTMLTableCellElement {
  const exact = `mean ${fmtExact(s.mean, unit)}, median ${fmtExact(s.median, unit)}, p5 ${fmtExact(s.p5, unit)}, p95 ${fmtExact(s.p95, unit)}`;
  return h("td", { class: "num", title: exact, "data-mean": s.mean },
    h("span", { class: "mean" }, fmtShort(s.mean, unit)), " ",
    h("span", { class: "range", title: RANGE_HELP }, Number.isFinite(s.p5) ? `[${fmtShort(s.p5, unit)}–${fmtShort(s.p95, unit)}]` : ""));
}

/** What a p5–p95 range is, on hover. */
const RANGE_HELP = "p5–p95: the middle 90 % of the replicates (matched worlds) fell in this range; the number before it is their mean.";

/** Plain words for the money metrics that are ratios of others, on hover of their row. */
const METRIC_HELP: Record<string, string> = {
  roi: "Return on spend: (purchases × unit margin − spend) ÷ spend. 0 % breaks even; −100 % loses all of the spend; 100 % earns the spend back twice.",
  costPerConversion: "Spend ÷ consumers the plan converted (first purchases).",
  costPerReach: "Spend ÷ consumers who really saw at least one piece (zombies and unread feeds left out).",
  revenue: "Purchases (repeats included) × the product's price.",
};

/** A row label, with the currency after a money metric when the scenario names one ("Spend (CNY)"), and its meaning on hover. */
function labelWithUnit(label: string, unit: Unit, sim: Simulation, metric: string): string | HTMLElement {
  const text = labelWithCurrency(label, unit, sim.scenario.currency);
  return METRIC_HELP[metric] ? h("abbr", { title: METRIC_HELP[metric] }, text) : text;
}

function planHead(sim: Simulation, first: string): HTMLTableSectionElement {
  const col = colors(sim);
  return h("thead", {}, h("tr", {}, h("th", { scope: "col" }, first),
    sim.plans.map((p) => h("th", { scope: "col", class: "num" }, h("span", { class: "swatch", style: `--c:${col.get(p.plan)}` }), p.plan))));
}

export function finalTable(sim: Simulation): HTMLElement {
  const rows = finalRows(sim);
  const circles = sim.plans[0].circles;
  const penetration = circles.length > 1 && circles[0].penetration.customers
    ? circles.map((c, i) => h("tr", { "data-metric": `penetration:${c.name}` }, h("th", { scope: "row" }, `Penetration: ${c.name}`),
        sim.plans.map((p) => {
          const pen = p.circles[i].penetration;
          return h("td", { class: "num" }, `reach ${fmtShort(pen.reach.mean, "share")}`, " ", h("span", { class: "range" }, `buy ${fmtExact(pen.customers.mean, "share")}`));
        })))
    : [];
  return h("div", { class: "table-wrap" }, h("table", { class: "data", "data-table": "final-values" },
    planHead(sim, "Metric"),
    h("tbody", {}, rows.map((r) => h("tr", { "data-metric": r.metric }, h("th", { scope: "row" }, labelWithUnit(r.label, r.unit, sim, r.metric)), r.stats.map((s) => statCell(s, r.unit)))), penetration),
  ));
}

/** Money per plan, a row per metric like the final values: plans are the columns, so the table fits a 1024-px screen for a few plans. */
export function moneyTable(sim: Simulation): HTMLElement {
  // Unspent money is shown only when some plan has some (a frequency cap, a schedule that ended).
  const ms = MONEY.filter((m) => m.metric in sim.plans[0].final && (m.metric !== "unspent" || sim.plans.some((p) => p.final.unspent.mean > 0)));
  return h("div", { class: "table-wrap" }, h("table", { class: "data", "data-table": "money" },
    planHead(sim, "Money"),
    h("tbody", {}, ms.map((m) => h("tr", { "data-metric": m.metric },
      h("th", { scope: "row" }, labelWithUnit(metricLabel(m.metric), m.unit, sim, m.metric)),
      sim.plans.map((p) => statCell(p.final[m.metric], m.unit))))),
  ));
}

export function pairsTable(sim: Simulation): HTMLElement {
  const by = new Map<string, { a: string; b: string; cells: Map<string, (typeof sim.pairs)[number]> }>();
  for (const p of sim.pairs) {
    const key = `${p.a}\u0000${p.b}`;
    if (!by.has(key)) by.set(key, { a: p.a, b: p.b, cells: new Map() });
    by.get(key)!.cells.set(p.metric, p);
  }
  const metrics = [...new Set(sim.pairs.map((p) => p.metric))];
  const unit = (m: string): Unit => (m === "roi" ? "ratio" : "people");
  return h("div", { class: "table-wrap" }, h("table", { class: "data", "data-table": "pairs" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "a − b"), metrics.flatMap((m) => [
      h("th", { scope: "col", class: "num" }, `${metricLabel(m)}: mean [95% CI]`), h("th", { scope: "col", class: "num" }, "P(a > b)")]))),
    h("tbody", {}, [...by.values()].map((r) => h("tr", {}, h("th", { scope: "row" }, `${r.a} −`, h("wbr"), ` ${r.b}`), metrics.flatMap((m) => {
      const p = r.cells.get(m);
      if (!p) return [h("td", {}, "–"), h("td", {}, "–")];
      return [
        h("td", { class: "num", title: `mean ${fmtExact(p.mean, unit(m))}, 95% CI ${fmtExact(p.low, unit(m))} to ${fmtExact(p.high, unit(m))}, n = ${p.n}` },
          fmtShort(p.mean, unit(m)), " ", h("span", { class: "range" }, `[${fmtShort(p.low, unit(m))}, ${fmtShort(p.high, unit(m))}]`)),
        h("td", { class: "num" }, Number.isFinite(p.pBeats) ? `${Math.round(p.pBeats * 100)}%` : "–"),
      ];
    })))),
  ));
}
