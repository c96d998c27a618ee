/**
 * Compressed sparse rows of directed ties j → i ("i hears from j"), indexed by the source j:
 * the followers of j are targets[offsets[j] … offsets[j + 1]). Built in two passes over a
 * deterministic edge emitter (count, then fill), so no full edge list is ever held: memory is the
 * CSR itself plus one small batch buffer.
 */
import { heapArrays, type Allocator } from "../memory.ts";

/** Each tie's class: the smallest unsigned array that numbers the network's distinct weights. */
export type TieClasses = Uint8Array | Uint16Array | Uint32Array;

export interface Csr {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /**
   * Tie e weighs classWeight[tieClass[e]]. A generated network's weights take a few values (strong,
   * weak, the accounts' follow weights), so a byte per tie stands for a float; a file's own weights
   * take one class per distinct value.
   */
  readonly tieClass: TieClasses;
  readonly classWeight: Float32Array;
}

/** The distinct tie weights of a network (as float32), numbered in the order they are first met. */
export class Palette {
  private readonly index = new Map<number, number>();
  private readonly values: number[] = [];

  classOf(weight: number): number {
    const w = Math.fround(weight);
    let c = this.index.get(w);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(w, c);
      this.values.push(w);
    }
    return c;
  }

  get size(): number {
    return this.values.length;
  }

  weights(): Float32Array {
    return Float32Array.from(this.values);
  }
}

/** A class array of `length` ties wide enough for `classes` classes. */
export function tieClasses(classes: number, length: number, alloc: Allocator = heapArrays): TieClasses {
  if (classes <= 1 << 8) return new Uint8Array(alloc.bytes(length));
  if (classes <= 1 << 16) return new Uint16Array(alloc.bytes(2 * length));
  return new Uint32Array(alloc.bytes(4 * length));
}

/** Every tie's weight, expanded from its class (for checks and exports: the engine reads the classes). */
export function tieWeights(g: Csr): Float32Array {
  return Float32Array.from(g.tieClass, (c) => g.classWeight[c]);
}

/** Sum of incoming weights per node (Linear Threshold normalisation). */
export function inWeights(g: Csr): Float64Array {
  const s = new Float64Array(g.n);
  const { targets, tieClass, classWeight } = g;
  for (let e = 0; e < targets.length; e++) s[targets[e]] += classWeight[tieClass[e]];
  return s;
}

const BATCH = 1 << 14;

/** Collects ties in fixed-size batches; the same class serves both passes, so `add` stays monomorphic. */
export class EdgeBatch {
  readonly from = new Int32Array(BATCH);
  readonly to = new Int32Array(BATCH);
  readonly cls = new Uint32Array(BATCH);
  size = 0;

  constructor(private readonly palette: Palette, private readonly flush: (b: EdgeBatch) => void) {}

  /** The class of a weight, to pass to `add` (look it up once, outside loops over ties). */
  classOf(weight: number): number {
    return this.palette.classOf(weight);
  }

