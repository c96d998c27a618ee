/**
 * A synthetic "last quarter's campaign" export: one run of a scenario's plan under known parameter
 * values, written as a marketing dashboard would export it (one row per day, daily spend, impressions,
 * engagements, shares, orders and revenue, running reach and followers), with gaps like real exports.
 * Used by the worked example (docs/calibration.md) and the recovery bench (bench/calibrate.ts).
 *
 *   npx tsx bench/synthetic-campaign.ts SCENARIO.json PLAN SEED START OUT.csv path=value …
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadScenario, simulate } from "../engine/index.ts";
import { setPath } from "../engine/experiment/paths.ts";

export interface CampaignSpec {
  plan: string;
  /** Parameter values by sweep path. */
  truth: Record<string, number>;
  seed: number;
  /** Date of tick 0 (YYYY-MM-DD). */
  start: string;
  /** Channel name written in every row. */
  channel?: string;
  /** Leave out these days (ticks) entirely, and blank the running reach on these. */
  missingDays?: number[];
  blankReach?: number[];
}

/** Columns of the export and the engine metric each holds (daily: the day's increase; running: the level). */
export const EXPORT_COLUMNS = [
  { column: "Spend", metric: "spend", values: "daily" },
  { column: "Impressions", metric: "realImpressions", values: "daily" },
  { column: "Reach", metric: "reach", values: "cumulative" },
  { column: "Engagements", metric: "engagements", values: "daily" },
  { column: "Shares", metric: "shares", values: "daily" },
  { column: "Followers", metric: "fans", values: "cumulative" },
  { column: "Orders", metric: "purchases", values: "daily" },
  { column: "Revenue", metric: "revenue", values: "daily" },
] as const;

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function syntheticCampaignCsv(raw: unknown, spec: CampaignSpec): string {
  // Paths address the parsed scenario, defaults filled in (as in a calibration).
  let json: unknown = loadScenario(raw, "synthetic campaign");
  for (const [path, value] of Object.entries(spec.truth)) json = setPath(json, path, value);
  const s = loadScenario(json, "synthetic campaign");
  // Every plan runs (a plan's draws depend on its place in the scenario, as in the fit's runs); the export is one.
  const sim = simulate(s, { seed: spec.seed, replicates: 1 });
  const series = sim.plans.find((p) => p.plan === spec.plan)!.series;
  const level = (metric: string) => (metric === "revenue" ? Float64Array.from(series.purchases.mean, (x) => x * s.product.price) : series[metric].mean);
  const cols = EXPORT_COLUMNS.map((c) => ({ ...c, level: level(c.metric) }));
  const startMs = Date.parse(`${spec.start}T00:00:00Z`);
  const channel = spec.channel ?? spec.plan;
  const lines = [["Date", "Channel", ...cols.map((c) => c.column)].map(csvField).join(",")];
  const missing = new Set(spec.missingDays ?? []);
  const blank = new Set(spec.blankReach ?? []);
  for (let t = 0; t <= s.horizon; t++) {
    if (missing.has(t)) continue;
    const date = new Date(startMs + t * 86_400_000).toISOString().slice(0, 10);
    const cells = cols.map((c) => {
      if (c.column === "Reach" && blank.has(t)) return "";
      const v = c.values === "daily" ? c.level[t] - (t > 0 ? c.level[t - 1] : 0) : c.level[t];
      return String(Math.round(v * 100) / 100);
    });
    lines.push([date, channel, ...cells].map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [scenarioFile, plan, seed, start, out, ...pairs] = process.argv.slice(2);
  const truth = Object.fromEntries(pairs.map((p) => {
    const at = p.lastIndexOf("=");
    return [p.slice(0, at), Number(p.slice(at + 1))];
  }));
  const raw = JSON.parse(readFileSync(scenarioFile, "utf8"));
  writeFileSync(out, syntheticCampaignCsv(raw, { plan, truth, seed: Number(seed), start, channel: "Bakery's own account", missingDays: [44, 45], blankReach: [20, 21, 22] }));
  process.stdout.write(`wrote ${out}\n`);
}
