/**
 * Simulation → what the comparison's charts draw, and the CSV behind each chart. Pure functions of the
 * results; metrics a model does not produce (classic models have no spend) simply yield no chart.
 */
import { circleMetricInfo, finalMetricRows, metricInfo, NAN_STAT, WAVE_METRICS, type Simulation, type Stat } from "../../../engine/viewer.ts";
import type { BarsData } from "../../charts/bars.ts";
import type { DecayData } from "../../charts/decay.ts";
import type { Unit } from "../../charts/format.ts";
import type { FunnelData } from "../../charts/funnel.ts";
import type { HeatmapData } from "../../charts/heatmap.ts";
import { planColor } from "../../charts/palette.ts";
import type { StackedData } from "../../charts/stacked-area.ts";
import type { TimeSeriesData, TimeSeriesLine } from "../../charts/time-series.ts";
import { summaryCsv, table } from "../../export/csv.ts";

const STATS = ["mean", "median", "p5", "p95"] as const;

/** An output metric's label and unit, from its declaration (engine/format/labels.ts). */
export function metricLabel(m: string): string {
  return metricInfo(m)?.label ?? m;
}

export function metricUnit(m: string): Unit {
  return metricInfo(m)?.unit ?? "count";
}

export function colors(sim: Simulation): Map<string, string> {
  return new Map(sim.plans.map((p, i) => [p.plan, planColor(i)]));
}

export interface OverTimeSpec {
  id: string;
  title: string;
  note: string;
  data: TimeSeriesData;
}

function lines(sim: Simulation, metric: string, dashed = false): TimeSeriesLine[] {
  const col = colors(sim);
  return sim.plans.filter((p) => metric in p.series).map((p) => ({
    plan: p.plan, metric, metricLabel: metricLabel(metric), color: col.get(p.plan)!, dashed, ...p.series[metric],
  }));
}

/** The over-time charts: reach (reported and real), awareness and conversions; the classic models' own states otherwise. */
export function overTime(sim: Simulation): OverTimeSpec[] {
  const td = sim.scenario.tickDays;
  const has = (m: string) => m in sim.plans[0].series;
  const band = "Lines: mean over replicates; bands: p5–p95.";
  if (has("reach") && has("reportedImpressions")) {
    return [
      { id: "impressions", title: "Impressions: reported vs real", note: `Dashed: reported (paid-for, zombies included); solid: real (seen by a consumer). Cumulative. ${band}`,
        data: { unit: "impressions", tickDays: td, lines: [...lines(sim, "reportedImpressions", true), ...lines(sim, "realImpressions")],
          styleLegend: [{ label: "reported", color: "#5b6372", dashed: true }, { label: "real", color: "#5b6372" }] } },
      { id: "reach", title: "Unique real reach", note: `Consumers who saw at least one piece. Cumulative. ${band}`, data: { unit: "people", tickDays: td, lines: lines(sim, "reach") } },
      { id: "awareness", title: "Brand awareness", note: `Consumers who remember the brand, not only the piece. Cumulative. ${band}`, data: { unit: "people", tickDays: td, lines: lines(sim, "brandAware") } },
      { id: "conversions", title: "Conversions", note: `First purchases caused by the plan. Cumulative. ${band}`, data: { unit: "people", tickDays: td, lines: lines(sim, "customers") } },
    ];
  }
  const metrics = Object.keys(sim.plans[0].series).slice(0, 4);
  return metrics.map((m) => ({ id: m, title: metricLabel(m), note: band, data: { unit: metricUnit(m), currency: sim.scenario.currency, tickDays: td, lines: lines(sim, m) } }));
}

/** Where each plan's conversions come from, by their last persuasive touch (engine: docs/model.md §6). */
export const SOURCES = [
  { key: "customersBought", label: "bought: the plan's own publications", color: "#0072B2" },
  { key: "customersEarned", label: "earned: word of mouth", color: "#E69F00" },
  { key: "customersFans", label: "fans' own posts", color: "#009E73" },
] as const;

export function sources(sim: Simulation): StackedData | undefined {
  if (!sim.plans.every((p) => SOURCES.every((l) => l.key in p.series))) return undefined;
  return {
    layers: SOURCES.map((l) => ({ ...l })), tickDays: sim.scenario.tickDays, unit: "people",
    panels: sim.plans.map((p) => ({ plan: p.plan, values: SOURCES.map((l) => p.series[l.key].mean) })),
  };
}

export function sourcesCsv(d: StackedData): string {
  const rows: (string | number)[][] = [];
  for (const p of d.panels)
    d.layers.forEach((l, k) => {
      for (let t = 0; t < p.values[k].length; t++) rows.push([p.plan, l.key, t, t * d.tickDays, p.values[k][t]]);
    });
  return table(["plan", "source", "tick", "day", "mean"], rows);
}

export function overTimeCsv(d: TimeSeriesData): string {
  const rows: (string | number)[][] = [];
  for (const l of d.lines) for (let t = 0; t < l.mean.length; t++) rows.push([l.plan, l.metric, t, t * d.tickDays, l.mean[t], l.median[t], l.p5[t], l.p95[t]]);
  return table(["plan", "metric", "tick", "day", "mean", "median", "p5", "p95"], rows);
}

const FUNNEL: [string, string][] = [
  ["reportedImpressions", "Impressions (reported)"],
  ["reach", "Real reach (people)"],
  ["brandAware", "Aware of the brand"],
  ["interested", "Interested (at the end)"],
  ["customers", "Customers"],
  ["fans", "Fans (at the end)"],
];

