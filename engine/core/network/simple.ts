/**
 * Simple-graph views of a CSR: repeated ties removed row by row (first occurrence kept, order
 * otherwise unchanged), and the undirected simple graph (each tie in both directions, once) that
 * degree, clustering and community measures use. A marker array makes both O(n + m), no sorting.
 */
import { buildCsr, type Csr, type Rows, type TieClasses } from "./csr.ts";

/**
 * Drop every repeat of a target within each row, in place: row i is slot[rowOff[i] … fill[i]); its first
 * copies stay, in order, from rowOff[i] on, and fill[i] moves back over the repeats. `classes`, aligned
 * with `slot`, follow their ties. Targets lie in [0, span): by default the rows' own nodes, but a CSR of
 * node → circle has as many targets as circles. Returns how many entries went.
 */
export function dropRepeats(rows: Rows, classes?: TieClasses, span = rows.fill.length): number {
  const { rowOff, fill, slot } = rows;
  const n = fill.length;
  const mark = new Int32Array(span).fill(-1); // mark[j] = i: j already met in row i
  let removed = 0;
  for (let i = 0; i < n; i++) {
    let w = rowOff[i];
    for (let x = rowOff[i], end = fill[i]; x < end; x++) {
      const j = slot[x];
      if (mark[j] === i) continue;
      mark[j] = i;
      if (classes !== undefined) classes[w] = classes[x];
      slot[w++] = j;
    }
    removed += fill[i] - w;
    fill[i] = w;
  }
  return removed;
}

/**
 * Remove repeated targets within each row, in place (the first occurrence stays); returns the new CSR
 * and how many entries went. Targets lie in [0, span) (dropRepeats).
 */
export function dedupeRows(g: Csr, span = g.n): { csr: Csr; removed: number } {
  const { n, offsets, targets, tieClass } = g;
  const fill = offsets.slice(1);
  const removed = dropRepeats({ rowOff: offsets, fill, slot: targets }, tieClass, span);
  if (removed === 0) return { csr: g, removed };
  // Close the gaps the repeats left at the rows' ends: rows move down, in order.
  const off = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (let x = offsets[i]; x < fill[i]; x++, w++) {
      targets[w] = targets[x];
      tieClass[w] = tieClass[x];
    }
    off[i + 1] = w;
  }
  return { csr: { n, offsets: off, targets: targets.slice(0, w), tieClass: tieClass.slice(0, w), classWeight: g.classWeight }, removed };
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
