/**
 * Render a Simulation: a side-by-side table (text or Markdown) of final values with p5–p95 (or,
 * with `--ci`, the confidence interval of the mean), the full per-tick series as CSV (one row per
 * plan and tick), or everything as JSON.
 * Every output carries its provenance: package and model version, RNG scheme, seed, replicates.
 */
import { NAN_STAT, type Stat } from "../core/collect/summary.ts";
import type { Simulation } from "../experiment/simulate.ts";
import { formatCsv as seriesCsv, formatSummaryCsv as summaryCsv } from "../format/csv.ts";
import { finalMetricRows, labelWithCurrency, METRIC_LABELS, metricInfo } from "../format/labels.ts";
import stringWidth from "string-width";
import { PACKAGE_VERSION } from "./package-info.ts";
import { printableLine } from "../format/printable.ts";

export type Format = "table" | "md" | "csv" | "json";

export interface FormatOptions {
  /** Tables show each mean's confidence interval instead of p5–p95 (`--ci`). */
  ci?: boolean;
}

const LABELS = METRIC_LABELS;

export function provenanceLine(sim: Simulation): string {
  const p = sim.provenance;
  return `circlecast ${PACKAGE_VERSION} · model ${p.modelVersion} · seed ${p.seed} · ${p.replicates} replicates · rng: ${p.rng}`;
}

function num(x: number, metric: string): string {
  if (Number.isNaN(x)) return "–";
  const unit = metricInfo(metric)?.unit;
  if (unit === "ratio") return `${(x * 100).toFixed(0)}%`;
  if (unit === "share") return `${(x * 100).toFixed(1)}%`;
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString("en-US");
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function cell(s: Stat, metric: string): string {
  return `${num(s.mean, metric)} [${num(s.p5, metric)}–${num(s.p95, metric)}]`;
}

function ciCell(s: Stat, metric: string): string {
  return `${num(s.mean, metric)} [${num(s.ciLow, metric)}, ${num(s.ciHigh, metric)}]`;
}

/** "95%" for 0.95; more digits only where the level has them (99.9%). */
export function levelText(level: number): string {
  return `${Number((level * 100).toPrecision(6))}%`;
}


/** Rows of [label, cell per plan]: the content shared by the text and Markdown tables. */
function tableRows(sim: Simulation, o: FormatOptions): string[][] {
  const show = o.ci ? ciCell : cell;
  // A money row names the scenario's currency when it has one: "Spend (CNY)".
  const label = (m: string) => labelWithCurrency(LABELS[m] ?? m, metricInfo(m)?.unit, sim.scenario.currency);
  const rows = finalMetricRows(sim.plans).map((m) => [label(m), ...sim.plans.map((p) => show(p.final[m] ?? NAN_STAT, m))]);
  const C = sim.plans[0].circles.length;
  if (C > 1 && sim.plans[0].circles[0].penetration.customers)
    for (let c = 0; c < C; c++)
      rows.push([`Penetration: ${sim.plans[0].circles[c].name}`, ...sim.plans.map((p) => {
        const pen = p.circles[c].penetration;
        return `reach ${(pen.reach.mean * 100).toFixed(1)}% · buy ${(pen.customers.mean * 100).toFixed(2)}%`;
      })]);
  return rows;
}

/** A titled block of rows: the first row is the header. */
interface Block {
  title: string;
  rows: string[][];
}

/** The blocks, every cell and title printable in a terminal (names come from the scenario). */
function blocks(sim: Simulation, o: FormatOptions): Block[] {
  return rawBlocks(sim, o).map((b) => ({ title: printableLine(b.title), rows: b.rows.map((r) => r.map(printableLine)) }));
}

function rawBlocks(sim: Simulation, o: FormatOptions): Block[] {
  const spread = o.ci ? `[${levelText(sim.provenance.ci)} confidence interval of the mean]` : "[p5–p95]";
  const out: Block[] = [
    {
      title: `${sim.scenario.title ?? sim.scenario.name} — final values at tick ${sim.scenario.horizon}, mean ${spread} over ${sim.provenance.replicates} replicates`,
      rows: [["", ...sim.plans.map((p) => p.plan)], ...tableRows(sim, o)],
    },
  ];
  if (sim.pairs.length)
    out.push({
      title: "Paired differences (same worlds, common random numbers): mean a − b [95% CI], share of replicates where a beats b",
      rows: [["a − b", "Conversions", "P(a > b)", "ROI", "P(a > b) "], ...pairRows(sim)],
    });
  const ch = sim.plans.flatMap((p) => p.channels.filter((c) => c.reported.mean > 0 || c.spend.mean > 0 || c.firstTouch.mean > 0).map((c) => [
    p.plan, c.name, num(c.spend.mean, "spend"), num(c.real.mean, "real"), num(c.firstTouch.mean, "c"), num(c.lastTouch.mean, "c"), num(c.earned.mean, "c"),
  ]));
  if (ch.length)
    out.push({
      title: "Channels (means): conversions attributed to the first and the last persuasive touch; earned: last touch by a reshare of the channel's content",
      rows: [["plan", "channel", "spend", "real impr.", "first touch", "last touch", "of which earned"], ...ch],
    });
  const waves = sim.plans.flatMap((p) => p.waves.flatMap((w) => w.waves.map((v) => [
    p.plan, `${w.strategy} #${v.wave}`, `${v.start}–${v.end}`, cell(v.values.reach, "reach"), cell(v.values.engagements, "e"),
    cell(v.values.customers, "c"), v.wave === 1 ? "1" : `${num(v.ratio.engagements.median, "r")} [${num(v.ratio.engagements.p5, "r")}–${num(v.ratio.engagements.p95, "r")}]`,
  ])));
  if (waves.length)
    out.push({ title: "Repeated cases: per wave, mean [p5–p95]; decay = touches in wave k / wave 1, median [p5–p95]", rows: [["plan", "wave", "ticks", "new reach", "persuasive touches", "conversions", "decay"], ...waves] });
  const bins = sim.plans[0].frequency.length;
  if (sim.plans.some((p) => p.frequency.some((f) => f.mean > 0)))
    out.push({
      title: "Exposure frequency: consumers who saw the campaign k times (mean)",
      rows: [["plan", ...Array.from({ length: bins }, (_, k) => (k === bins - 1 ? `${k + 1}+` : String(k + 1)))], ...sim.plans.map((p) => [p.plan, ...p.frequency.map((f) => num(f.mean, "n"))])],
    });
  return out;
}

function pairRows(sim: Simulation): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < sim.pairs.length; i += 1) {
    const conv = sim.pairs[i];
    if (conv.metric !== "customers") continue;
    const roi = sim.pairs.find((p) => p.a === conv.a && p.b === conv.b && p.metric === "roi");
    const ci = (p: typeof conv, m: string) => `${num(p.mean, m)} [${num(p.low, m)}, ${num(p.high, m)}]`;
    rows.push([`${conv.a} − ${conv.b}`, ci(conv, "c"), pct(conv.pBeats), roi ? ci(roi, "roi") : "–", roi ? pct(roi.pBeats) : "–"]);
  }
  return rows;
}