export function funnel(sim: Simulation): FunnelData | undefined {
  if (!FUNNEL.every(([m]) => m in sim.plans[0].final)) return undefined;
  const col = colors(sim);
  return { plans: sim.plans.map((p) => ({ plan: p.plan, color: col.get(p.plan)!, stages: FUNNEL.map(([key, label]) => ({ key, label, stat: p.final[key] })) })) };
}

export function funnelCsv(d: FunnelData): string {
  return table(["plan", "stage", "metric", ...STATS], d.plans.flatMap((p) => p.stages.map((s) => [p.plan, s.label, s.key, ...STATS.map((k) => s.stat[k])])));
}

export const MONEY: { metric: string; unit: Unit }[] = [
  { metric: "spend", unit: "money" }, { metric: "unspent", unit: "money" }, { metric: "revenue", unit: "money" }, { metric: "costPerReach", unit: "money" },
  { metric: "costPerConversion", unit: "money" }, { metric: "roi", unit: "ratio" },
];

export function money(sim: Simulation): BarsData[] | undefined {
  if (!("spend" in sim.plans[0].final)) return undefined;
  const col = colors(sim);
  return ["spend", "costPerConversion", "roi"].map((metric) => ({
    metric, label: metricLabel(metric), unit: metricUnit(metric), currency: sim.scenario.currency,
    items: sim.plans.map((p) => ({ plan: p.plan, color: col.get(p.plan)!, stat: p.final[metric] ?? NAN_STAT })),
  }));
}

export function moneyCsv(sim: Simulation): string {
  return table(["plan", "metric", ...STATS], sim.plans.flatMap((p) => MONEY.filter((m) => m.metric in p.final).map((m) => [p.plan, m.metric, ...STATS.map((k) => p.final[m.metric][k])])));
}


export const DECAY_METRICS: { value: (typeof WAVE_METRICS)[number]; label: string }[] = [
  { value: "engagements", label: "Persuasive touches" },
  { value: "reach", label: "New real reach" },
  { value: "customers", label: "Conversions" },
  { value: "realImpressions", label: "Real impressions" },
];

export function hasWaves(sim: Simulation): boolean {
  return sim.plans.some((p) => p.waves.length > 0);
}

export function decay(sim: Simulation, metric: (typeof WAVE_METRICS)[number]): DecayData {
  const col = colors(sim);
  const bars = sim.plans.flatMap((p) => p.waves.flatMap((w) => w.waves.map((v) => ({
    plan: p.plan, strategy: w.strategy, color: col.get(p.plan)!, wave: v.wave, start: v.start, end: v.end, stat: v.values[metric], ratio: v.ratio[metric],
  }))));
  const label = DECAY_METRICS.find((d) => d.value === metric)!.label;
  return { metricLabel: label, unit: metricUnit(metric === "reach" ? "reach" : metric), tickDays: sim.scenario.tickDays, bars };
}

export function decayCsv(sim: Simulation): string {
  const rows = sim.plans.flatMap((p) => p.waves.flatMap((w) => w.waves.flatMap((v) => WAVE_METRICS.map((m) => [
    p.plan, w.strategy, v.wave, v.start, v.end, m, ...STATS.map((k) => v.values[m][k]), ...STATS.map((k) => v.ratio[m][k]),
  ]))));
  return table(["plan", "strategy", "wave", "start_tick", "end_tick", "metric", ...STATS, ...STATS.map((k) => `ratio_${k}`)], rows);
}

export function circleMetrics(sim: Simulation): string[] {
  return Object.keys(sim.plans[0].circleSeries);
}

export function circleMetricLabel(m: string): string {
  return `Share ${(circleMetricInfo(m)?.label ?? m).toLowerCase()}`;
}

export function heatmap(sim: Simulation, metric: string): HeatmapData {
  const col = colors(sim);
  return {
    metricLabel: circleMetricLabel(metric),
    tickDays: sim.scenario.tickDays,
    plans: sim.plans.map((p) => ({
      plan: p.plan, color: col.get(p.plan)!,
      circles: p.circles.map((c, i) => ({ name: c.name, size: c.size, values: p.circleSeries[metric][i] })),
    })),
  };
}

export function heatmapCsv(sim: Simulation): string {
  const rows: (string | number)[][] = [];
  const td = sim.scenario.tickDays;
  for (const p of sim.plans)
    for (const m of Object.keys(p.circleSeries))
      p.circles.forEach((c, i) => p.circleSeries[m][i].forEach((v, t) => rows.push([p.plan, c.name, c.size, m, t, t * td, v])));
  return table(["plan", "circle", "circle_size", "metric", "tick", "day", "penetration_mean"], rows);
}

/** The final-values table: metric rows in the CLI's order (all-zero budget/harm rows left out). */
export function finalRows(sim: Simulation): { metric: string; label: string; unit: Unit; stats: Stat[] }[] {
  return finalMetricRows(sim.plans).map((m) => ({ metric: m, label: metricLabel(m), unit: metricUnit(m), stats: sim.plans.map((p) => p.final[m] ?? NAN_STAT) }));
}

/** The final-values table's data: the CLI's `compare --format csv`. */
export function finalCsv(sim: Simulation): string {
  return summaryCsv(sim);
}

export function pairsCsv(sim: Simulation): string {
  return table(["a", "b", "metric", "mean", "low95", "high95", "p_a_beats_b", "n"], sim.pairs.map((p) => [p.a, p.b, p.metric, p.mean, p.low, p.high, p.pBeats, p.n]));
}
