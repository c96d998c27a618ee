import { interpolateViridis } from "d3";
import { describe, expect, it } from "vitest";
import { simulate } from "../../engine/experiment/simulate.ts";
import { circleLayout, linkWidth } from "../../viz/charts/circle-map.ts";
import { circleMap, mapCsv, penetrationColor, tiesCsv } from "../../viz/views/circles/data.ts";
import { smallScenario } from "../helpers.ts";

const sim = simulate(smallScenario({
  replicates: 2,
  population: { circles: [{ name: "a", size: 1200 }, { name: "b", size: 800, touchesToConvert: { min: 1, max: 2 } }, { name: "c", size: 500 }] },
  network: { kind: "circles", meanDegree: 12, mixing: [[0.9, 0.1, 0], [0.1, 0.9, 0], [0, 0, 1]], bigAccounts: { count: 2, followers: 800, zombieShare: 0.5 }, brand: { followerShare: 0.1 } },
}));

describe("the circle map's data", () => {
  it("has one node per circle with its consumers and per-tick penetration, and one link per tied pair", () => {
    const d = circleMap(sim, 1, "reach");
    expect(d.plan).toBe("reposts");
    expect(d.nodes.map((n) => [n.name, n.size])).toEqual([["a", 1200], ["b", 800], ["c", 500]]);
    expect(d.nodes[1].values).toBe(sim.plans[1].circleSeries.reach[1]);
    expect(d.ticks).toBe(41);
    // Circle c has no ties outside itself: only a–b is linked.
    expect(d.links.map((l) => [l.source, l.target])).toEqual([[0, 1]]);
    const t = sim.circleTies!;
    expect(d.links[0].total).toBe(t.mean[1] + t.mean[3]);
    expect(d.links[0].totalFirst).toBe(t.first[1] + t.first[3]);
    expect(d.nodes[2].inside).toBe(t.mean[8]);
    expect(d.maxTies).toBe(d.links[0].total);
    // One colour scale for every plan: the largest share of any plan, circle and tick.
    const all = sim.plans.flatMap((p) => p.circleSeries.reach.flatMap((v) => Array.from(v)));
    expect(d.maxValue).toBe(Math.max(...all));
    expect(circleMap(sim, 0, "reach").maxValue).toBe(d.maxValue);
  });

  it("colours by viridis over [0, max] and draws links ∝ ties", () => {
    const c = penetrationColor(0.5);
    expect(c(0)).toBe(interpolateViridis(0));
    expect(c(0.5)).toBe(interpolateViridis(1));
    expect(c(0.25)).toBe(interpolateViridis(0.5));
    expect(linkWidth(100, 100)).toBe(18);
    expect(linkWidth(50, 100)).toBe(9);
    expect(linkWidth(1, 100)).toBe(1.5);
  });

  it("exports the data behind the map and the tie table", () => {
    const csv = mapCsv(sim).trim().split("\n");
    expect(csv[0]).toBe("plan,circle,circle_size,metric,tick,day,share_mean,people_mean");
    expect(csv).toHaveLength(1 + 2 * 2 * 3 * 41);
    const ties = tiesCsv(sim).trim().split("\n");
    expect(ties[0]).toBe("from_circle,to_circle,ties_mean,ties_replicate0");
    expect(ties).toHaveLength(1 + 9);
    expect(ties[2]).toBe(`a,b,${sim.circleTies!.mean[1]},${sim.circleTies!.first[1]}`);
  });

  it("lays circles out deterministically, inside the box, without overlaps", () => {
    const d = circleMap(sim, 0, "reach");
    const sizes = [8000, 5000, 7000, 5000, 300, 1200];
    const links = [{ source: 0, target: 1, total: 900 }, { source: 0, target: 2, total: 300 }, { source: 2, target: 3, total: 50 }, { source: 4, target: 5, total: 10 }];
    for (const [w, hgt] of [[900, 500], [420, 360]]) {
      const a = circleLayout(sizes, links, w, hgt);
      expect(circleLayout(sizes, links, w, hgt)).toEqual(a);
      for (const p of a) {
        expect(p.x - p.r).toBeGreaterThanOrEqual(0);
        expect(p.x + p.r).toBeLessThanOrEqual(w);
        expect(p.y - p.r).toBeGreaterThanOrEqual(0);
        expect(p.y + p.r).toBeLessThanOrEqual(hgt);
      }
      for (let i = 0; i < a.length; i++)
        for (let j = i + 1; j < a.length; j++) expect(Math.hypot(a[i].x - a[j].x, a[i].y - a[j].y)).toBeGreaterThan(a[i].r + a[j].r);
      // Area ∝ consumers.
      expect(a[0].r / a[1].r).toBeCloseTo(Math.sqrt(8000 / 5000), 6);
    }
    expect(circleLayout(d.nodes.map((n) => n.size), d.links, 800, 500)).toHaveLength(3);
    expect(circleLayout([100], [], 800, 500)).toEqual([{ x: 400, y: expect.any(Number), r: expect.any(Number) }]);
  });
});
