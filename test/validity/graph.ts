/** The small directed test graph shared by the IC and LT validity tests, and a runner that reads each node's outcome. */
import { column } from "../../engine/core/collect/collector.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { circleValue, type Edge, scenario } from "./analytic.ts";

/** 9 nodes, 16 directed ties with varied weights; cycles 2→3→6→2 and 4→7→8→4, several paths to most nodes. */
export const GRAPH_NODES = 9;
export const GRAPH: readonly Edge[] = [
  [0, 1, 0.6], [0, 2, 0.3], [1, 3, 0.5], [2, 3, 0.7], [1, 4, 0.4], [3, 5, 0.8], [4, 5, 0.2], [5, 6, 0.5],
  [3, 6, 0.25], [6, 7, 0.9], [4, 7, 0.35], [7, 8, 0.45], [8, 4, 0.55], [6, 2, 0.15], [5, 8, 0.65], [5, 1, 0.3],
];

/** Ticks per run: a node at distance d from the seeds is active by tick d − 1, and no simple path here is longer than 8 ties. */
export const HORIZON = 12;

/**
 * Run a classic model on a directed edge list with each node in its own circle of size 1, so the
 * per-circle "active" metric is each node's activation indicator. Returns the final spread of
 * each run and each node's activation frequency over the runs.
 */
export function runOnGraph(model: Record<string, unknown>, reps: number, n = GRAPH_NODES, edges: readonly Edge[] = GRAPH) {
  const s = scenario({
    horizon: HORIZON,
    replicates: reps,
    model,
    network: { kind: "edges", nodes: n, directed: true, edges },
    population: { circles: Array.from({ length: n }, (_, i) => ({ name: `n${i}`, size: 1 })) },
  });
  const runs = runReplicates(s)[0].map((r) => r.series);
  const spread = runs.map((s) => column(s, "active")[HORIZON]);
  const freq = Array.from({ length: n }, (_, v) => runs.reduce((a, s) => a + circleValue(s, "active", v, HORIZON), 0) / reps);
  return { spread, freq };
}
