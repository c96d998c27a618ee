/**
 * Compressed sparse rows of directed ties j → i ("i hears from j"), indexed by the source j:
 * the followers of j are targets[offsets[j] … offsets[j + 1]). Built in two passes over a
 * deterministic edge emitter (count, then fill), so no full edge list is ever held: memory is the
 * CSR itself plus one small batch buffer.
 */

export interface Csr {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
}

/**
 * Where the CSR arrays live. The default allocates ordinary typed arrays; `sharedArrays` puts them in
 * SharedArrayBuffers, so worker threads can read the network without a copy (engine/split/).
 */
export interface CsrAllocator {
  int32(length: number): Int32Array;
  float32(length: number): Float32Array;
}

export const heapArrays: CsrAllocator = {
  int32: (length) => new Int32Array(length),
  float32: (length) => new Float32Array(length),
};

/** Typed arrays over SharedArrayBuffers (needs cross-origin isolation in a browser). */
export const sharedArrays: CsrAllocator = {
  int32: (length) => new Int32Array(new SharedArrayBuffer(4 * length)),
  float32: (length) => new Float32Array(new SharedArrayBuffer(4 * length)),
};

const BATCH = 1 << 14;

/** Collects ties in fixed-size batches; the same class serves both passes, so `add` stays monomorphic. */
export class EdgeBatch {
  readonly from = new Int32Array(BATCH);
  readonly to = new Int32Array(BATCH);
  readonly weight = new Float32Array(BATCH);
  size = 0;

  constructor(private readonly flush: (b: EdgeBatch) => void) {}

  add(from: number, to: number, weight: number): void {
    const k = this.size;
    this.from[k] = from;
    this.to[k] = to;
    this.weight[k] = weight;
    if (++this.size === BATCH) this.drain();
  }

  drain(): void {
    if (this.size > 0) this.flush(this);
    this.size = 0;
  }
}

/** Adds every tie to the batch, in the same order each time it is called. */
export type EdgeEmitter = (out: EdgeBatch) => void;

export function buildCsr(n: number, emit: EdgeEmitter, alloc: CsrAllocator = heapArrays): Csr {
  const offsets = alloc.int32(n + 1);
  const counter = new EdgeBatch((b) => {
    for (let k = 0; k < b.size; k++) offsets[b.from[k] + 1]++;
  });
  emit(counter);
  counter.drain();
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const m = offsets[n];
  const targets = alloc.int32(m);
  const weights = alloc.float32(m);
  const fill = offsets.slice(0, n);
  const filler = new EdgeBatch((b) => {
    for (let k = 0; k < b.size; k++) {
      const e = fill[b.from[k]]++;
      targets[e] = b.to[k];
      weights[e] = b.weight[k];
    }
  });
  emit(filler);
  filler.drain();
  return { n, offsets, targets, weights };
}

/** Sum of incoming weights per node (Linear Threshold normalisation). */
export function inWeights(g: Csr): Float64Array {
  const s = new Float64Array(g.n);
  for (let e = 0; e < g.targets.length; e++) s[g.targets[e]] += g.weights[e];
  return s;
}
