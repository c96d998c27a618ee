/**
 * Simple-graph views of a CSR: repeated ties removed row by row (first occurrence kept, order
 * otherwise unchanged), and the undirected simple graph (each tie in both directions, once) that
 * degree, clustering and community measures use. A marker array makes both O(n + m), no sorting.
 */
import { buildCsr, type Csr } from "./csr.ts";

/** Remove repeated targets within each row, in place (the first occurrence stays); returns the new CSR and how many entries went. */
export function dedupeRows(g: Csr): { csr: Csr; removed: number } {
  const { n, offsets, targets, tieClass } = g;
  const mark = new Int32Array(n).fill(-1);
  const off = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const t = targets[e];
      if (mark[t] === i) continue;
      mark[t] = i;
      targets[w] = t;
      tieClass[w] = tieClass[e];
      w++;
    }
    off[i + 1] = w;
  }
  const removed = offsets[n] - w;
  return { csr: { n, offsets: off, targets: removed ? targets.slice(0, w) : targets, tieClass: removed ? tieClass.slice(0, w) : tieClass, classWeight: g.classWeight }, removed };
}

/** Count repeated targets within rows without changing anything. */
export function countRepeats(g: Csr): number {
  const mark = new Int32Array(g.n).fill(-1);
  let r = 0;
  for (let i = 0; i < g.n; i++)
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
      const t = g.targets[e];
      if (mark[t] === i) r++;
      else mark[t] = i;
    }
  return r;
}

/**
 * The undirected simple graph of the ties among nodes [0, n) (ties to or from nodes ≥ n, such as
 * accounts, are left out): i–j when i → j or j → i, once, no self-loops. Weights are 1.
 */
export function undirectedSimple(g: Csr, n = g.n): Csr {
  const both = buildCsr(n, (out) => {
    const one = out.classOf(1);
    for (let i = 0; i < n; i++)
      for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
        const j = g.targets[e];
        if (j === i || j >= n) continue;
        out.add(i, j, one);
        out.add(j, i, one);
      }
  });
  return dedupeRows(both).csr;
}
