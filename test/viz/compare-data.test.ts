import { describe, expect, it } from "vitest";
import { simulate } from "../../engine/experiment/simulate.ts";
import { formatCsv, formatSummaryCsv } from "../../engine/node/format.ts";
import { PACKAGE_VERSION } from "../../engine/node/package-info.ts";
import { seriesCsv, summaryCsv, VERSION } from "../../viz/export/csv.ts";
import * as D from "../../viz/views/compare/data.ts";
import { smallScenario } from "../helpers.ts";

const sim = simulate(smallScenario({ replicates: 3 }));

describe("the comparison view's data", () => {
  it("exports the same CSV text as the CLI", () => {
    expect(VERSION).toBe(PACKAGE_VERSION);
    expect(seriesCsv(sim)).toBe(formatCsv(sim));
    expect(summaryCsv(sim)).toBe(formatSummaryCsv(sim));
  });

  it("builds one line and band per plan for reach, awareness and conversions, with one colour per plan", () => {
    const specs = D.overTime(sim);
    expect(specs.map((s) => s.id)).toEqual(["impressions", "reach", "awareness", "conversions"]);
    const reach = specs[1].data;
    expect(reach.lines.map((l) => l.plan)).toEqual(["brand", "reposts"]);
    expect(new Set(reach.lines.map((l) => l.color)).size).toBe(2);
    expect(Array.from(reach.lines[0].mean)).toEqual(Array.from(sim.plans[0].series.reach.mean));
    const csv = D.overTimeCsv(reach).trim().split("\n");
    expect(csv[0]).toBe("plan,metric,tick,day,mean,median,p5,p95");
    expect(csv).toHaveLength(1 + 2 * 41);
  });

  it("builds the funnel from final values, the money bars, and the heatmap from circle series", () => {
    const f = D.funnel(sim)!;
    expect(f.plans[0].stages.map((s) => s.key)).toEqual(["reportedImpressions", "reach", "brandAware", "interested", "customers", "fans"]);
    expect(f.plans[1].stages[4].stat).toEqual(sim.plans[1].final.customers);
    expect(D.money(sim)!.map((b) => b.metric)).toEqual(["spend", "costPerConversion", "roi"]);
    const heat = D.heatmap(sim, "reach");
    expect(heat.plans[0].circles.map((c) => c.name)).toEqual(["a", "b"]);
    expect(heat.plans[0].circles[1].values).toBe(sim.plans[0].circleSeries.reach[1]);
    expect(D.hasWaves(sim)).toBe(false);
  });
});