  /** The tie from → to of class `cls` (from classOf). */
  add(from: number, to: number, cls: number): void {
    const k = this.size;
    this.from[k] = from;
    this.to[k] = to;
    this.cls[k] = cls;
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
 * cursor[from] for each; given `targets`, it also writes the tie (target and class) at the cursor's
 * old value. Called on zeros it counts the part's ties per row, and names its weights' classes in
 * `palette`; called on the part's row starts it fills them.
 */
export interface TiePart {
  place(cursor: Int32Array, palette: Palette, targets?: Int32Array, tieClass?: TieClasses): void;
}

/**
 * An emitter as a part: its batches are counted, then written, at the cursors. The loops over a batch
 * are functions of the module, not of the closure made for each build: V8 compiled a new closure's loop
 * anew (on-stack, then whole) in every build, 36 times in a 200-run sweep.
 */
export function emitterPart(emit: EdgeEmitter): TiePart {
  return {
    place(cursor, palette, targets, tieClass) {
      const batch = new EdgeBatch(palette, (b) => (targets && tieClass ? writeBatch(b, cursor, targets, tieClass) : countBatch(b, cursor)));
      emit(batch);
      batch.drain();
    },
  };
}

function countBatch(b: EdgeBatch, cursor: Int32Array): void {
  const { from, size } = b;
  for (let k = 0; k < size; k++) cursor[from[k]]++;
}

function writeBatch(b: EdgeBatch, cursor: Int32Array, targets: Int32Array, tieClass: TieClasses): void {
  const { from, to, cls, size } = b;
  for (let k = 0; k < size; k++) {
    const e = cursor[from[k]]++;
    targets[e] = to[k];
    tieClass[e] = cls[k];
  }
}

/** Adjacency rows: node i's ties are slot[rowOff[i] … fill[i]) (stubs.ts's rows of fixed capacity, or a CSR with fill = offsets + 1). */
export interface Rows {
  readonly rowOff: Int32Array;
  readonly fill: Int32Array;
  readonly slot: Int32Array;
}

/**
 * The rows as a part of the CSR: row i's ties in slot order, each weighing `inside` when both ends are
 * in one circle (circles are the consumer ranges of `circleStart`) and `across` otherwise, or, given a
 * file's CSR `own`, the weight of the tie in slot x there. Rows are already adjacency lists, so both
 * passes read them straight through (no edge batches).
 */
export function rowsPart(s: Rows, circleStart: Int32Array, inside: number, across: number, own?: Csr): TiePart {
  const { rowOff, fill, slot } = s;
  return {
    place(cursor, palette, targets, tieClass) {
      const strong = palette.classOf(inside), weak = palette.classOf(across);
      const ownClass = own && Uint32Array.from(own.classWeight, (w) => palette.classOf(w)); // the file's classes in this palette
      if (targets === undefined || tieClass === undefined) {
        for (let i = 0; i < fill.length; i++) cursor[i] += fill[i] - rowOff[i];
        return;
      }
      // Circles are ranges of consumers: j is in i's circle when (j − lo) falls below the circle's size.
      for (let c = 0; c + 1 < circleStart.length; c++) {
        const lo = circleStart[c], size = circleStart[c + 1] - lo;
        for (let i = lo; i < lo + size; i++) {
          let e = cursor[i];
          for (let x = rowOff[i]; x < fill[i]; x++, e++) {
            const j = slot[x];
            targets[e] = j;
            tieClass[e] = ownClass !== undefined ? ownClass[own!.tieClass[x]] : (j - lo) >>> 0 < size ? strong : weak;
          }
          cursor[i] = e;
        }
      }
    },
  };
}

/** Row counts of each part, in `place` order (their classes named in `palette`): what layoutCsr needs. */
export function countParts(n: number, parts: readonly TiePart[], palette: Palette): Int32Array[] {
  return parts.map((p) => {
    const count = new Int32Array(n);
    p.place(count, palette);
    return count;
  });
}

/**
 * The CSR offsets from the parts' row counts; each count array becomes its part's cursor (row i's
 * ties of part p follow those of the parts before it), ready for the fill. Returns the empty CSR, its
 * class array as wide as `palette` needs and its class weights as they are now (every part's classes
 * are named once the counts are done).
 */
export function layoutCsr(n: number, counts: readonly Int32Array[], palette: Palette, alloc: Allocator = heapArrays): Csr {
  const offsets = alloc.int32(n + 1);
  const x = (offsets[n] = rowOffsets(offsets, counts, n));
  return { n, offsets, targets: alloc.int32(x), tieClass: tieClasses(palette.size, x, alloc), classWeight: palette.weights() };
}

/** layoutCsr's loop, on its own for the reason scatterPairs is (friendships.ts); returns the ties. */
function rowOffsets(offsets: Int32Array, counts: readonly Int32Array[], n: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = x;
    for (const count of counts) {
      const k = count[i];
      count[i] = x;
      x += k;
    }
  }
  return x;
}

/** Every class a fill wrote has its weight: parts name their classes when counting (TiePart). */
export function checkClasses(csr: Csr, palette: Palette): void {
  if (palette.size !== csr.classWeight.length) throw new Error(`a tie part named ${palette.size - csr.classWeight.length} weight class(es) only when filling`);
}

/** The CSR of several parts: each row holds part 0's ties, then part 1's, …, each in its own order. */
export function buildCsrInParts(n: number, parts: readonly TiePart[], alloc: Allocator = heapArrays): Csr {
  const palette = new Palette();
  const cursors = countParts(n, parts, palette);
  const csr = layoutCsr(n, cursors, palette, alloc);
  parts.forEach((p, k) => p.place(cursors[k], palette, csr.targets, csr.tieClass));
  checkClasses(csr, palette);
  return csr;
}

export function buildCsr(n: number, emit: EdgeEmitter, alloc: Allocator = heapArrays): Csr {
  return buildCsrInParts(n, [emitterPart(emit)], alloc);
}
