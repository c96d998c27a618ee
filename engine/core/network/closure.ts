/**
 * Triadic closure on the exact-degree rows (docs/model.md §2.1): the consumers are visited in index order,
 * each as the centre c of its wedges; c's neighbours with a free stub are shuffled, and each in turn is
 * linked to the next ones of its circle that also have a free stub and are not yet its neighbours, closing
 * triangles a–c–b until its free stubs run out (Holme & Kim 2002; Toivonen et al. 2006: a friend's friend
 * becomes a friend, and a gathering of c's friends leaves near-cliques). The sweep repeats over the rows
 * it has grown while it still closes a triangle; when it stalls, each consumer still free takes one random
 * partner, which opens new wedges, and the sweeps go on. A centre's row is read in order and the free-stub
 * flags sit in a dense bit column, so the cold reads are the rows scanned to refuse a repeat, where a walk
 * from each free stub (i → j → k) read three cold rows per try; after the first sweep only the centres
 * next to a free stub are visited. Stubs the closure leaves, and all free stubs when there is no closure
 * (repeats and loops the block model refused), are paired with a random member of the circle that has a
 * free stub, and the few left after that rewire an existing tie. Time O(ties + ties closed × the shorter
 * row scanned + later sweeps × the rows next to a free stub).
 */
import { shuffleRange } from "../rng/samplers.ts";
import type { Rng } from "../rng/stream.ts";
import { addTie, linked, type Slots } from "./stubs.ts";

const SWEEPS = 16;
const ROUNDS = 4;
const RANDOM_TRIES = 16;
const SWAP_TRIES = 64;

/**
 * Pair the free stubs inside their circles: by closing wedges when `close`, then with a random member of
 * the circle that has a free stub, then by rewiring. `buffer` holds at least the free stubs.
 */
export function closeTriangles(s: Slots, circleStart: Int32Array, circle: ArrayLike<number>, close: boolean, rng: Rng, buffer: Int32Array): void {
  if (close) closeWedges(s, circleStart, circle, rng);
  const { rowOff, fill, slot } = s;
  const n = fill.length;
  const free = (i: number) => rowOff[i + 1] - fill[i];
  // Members of circle c with a free stub: open[circleStart[c] … circleStart[c] + count[c]); where[i] is i's position or −1.
  const open = new Int32Array(n);
  const where = new Int32Array(n).fill(-1);
  const count = new Int32Array(circleStart.length - 1);
  let F = 0;
  for (let c = 0; c + 1 < circleStart.length; c++)
    for (let i = circleStart[c]; i < circleStart[c + 1]; i++) {
      const f = free(i);
      if (f === 0) continue;
      where[i] = circleStart[c] + count[c];
      open[where[i]] = i;
      count[c]++;
      buffer.fill(i, F, F + f);
      F += f;
    }
  shuffleRange(buffer, 0, F, rng);
  const shut = (i: number): void => {
    const c = circle[i];
    const p = where[i];
    const last = open[circleStart[c] + --count[c]];
    open[p] = last;
    where[last] = p;
    where[i] = -1;
  };
  const random = (i: number): number => {
    const c = circle[i];
    for (let t = 0; t < RANDOM_TRIES && count[c] > 0; t++) {
      const k = open[circleStart[c] + Math.floor(rng() * count[c])];
      if (addTie(s, i, k)) return k;
    }
    return -1;
  };
  for (let e = 0; e < F; e++) {
    const i = buffer[e];
    if (free(i) === 0) continue;
    const k = random(i);
    if (k < 0) continue;
    if (free(k) === 0) shut(k);
    if (free(i) === 0) shut(i);
  }
  // Stubs still free (a hub whose partners are all taken, a nearly complete circle): take a tie x–y with x
  // in i's circle and rewire it to i–x and k–y, where k is i or another member with a free stub. Degrees
  // of x and y stay; i and k each gain a tie.
  const swap = (i: number): boolean => {
    const c = circle[i];
    const lo = circleStart[c], size = circleStart[c + 1] - lo;
    for (let t = 0; t < SWAP_TRIES; t++) {
      const x = lo + Math.floor(rng() * size);
      const fx = fill[x] - rowOff[x];
      if (x === i || fx === 0) continue;
      const px = rowOff[x] + Math.floor(rng() * fx);
      const y = slot[px];
      const k = free(i) > 1 ? i : count[c] > 1 ? open[circleStart[c] + Math.floor(rng() * count[c])] : -1;
      if (k < 0 || (k === i && free(i) < 2) || y === i || k === x || k === y || linked(s, i, x) || linked(s, k, y)) continue;
      let py = rowOff[y];
      while (slot[py] !== x) py++;
      slot[px] = i;
      slot[py] = k;
      slot[fill[i]++] = x;
      slot[fill[k]++] = y;
      if (k !== i && free(k) === 0) shut(k);
      if (free(i) === 0) shut(i);
      return true;
    }
    return false;
  };
  for (let e = 0; e < F; e++) if (free(buffer[e]) > 0) swap(buffer[e]);
}

