/**
 * Render a Simulation: a side-by-side table (text or Markdown) of final values with p5–p95,
 * the full per-tick series as CSV (one row per plan and tick), or everything as JSON.
 * Every output carries its provenance: package and model version, RNG scheme, seed, replicates.
 */
import type { Stat } from "../core/collect/summary.ts";
import type { Simulation } from "../experiment/simulate.ts";
import { PACKAGE_VERSION } from "./package-info.ts";

export type Format = "table" | "md" | "csv" | "json";

const LABELS: Record<string, string> = {
  reportedImpressions: "Reported impressions",
  realImpressions: "Real impressions",
  realShare: "Real / reported",
  reach: "Unique real reach",
  brandAware: "Brand awareness",
  interested: "Interested",
  customers: "Conversions",
  fans: "Fans",
  shares: "Shares",
  spend: "Spend",
  revenue: "Revenue",
  costPerReach: "Cost per real reach",
  costPerConversion: "Cost per conversion",
  roi: "ROI",
};
const ORDER = ["reportedImpressions", "realImpressions", "realShare", "reach", "brandAware", "interested", "customers", "fans", "shares", "spend", "revenue", "costPerReach", "costPerConversion", "roi"];

export function provenanceLine(sim: Simulation): string {
  const p = sim.provenance;
  return `circlecast ${PACKAGE_VERSION} · model ${p.modelVersion} · seed ${p.seed} · ${p.replicates} replicates · rng: ${p.rng}`;
}

function num(x: number, metric: string): string {
  if (Number.isNaN(x)) return "–";
  if (metric === "roi") return `${(x * 100).toFixed(0)}%`;
  if (metric === "realShare") return `${(x * 100).toFixed(1)}%`;
  const a = Math.abs(x);
  if (a >= 100) return Math.round(x).toLocaleString("en-US");
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function cell(s: Stat, metric: string): string {
  return `${num(s.mean, metric)} [${num(s.p5, metric)}–${num(s.p95, metric)}]`;
}

function metricRows(sim: Simulation): string[] {
  const keys = Object.keys(sim.plans[0].final);
  return [...ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !ORDER.includes(k))];
}

/** Rows of [label, cell per plan]: the content shared by the text and Markdown tables. */
function tableRows(sim: Simulation): string[][] {
  const rows = metricRows(sim).map((m) => [LABELS[m] ?? m, ...sim.plans.map((p) => cell(p.final[m], m))]);
  const C = sim.plans[0].circles.length;
  if (C > 1 && sim.plans[0].circles[0].penetration.customers)
    for (let c = 0; c < C; c++)
      rows.push([`Penetration: ${sim.plans[0].circles[c].name}`, ...sim.plans.map((p) => {
        const pen = p.circles[c].penetration;
        return `reach ${(pen.reach.mean * 100).toFixed(1)}% · buy ${(pen.customers.mean * 100).toFixed(2)}%`;
      })]);
  return rows;
}

export function formatTable(sim: Simulation): string {
  const head = ["", ...sim.plans.map((p) => p.plan)];
  const rows = [head, ...tableRows(sim)];
  const widths = head.map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  const line = (r: string[]) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const title = `${sim.scenario.title ?? sim.scenario.name} — final values at tick ${sim.scenario.horizon}, mean [p5–p95]`;
  return [title, rule, line(head), rule, ...rows.slice(1).map(line), rule, provenanceLine(sim)].join("\n");
}

export function formatMarkdown(sim: Simulation): string {
  const head = ["Metric (mean [p5–p95])", ...sim.plans.map((p) => p.plan)];
  const rows = tableRows(sim);
  return [
    `### ${sim.scenario.title ?? sim.scenario.name}`,
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map((_, k) => (k === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `_${provenanceLine(sim)}_`,
  ].join("\n");
}

function csvField(v: string | number): string {
  if (typeof v === "number") return Number.isNaN(v) ? "" : String(v);
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Long per-tick table: one row per (plan, tick), a mean/median/p5/p95 column per metric, provenance columns last. */
export function formatCsv(sim: Simulation): string {
  const metrics = Object.keys(sim.plans[0].series);
  const stats = ["mean", "median", "p5", "p95"] as const;
  const p = sim.provenance;
  const head = ["plan", "tick", "day", ...metrics.flatMap((m) => stats.map((s) => `${m}_${s}`)), "circlecast_version", "model_version", "seed", "replicates"];
  const lines = [head.join(",")];
  for (const plan of sim.plans) {
    const rows = plan.series[metrics[0]].mean.length;
    for (let t = 0; t < rows; t++) {
      const vals: (string | number)[] = [plan.plan, t, t * sim.scenario.tickDays];
      for (const m of metrics) for (const s of stats) vals.push(plan.series[m][s][t]);
      vals.push(PACKAGE_VERSION, p.modelVersion, p.seed, p.replicates);
      lines.push(vals.map(csvField).join(","));
    }
  }
  return lines.join("\n") + "\n";
}

export function formatJson(sim: Simulation): string {
  const plans = sim.plans.map((p) => ({
    plan: p.plan,
    replicates: p.replicates,
    final: p.final,
    circles: p.circles,
    frequency: p.frequency,
    series: Object.fromEntries(Object.entries(p.series).map(([m, st]) => [m, Object.fromEntries(Object.entries(st).map(([k, v]) => [k, Array.from(v)]))])),
  }));
  return JSON.stringify({ circlecast: PACKAGE_VERSION, provenance: sim.provenance, plans }, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? null : v), 1) + "\n";
}

export function format(sim: Simulation, f: Format): string {
  switch (f) {
    case "table":
      return formatTable(sim) + "\n";
    case "md":
      return formatMarkdown(sim) + "\n";
    case "csv":
      return formatCsv(sim);
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
