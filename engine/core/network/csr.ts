/**
 * Compressed sparse rows of directed ties j → i ("i hears from j"), indexed by the source j:
 * the followers of j are targets[offsets[j] … offsets[j + 1]). Built in two passes over a
 * deterministic edge emitter, so no temporary edge list is held (memory = the CSR itself).
 */

export interface Csr {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
}

export type EdgeSink = (from: number, to: number, weight: number) => void;
/** Calls `sink` for every tie, in the same order each time it is called. */
export type EdgeEmitter = (sink: EdgeSink) => void;

export function buildCsr(n: number, emit: EdgeEmitter): Csr {
  const offsets = new Int32Array(n + 1);
  emit((from) => {
    offsets[from + 1]++;
  });
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const m = offsets[n];
  const targets = new Int32Array(m);
  const weights = new Float32Array(m);
  const fill = offsets.slice(0, n);
  emit((from, to, w) => {
    const e = fill[from]++;
    targets[e] = to;
    weights[e] = w;
  });
  return { n, offsets, targets, weights };
}

/** Sum of incoming weights per node (Linear Threshold normalisation). */
export function inWeights(g: Csr): Float64Array {
  const s = new Float64Array(g.n);
  for (let e = 0; e < g.targets.length; e++) s[g.targets[e]] += g.weights[e];
  return s;
}

export function outDegree(g: Csr, i: number): number {
  return g.offsets[i + 1] - g.offsets[i];
}
