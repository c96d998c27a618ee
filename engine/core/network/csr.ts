/**
 * Compressed sparse rows of directed ties j → i ("i hears from j"), indexed by the source j:
 * the followers of j are targets[offsets[j] … offsets[j + 1]). Built in two passes over a
 * deterministic edge emitter (count, then fill), so no full edge list is ever held: memory is the
 * CSR itself plus one small batch buffer.
 */
import { heapArrays, type Allocator } from "../memory.ts";

export interface Csr {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
}

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

/**
 * One source of ties for buildCsrInParts. `place` walks its ties in a fixed order and bumps
 * cursor[from] for each; given `targets`, it also writes the tie at the cursor's old value. Called
 * on zeros it counts the part's ties per row; called on the part's row starts it fills them.
 */
export interface TiePart {
  place(cursor: Int32Array, targets?: Int32Array, weights?: Float32Array): void;
}

/** An emitter as a part: its batches are counted, then written, at the cursors. */
export function emitterPart(emit: EdgeEmitter): TiePart {
  return {
    place(cursor, targets, weights) {
      const batch = new EdgeBatch((b) => {
        if (!targets || !weights) for (let k = 0; k < b.size; k++) cursor[b.from[k]]++;
        else
          for (let k = 0; k < b.size; k++) {
            const e = cursor[b.from[k]]++;
            targets[e] = b.to[k];
            weights[e] = b.weight[k];
          }
      });
      emit(batch);
      batch.drain();
    },
  };
}

/** Adjacency rows: node i's ties are slot[rowOff[i] … fill[i]) (stubs.ts's rows of fixed capacity, or a CSR with fill = offsets + 1). */
export interface Rows {
  readonly rowOff: Int32Array;
  readonly fill: Int32Array;
  readonly slot: Int32Array;
}

/**
 * The rows as a part of the CSR (csr.ts): row i's ties in slot order, each weighing `inside` when both
 * ends are in one circle and `across` otherwise, or `own[x]` for the tie in slot x when given (a
 * file's weights). Rows are already adjacency lists, so both passes read them straight through (no
 * edge batches).
 */
export function rowsPart(s: Rows, circle: ArrayLike<number>, inside: number, across: number, own?: Float32Array): TiePart {
  const { rowOff, fill, slot } = s;
  return {
    place(cursor, targets, weights) {
      if (targets === undefined || weights === undefined) {
        for (let i = 0; i < fill.length; i++) cursor[i] += fill[i] - rowOff[i];
        return;
      }
      for (let i = 0; i < fill.length; i++) {
        const c = circle[i];
        let e = cursor[i];
        for (let x = rowOff[i]; x < fill[i]; x++, e++) {
          const j = slot[x];
          targets[e] = j;
          weights[e] = own !== undefined ? own[x] : circle[j] === c ? inside : across;
        }
        cursor[i] = e;
      }
    },
  };
}

/** Row counts of each part, in `place` order: what buildCsrFromCounts needs. */
export function countParts(n: number, parts: readonly TiePart[]): Int32Array[] {
  return parts.map((p) => {
    const count = new Int32Array(n);
    p.place(count);
    return count;
  });
}

/**
 * The CSR offsets from the parts' row counts; each count array becomes its part's cursor (row i's
 * ties of part p follow those of the parts before it), ready for the fill. Returns the empty CSR.
 */
export function layoutCsr(n: number, counts: readonly Int32Array[], alloc: Allocator = heapArrays): Csr {
  const offsets = alloc.int32(n + 1);
  let x = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = x;
    for (const count of counts) {
      const k = count[i];
      count[i] = x;
      x += k;
    }
  }
  offsets[n] = x;
  return { n, offsets, targets: alloc.int32(x), weights: alloc.float32(x) };
}

/** The CSR of several parts: each row holds part 0's ties, then part 1's, …, each in its own order. */
export function buildCsrInParts(n: number, parts: readonly TiePart[], alloc: Allocator = heapArrays): Csr {
  const cursors = countParts(n, parts);
  const csr = layoutCsr(n, cursors, alloc);
  parts.forEach((p, k) => p.place(cursors[k], csr.targets, csr.weights));
  return csr;
}

export function buildCsr(n: number, emit: EdgeEmitter, alloc: Allocator = heapArrays): Csr {
  return buildCsrInParts(n, [emitterPart(emit)], alloc);
}

/** Sum of incoming weights per node (Linear Threshold normalisation). */
export function inWeights(g: Csr): Float64Array {
  const s = new Float64Array(g.n);
  for (let e = 0; e < g.targets.length; e++) s[g.targets[e]] += g.weights[e];
  return s;
}
