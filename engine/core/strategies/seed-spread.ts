/**
 * Seeds by expected spread: CELF lazy greedy (Leskovec et al. 2007) over live-edge samples of an
 * independent-cascade reading of the network (Kempe, Kleinberg & Tardos 2003).
 *
 * A delivery over tie e = j → i is, in sample r, one draw u = uniform(key, r, e): below share[i] the
 * reader sees the piece and passes it on (a live edge of the cascade), below seen[i] it only sees it.
 * A seed set S reaches S, every node its live edges lead to, and every node those see. Per sample that
 * is a union of per-seed sets, a coverage function, so the expected reach is monotone submodular and
 * greedy keeps (1 − 1/e) of the best set's value. The draws are counters, so no sample is stored: the
 * memory is one covered flag per node and sample.
 */
import { uniform } from "../rng/hash.ts";

export interface SpreadGraph {
  readonly n: number;
  /** CSR by source: the ties out of j are targets[offsets[j] … offsets[j + 1]). */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

export interface SpreadModel {
  /** Per node: probability that one delivery to it is seen. */
  readonly seen: Float32Array | Float64Array;
  /** Per node: probability that one delivery to it is seen and passed on (≤ seen). */
  readonly share: Float32Array | Float64Array;
}

export interface SpreadOptions {
  readonly key: number;
  /** Live-edge samples averaged (default 64). */
  readonly samples?: number;
  /**
   * Ties the first pass may look at (default: no limit). On a supercritical network every cascade
   * covers most of it; past this work the remaining candidates (listed last) are not considered.
   */
  readonly maxWork?: number;
}

export interface SeedSet {
  /** In the order greedy picked them: the most valuable first. */
  readonly seeds: Int32Array;
  /** Estimated expected reach after each pick (cumulative). */
  readonly reach: Float64Array;
}

/** Walks one seed's cascade in one sample; counts (or marks) the nodes it reaches that are not yet covered. */
class Walker {
  private readonly stamp: Int32Array;
  private readonly active: Int32Array;
  private readonly queue: Int32Array;
  private tick = 0;
  /** Ties looked at so far: the work of every walk. */
  work = 0;

  constructor(
    private readonly g: SpreadGraph,
    private readonly m: SpreadModel,
    private readonly key: number,
  ) {
    this.stamp = new Int32Array(g.n);
    this.active = new Int32Array(g.n);
    this.queue = new Int32Array(g.n);
  }

  /**
   * New nodes that seed s reaches in sample r beyond `covered`; with `mark`, adds them to it.
   * `spread` flags (coded 2 in `covered`) the nodes that pass the piece on in the chosen seeds'
   * cascades: everything downstream of one is covered already, so the walk stops there.
   */
  walk(s: number, r: number, covered: Uint8Array, mark: boolean): number {
    if (covered[s] === 2) return 0;
    const { offsets, targets } = this.g;
    const { seen, share } = this.m;
    const t = ++this.tick;
    const active = this.active;
    const stamp = this.stamp;
    let gained = 0;
    stamp[s] = t;
    if (!covered[s]) gained++;
    if (mark) covered[s] = 2;
    active[s] = t;
    let head = 0;
    let tail = 0;
    this.queue[tail++] = s;
    while (head < tail) {
      const j = this.queue[head++];
      this.work += offsets[j + 1] - offsets[j];
      for (let e = offsets[j], end = offsets[j + 1]; e < end; e++) {
        const i = targets[e];
        const u = uniform(this.key, r, e, 0);
        if (!(u < seen[i])) continue;
        if (stamp[i] !== t) {
          stamp[i] = t;
          if (!covered[i]) {
            gained++;
            if (mark) covered[i] = 1;
          }
        }
        if (u < share[i] && active[i] !== t && covered[i] !== 2) {
          active[i] = t;
          if (mark) covered[i] = 2;
          this.queue[tail++] = i;
        }
      }
    }
    return gained;
  }
}

/**
 * The k candidates greedy picks for the largest expected reach (fewer if there are fewer candidates).
 * Ties go to the candidate listed first, so the result is a pure function of its inputs.
 */
export function greedySeeds(g: SpreadGraph, m: SpreadModel, candidates: Int32Array, k: number, opts: SpreadOptions): SeedSet {
  const R = Math.max(1, opts.samples ?? 64);
  const want = Math.min(k, candidates.length);
  const walker = new Walker(g, m, opts.key);
  const covered = Array.from({ length: R }, () => new Uint8Array(g.n));
  const gain = (s: number, mark: boolean): number => {
    let sum = 0;
    for (let r = 0; r < R; r++) sum += walker.walk(s, r, covered[r], mark);
    return sum / R;
  };
  // CELF: a stale gain is an upper bound (submodularity), so only the heap's top is ever recomputed.
  const heap = new MaxHeap(candidates.length);
  const bound = new Float64Array(candidates.length);
  const round = new Int32Array(candidates.length);
  for (let c = 0; c < candidates.length; c++) {
    if (c >= want && walker.work > (opts.maxWork ?? Infinity)) break;
    bound[c] = gain(candidates[c], false);
    heap.push(c, bound);
  }
  const seeds = new Int32Array(want);
  const reach = new Float64Array(want);
  let total = 0;
  for (let picked = 0; picked < want; ) {
    const c = heap.pop(bound);
    if (round[c] === picked) {
      seeds[picked] = candidates[c];
      total += gain(candidates[c], true);
      reach[picked++] = total;
    } else {
      bound[c] = gain(candidates[c], false);
      round[c] = picked;
      heap.push(c, bound);
    }
  }
  return { seeds, reach };
}

/** Indices ordered by score, largest first, ties to the smaller index. */
class MaxHeap {
  private readonly items: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
  }

  private static above(a: number, b: number, score: Float64Array): boolean {
    return score[a] > score[b] || (score[a] === score[b] && a < b);
  }

  push(x: number, score: Float64Array): void {
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!MaxHeap.above(x, this.items[p], score)) break;
      this.items[i] = this.items[p];
      i = p;
    }
    this.items[i] = x;
  }

  pop(score: Float64Array): number {
    const top = this.items[0];
    const last = this.items[--this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && MaxHeap.above(this.items[r], this.items[l], score) ? r : l;
      if (!MaxHeap.above(this.items[c], last, score)) break;
      this.items[i] = this.items[c];
      i = c;
    }
    if (this.size > 0) this.items[i] = last;
    return top;
  }
}