function pct(x: number): string {
  return Number.isNaN(x) ? "–" : `${Math.round(x * 100)}%`;
}

/** Columns padded by their width on screen, not their length: a Chinese character takes two cells. */
function textBlock(b: Block): string {
  const widths = b.rows[0].map((_, k) => b.rows.reduce((w, r) => Math.max(w, stringWidth(r[k] ?? "")), 0));
  const pad = (c: string, k: number) => " ".repeat(Math.max(0, widths[k] - stringWidth(c)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c + pad(c, k) : pad(c, k) + c)).join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [b.title, rule, line(b.rows[0]), rule, ...b.rows.slice(1).map(line), rule].join("\n");
}

export function formatTable(sim: Simulation, o: FormatOptions = {}): string {
  return [...blocks(sim, o).map(textBlock), provenanceLine(sim)].join("\n\n");
}

export function formatMarkdown(sim: Simulation, o: FormatOptions = {}): string {
  const md = (b: Block) => [
    `#### ${b.title}`,
    "",
    `| ${b.rows[0].map((c) => c || "Metric").join(" | ")} |`,
    `|${b.rows[0].map((_, k) => (k === 0 ? "---" : "---:")).join("|")}|`,
    ...b.rows.slice(1).map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
  return [`### ${printableLine(sim.scenario.title ?? sim.scenario.name)}`, "", ...blocks(sim, o).map(md).flatMap((x) => [x, ""]), `_${provenanceLine(sim)}_`].join("\n");
}

/** Final values, one row per plan: what `compare --format csv` prints. */
export function formatSummaryCsv(sim: Simulation): string {
  return summaryCsv(sim, PACKAGE_VERSION);
}

/** Long per-tick table: one row per (plan, tick), every statistic of every metric (engine/format/csv.ts). */
export function formatCsv(sim: Simulation): string {
  return seriesCsv(sim, PACKAGE_VERSION);
}

export function formatJson(sim: Simulation): string {
  const plans = sim.plans.map((p) => ({
    plan: p.plan,
    replicates: p.replicates,
    final: p.final,
    circles: p.circles,
    frequency: p.frequency,
    channels: p.channels,
    waves: p.waves,
    series: Object.fromEntries(Object.entries(p.series).map(([m, st]) => [m, Object.fromEntries(Object.entries(st).map(([k, v]) => [k, Array.from(v)]))])),
  }));
  return JSON.stringify({ circlecast: PACKAGE_VERSION, provenance: sim.provenance, plans, pairs: sim.pairs }, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? null : v), 1) + "\n";
}

/** `series` selects the per-tick CSV (run) rather than the final-values CSV (compare). */
export function format(sim: Simulation, f: Format, series = true, o: FormatOptions = {}): string {
  switch (f) {
    case "table":
      return formatTable(sim, o) + "\n";
    case "md":
      return formatMarkdown(sim, o) + "\n";
    case "csv":
      return series ? formatCsv(sim) : formatSummaryCsv(sim);
    case "json":
      return formatJson(sim);
  }
}

/** Output format implied by a file name, if any. */
export function formatFromPath(path: string): Format | undefined {
  if (path.endsWith(".csv")) return "csv";
  if (path.endsWith(".json")) return "json";
  if (path.endsWith(".md")) return "md";
  if (path.endsWith(".txt")) return "table";
  return undefined;
}