/**
 * Closure by wedges (see the top of the file). Sweeps repeat while they close a triangle; when they stall
 * with stubs still free (a consumer whose in-circle ties were kept for closure has few wedges to close),
 * each consumer with a free stub takes one random partner of its circle that has one too, which opens
 * new wedges, and the sweeps go on: at most ROUNDS such rounds.
 */
function closeWedges(s: Slots, circleStart: Int32Array, circle: ArrayLike<number>, rng: Rng): void {
  const { rowOff, fill, slot } = s;
  const n = fill.length;
  // Free stubs per consumer, and whether any are left as one bit per consumer: a centre tests each
  // neighbour's bit, in a column small enough to stay in cache (125 kB per million consumers).
  const left = new Int32Array(n);
  const open = new Int32Array((n + 31) >>> 5);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    left[i] = rowOff[i + 1] - fill[i];
    if (left[i] > 0) open[i >>> 5] |= 1 << (i & 31);
    longest = Math.max(longest, rowOff[i + 1] - rowOff[i]);
  }
  const isOpen = (i: number) => ((open[i >>> 5] >>> (i & 31)) & 1) !== 0;
  const use = (i: number) => {
    if (--left[i] === 0) open[i >>> 5] &= ~(1 << (i & 31));
  };
  // Centres worth visiting: after the first sweep, the neighbours of consumers with a free stub, and
  // any consumer that gains a tie during the sweep. A centre left out has no free neighbour (its
  // neighbours' stubs only run out during a sweep), so it would draw nothing and close nothing.
  const visit = new Uint8Array(n);
  const ends = new Int32Array(longest);
  const link = (a: number, b: number): boolean => {
    if (!isOpen(b) || circle[b] !== circle[a] || !addTie(s, a, b)) return false;
    use(a);
    use(b);
    visit[a] = visit[b] = 1;
    return true;
  };
  const sweep = (all: boolean): number => {
    if (all) visit.fill(1);
    else {
      visit.fill(0);
      for (let i = 0; i < n; i++) if (left[i] > 0) for (let x = rowOff[i]; x < fill[i]; x++) visit[slot[x]] = 1;
    }
    let closed = 0;
    for (let c = 0; c < n; c++) {
      if (visit[c] === 0) continue;
      let m = 0;
      for (let x = rowOff[c], end = fill[c]; x < end; x++) if (isOpen(slot[x])) ends[m++] = slot[x];
      if (m < 2) continue;
      shuffleRange(ends, 0, m, rng);
      for (let p = 0; p + 1 < m; p++)
        for (let q = p + 1; q < m && left[ends[p]] > 0; q++) if (link(ends[p], ends[q])) closed++;
    }
    return closed;
  };
  const seed = (): number => {
    let seeded = 0;
    for (let i = 0; i < n; i++) {
      if (left[i] === 0) continue;
      const lo = circleStart[circle[i]], size = circleStart[circle[i] + 1] - lo;
      for (let t = 0; t < RANDOM_TRIES; t++)
        if (link(i, lo + Math.floor(rng() * size))) {
          seeded++;
          break;
        }
    }
    return seeded;
  };
  for (let round = 0; round < ROUNDS && (round === 0 || seed() > 0); round++)
    for (let k = 0; k < SWEEPS && sweep(round === 0 && k === 0) > 0; k++);
}
