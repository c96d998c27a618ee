/** A tiny calibration: a 400-consumer, 40-day scenario, its campaign export written from one run under known values. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadScenario } from "../../scenarios/parse.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { setPath } from "../../engine/experiment/paths.ts";

export const SCENARIO = {
  name: "tiny-campaign",
  horizon: 40,
  population: { circles: [{ name: "a", size: 700, productAffinity: 0.9, sharePropensity: 0.1, touchesToConvert: { min: 1, max: 2 } }, { name: "b", size: 500, productAffinity: 0.9, touchesToConvert: { min: 1, max: 1 } }] },
  network: { kind: "circles", meanDegree: 8, bigAccounts: { count: 1, followers: 150 }, brand: { followerShare: 0.4 } },
  contents: [{ id: "c", quality: 0.8, brandFit: 0.6 }],
  plans: [{ name: "post", actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, every: 3, count: 12 }, cost: 5 }] }],
};

export const TRUTH = { "dynamics.persuasion": 0.7, "product.conversionRate": 0.25 };

/** The export as CSV text: Date, Channel, Spend, Reach (running), Orders, Shares, Engagements. */
export function campaignCsv(seed = 11): string {
  let s: unknown = loadScenario(SCENARIO);
  for (const [p, v] of Object.entries(TRUTH)) s = setPath(s, p, v);
  const sim = simulate(loadScenario(s), { seed, replicates: 1 });
  const m = sim.plans[0].series;
  const day = (t: number) => new Date(Date.UTC(2026, 0, 1 + t)).toISOString().slice(0, 10);
  const rows = ["\uFEFFDate,Channel,Spend,Reach,Orders,\"Shares, organic\",Engagements"];
  for (let t = 0; t <= 40; t++) {
    if (t === 17) continue; // a missing day
    const inc = (k: string) => m[k].mean[t] - (t > 0 ? m[k].mean[t - 1] : 0);
    rows.push(`${day(t)},"Own, account",${inc("spend")},${m.reach.mean[t]},${inc("purchases")},${inc("shares")},${inc("engagements")}`);
  }
  return rows.join("\r\n") + "\r\n";
}

export function calibrationJson(csv: string, abc: Record<string, number> = {}) {
  return {
    name: "tiny",
    scenario: SCENARIO,
    observed: {
      file: csv,
      time: { column: "Date", kind: "date" },
      channel: { column: "Channel", plans: { "Own, account": "post" } },
      metrics: [
        { column: "Spend", metric: "spend", fit: false },
        { column: "Reach", metric: "reach", values: "cumulative" },
        { column: "Orders", metric: "purchases" },
        { column: "Shares, organic", metric: "shares" },
        { column: "Engagements", metric: "engagements" },
      ],
    },
    parameters: [
      { name: "persuasion", path: "dynamics.persuasion", prior: { kind: "uniform", min: 0.1, max: 1 } },
      { name: "conversion", path: "product.conversionRate", prior: { kind: "beta", alpha: 2, beta: 4 } },
    ],
    summaries: { window: 20 },
    abc: { particles: 30, generations: 2, maxSimulations: 400, predictive: 10, ...abc },
    seed: 3,
  };
}

export function writeFixture(dir: string, abc: Record<string, number> = {}): string {
  writeFileSync(join(dir, "campaign.csv"), campaignCsv());
  const file = join(dir, "calibration.json");
  writeFileSync(file, JSON.stringify(calibrationJson("campaign.csv", abc)));
  return file;
}
