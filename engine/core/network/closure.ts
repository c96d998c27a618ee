/**
 * Triadic closure on the exact-degree rows (docs/model.md §2.1): the stubs left free by the block
 * model are visited in a shuffled order; a node with a free stub walks to a random neighbour j, then to
 * a random neighbour k of j, and links to k if k has a free stub and is not yet its neighbour, closing
 * the triangle i–j–k (Holme & Kim 2002; Toivonen et al. 2006); k must be in i's circle, since closure
 * stubs are in-circle stubs. Stubs the walks cannot place, and all free stubs when there is no closure
 * (repeats and loops the block model refused), are paired with a random member of the circle that has
 * a free stub, and the few left after that rewire an existing tie. Time O(free stubs × tries × the
 * shorter row scanned).
 */
import { shuffleRange } from "../rng/samplers.ts";
import type { Rng } from "../rng/stream.ts";
import { addTie, linked, type Slots } from "./stubs.ts";

const WALK_TRIES = 16;
const RANDOM_TRIES = 16;
const SWAP_TRIES = 64;

/**
 * Pair the free stubs inside their circles: by closing triangles when `walks`, else (and as a fallback)
 * with a random member of the circle that has a free stub, then by rewiring. `buffer` holds at least
 * the free stubs.
 */
export function closeTriangles(s: Slots, circleStart: Int32Array, circle: ArrayLike<number>, walks: boolean, rng: Rng, buffer: Int32Array): void {
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
  const close = (i: number): void => {
    const c = circle[i];
    const p = where[i];
    const last = open[circleStart[c] + --count[c]];
    open[p] = last;
    where[last] = p;
    where[i] = -1;
  };
  const walk = (i: number): number => {
    for (let t = 0; t < WALK_TRIES; t++) {
      const fi = fill[i] - rowOff[i];
      if (fi === 0) return -1;
      const j = slot[rowOff[i] + Math.floor(rng() * fi)];
      const k = slot[rowOff[j] + Math.floor(rng() * (fill[j] - rowOff[j]))];
      if (k !== i && free(k) > 0 && circle[k] === circle[i] && addTie(s, i, k)) return k;
    }
    return -1;
  };
  const random = (i: number): number => {
    const c = circle[i];
    for (let t = 0; t < RANDOM_TRIES && count[c] > 0; t++) {
      const k = open[circleStart[c] + Math.floor(rng() * count[c])];
      if (addTie(s, i, k)) return k;
    }
    return -1;
  };
  // First pass: walks only, so that closure gets every stub it can; second: walks, then random partners.
  for (let pass = walks ? 0 : 1; pass < 2; pass++)
    for (let e = 0; e < F; e++) {
      const i = buffer[e];
      if (free(i) === 0) continue;
      let k = walks ? walk(i) : -1;
      if (k < 0 && pass === 1) k = random(i);
      if (k < 0) continue;
      if (free(k) === 0) close(k);
      if (free(i) === 0) close(i);
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
      if (k !== i && free(k) === 0) close(k);
      if (free(i) === 0) close(i);
      return true;
    }
    return false;
  };
  for (let e = 0; e < F; e++) if (free(buffer[e]) > 0) swap(buffer[e]);
}
