/**
 * Circle detection for networks that come without circles: Louvain modularity optimisation
 * (Blondel et al. 2008) through graphology-communities-louvain, on the undirected simple graph,
 * with the project's random source passed in (so the same seed gives the same circles). Circles are
 * ordered by size (largest first, ties by their smallest member) and named c1, c2, …; beyond
 * `maxCircles`, the smallest communities (often isolated nodes and tiny components) are pooled
 * in one circle named "other".
 */
import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import type { Rng } from "../../core/rng/stream.ts";
import type { Csr } from "../../core/network/csr.ts";
import { EdgeBuffer } from "./raw.ts";
import type { Memberships } from "./memberships.ts";

// A CommonJS package whose types declare a default export: Node hands the function itself to a default import.
type Louvain = typeof louvainModule.default;
const louvain: Louvain = (louvainModule as unknown as { default?: Louvain }).default ?? (louvainModule as unknown as Louvain);

export interface DetectOptions {
  resolution: number;
  maxCircles: number;
  rng: Rng;
}

export interface Detection extends Memberships {
  readonly modularity: number;
  /** Communities found before pooling. */
  readonly communities: number;
  /** Communities pooled into "other". */
  readonly pooled: number;
}

/** Louvain communities of the undirected simple graph `g` (every row symmetric, no repeats). */
export function detectCircles(g: Csr, opts: DetectOptions): Detection {
  const graph = new UndirectedGraph();
  for (let i = 0; i < g.n; i++) graph.addNode(String(i));
  for (let i = 0; i < g.n; i++)
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) if (i < g.targets[e]) graph.addEdge(String(i), String(g.targets[e]));
  const out = louvain.detailed(graph, { rng: opts.rng, resolution: opts.resolution, getEdgeWeight: null });
  const community = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) community[i] = out.communities[String(i)];

  const K = out.count;
  const size = new Int32Array(K);
  const firstMember = new Int32Array(K).fill(g.n);
  for (let i = 0; i < g.n; i++) {
    const c = community[i];
    size[c]++;
    if (i < firstMember[c]) firstMember[c] = i;
  }
  const order = Array.from({ length: K }, (_, c) => c).sort((a, b) => size[b] - size[a] || firstMember[a] - firstMember[b]);
  const keep = K > opts.maxCircles ? opts.maxCircles - 1 : K;
  const rank = new Int32Array(K);
  order.forEach((c, r) => (rank[c] = Math.min(r, keep)));
  const names = Array.from({ length: keep }, (_, r) => `c${r + 1}`);
  if (keep < K) names.push("other");
  const pairs = new EdgeBuffer(false);
  for (let i = 0; i < g.n; i++) pairs.add(i, rank[community[i]], 0);
  return {
    names,
    pairs,
    origin: "detected",
    detail: `louvain (resolution ${opts.resolution})`,
    modularity: out.modularity,
    communities: K,
    pooled: K - keep,
  };
}
