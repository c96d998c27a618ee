/**
 * Simulation → the circle map: one node per circle (its consumers and its per-tick penetration for a
 * plan and metric), one link per pair of circles with ties between them (directed tie counts both
 * ways, mean over the replicates' networks and replicate 0's), the colour scale shared by every plan,
 * and the CSV behind the map and the tie table. Pure functions of the results.
 */

import type { Simulation } from "../../../engine/viewer.ts";
import { viridis } from "../../charts/color-bar.ts";
import { table } from "../../export/csv.ts";
import { circleMetricLabel, circleMetrics } from "../compare/data.ts";
import { max } from "d3";

export interface MapNode {
  index: number;
  name: string;
  size: number;
  /** Directed ties inside the circle (mean over replicates, and in replicate 0). */
  inside: number;
  insideFirst: number;
  /** Share of the circle's consumers, per tick (mean over replicates). */
  values: Float64Array;
}

export interface MapLink {
  source: number;
  target: number;
  /** Ties source → target and target → source (mean over replicates). */
  forward: number;
  backward: number;
  /** forward + backward, mean over replicates and in replicate 0. */
  total: number;
  totalFirst: number;
}

export interface CircleMapData {
  plan: string;
  metric: string;
  metricLabel: string;
  tickDays: number;
  /** Ticks 0 … horizon. */
  ticks: number;
  replicates: number;
  nodes: MapNode[];
  links: MapLink[];
  /** Top of the colour scale: the metric's largest share over every plan, circle and tick (so plans compare). */
  maxValue: number;
  maxTies: number;
}

export { circleMetrics, circleMetricLabel };

/** The map of plan `planIndex` coloured by circle metric `metric`. */
export function circleMap(sim: Simulation, planIndex: number, metric: string): CircleMapData {
  const plan = sim.plans[planIndex];
  const C = plan.circles.length;
  const ties = sim.circleTies;
  const mean = ties?.mean ?? new Float64Array(C * C);
  const first = ties?.first ?? new Float64Array(C * C);
  const nodes: MapNode[] = plan.circles.map((c, i) => ({
    index: i, name: c.name, size: c.size, inside: mean[i * C + i], insideFirst: first[i * C + i], values: plan.circleSeries[metric][i],
  }));
  const links: MapLink[] = [];
  for (let a = 0; a < C; a++)
    for (let b = a + 1; b < C; b++) {
      const forward = mean[a * C + b], backward = mean[b * C + a];
      if (forward + backward > 0)
        links.push({ source: a, target: b, forward, backward, total: forward + backward, totalFirst: first[a * C + b] + first[b * C + a] });
    }
  let maxValue = 0;
  for (const p of sim.plans) for (const v of p.circleSeries[metric]) for (const x of v) if (x > maxValue) maxValue = x;
  return {
    plan: plan.plan, metric, metricLabel: circleMetricLabel(metric), tickDays: sim.scenario.tickDays,
    ticks: plan.circleSeries[metric][0]?.length ?? 0, replicates: ties?.replicates ?? 0, nodes, links,
    maxValue: maxValue > 0 ? maxValue : 1, maxTies: Math.max(0, max(links, (l) => l.total) ?? 0),
  };
}

/** Node colour: viridis over [0, maxValue] (colour-blind safe, the comparison heatmap's scale and colour bar). */
export function penetrationColor(maxValue: number): (share: number) => string {
  const s = viridis([0, maxValue]);
  return (v) => s(v);
}

/** Per plan, circle, metric and tick: the share and the people behind the map (every plan and circle metric). */
export function mapCsv(sim: Simulation): string {
  const rows: (string | number)[][] = [];
  const td = sim.scenario.tickDays;
  for (const p of sim.plans)
    for (const m of circleMetrics(sim))
      p.circles.forEach((c, i) => p.circleSeries[m][i].forEach((v, t) => rows.push([p.plan, c.name, c.size, m, t, t * td, v, v * c.size])));
  return table(["plan", "circle", "circle_size", "metric", "tick", "day", "share_mean", "people_mean"], rows);
}

/** Directed consumer ties from each circle to each circle: mean over replicates and replicate 0. */
export function tiesCsv(sim: Simulation): string {
  const t = sim.circleTies;
  if (!t) return table(["from_circle", "to_circle", "ties_mean", "ties_replicate0"], []);
  const C = t.circles.length;
  const rows: (string | number)[][] = [];
  for (let a = 0; a < C; a++) for (let b = 0; b < C; b++) rows.push([t.circles[a], t.circles[b], t.mean[a * C + b], t.first[a * C + b]]);
  return table(["from_circle", "to_circle", "ties_mean", "ties_replicate0"], rows);
}
