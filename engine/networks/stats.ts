/**
 * Structure measures on an undirected simple CSR (every tie in both rows, no repeats): degree
 * sequence and quantiles, the share of ties inside circles, and the average local clustering
 * coefficient (Watts & Strogatz 1998; nodes of degree < 2 count as 0, as in NetworkX), computed by
 * the forward triangle-listing algorithm (Schank & Wagner 2005) on a degree ordering: O(m^1.5).
 */
import type { Csr } from "../core/network/csr.ts";

export function degrees(g: Csr): Int32Array {
  const d = new Int32Array(g.n);
  for (let i = 0; i < g.n; i++) d[i] = g.offsets[i + 1] - g.offsets[i];
  return d;
}

/** Quantile of sorted data (linear interpolation between order statistics, Hyndman–Fan type 7). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Two-sample Kolmogorov–Smirnov distance sup_x |F_a(x) − F_b(x)| between two samples, each sorted ascending (ties handled: both steps at x are taken before comparing). */
export function ksDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0, j = 0, d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Share of ties whose two ends are in the same circle. */
export function inCircleShare(g: Csr, circle: ArrayLike<number>): number {
  let inside = 0;
  for (let i = 0; i < g.n; i++) for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) if (circle[g.targets[e]] === circle[i]) inside++;
  return g.targets.length > 0 ? inside / g.targets.length : NaN;
}

/** Triangles through each node. */
export function triangles(g: Csr): Int32Array {
  const n = g.n;
  const deg = degrees(g);
  // rank by (degree, index): each triangle is found once, from its lowest-ranked node.
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[a] - deg[b] || a - b);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;
  const fOff = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) if (rank[g.targets[e]] > rank[i]) c++;
    fOff[i + 1] = fOff[i] + c;
  }
  const fwd = new Int32Array(fOff[n]);
  for (let i = 0, k = 0; i < n; i++) for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) if (rank[g.targets[e]] > rank[i]) fwd[k++] = g.targets[e];
  const tri = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    for (let e = fOff[u]; e < fOff[u + 1]; e++) mark[fwd[e]] = u;
    for (let e = fOff[u]; e < fOff[u + 1]; e++) {
      const v = fwd[e];
      for (let f = fOff[v]; f < fOff[v + 1]; f++) {
        const w = fwd[f];
        if (mark[w] === u) {
          tri[u]++;
          tri[v]++;
          tri[w]++;
        }
      }
    }
  }
  return tri;
}

/** Average local clustering coefficient over all nodes. */
export function averageClustering(g: Csr): number {
  const tri = triangles(g);
  let sum = 0;
  for (let i = 0; i < g.n; i++) {
    const k = g.offsets[i + 1] - g.offsets[i];
    if (k >= 2) sum += (2 * tri[i]) / (k * (k - 1));
  }
  return g.n > 0 ? sum / g.n : NaN;
}

export interface GraphStats {
  nodes: number;
  /** Undirected ties. */
  ties: number;
  meanDegree: number;
  p10: number;
  median: number;
  p90: number;
  p99: number;
  maxDegree: number;
  inCircleShare: number;
  clustering: number;
  /** The degree sequence, sorted ascending (for KS distances). */
  sortedDegrees: Int32Array;
}

export function graphStats(g: Csr, circle: ArrayLike<number>): GraphStats {
  const d = degrees(g).sort();
  return {
    nodes: g.n,
    ties: g.targets.length / 2,
    meanDegree: g.n > 0 ? g.targets.length / g.n : 0,
    p10: quantile(d, 0.1),
    median: quantile(d, 0.5),
    p90: quantile(d, 0.9),
    p99: quantile(d, 0.99),
    maxDegree: d.length ? d[d.length - 1] : 0,
    inCircleShare: inCircleShare(g, circle),
    clustering: averageClustering(g),
    sortedDegrees: d,
  };
}
