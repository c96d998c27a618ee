/**
 * Worker w's part of one Independent Cascade run split across W workers: the same live-edge draws as
 * models/cascade.ts (tie e is live when hash1(key, e) < p · 2³²), so the result is bit-identical to the
 * single-threaded run for any W. One tick, per worker:
 *   (a) scan: fire the frontier agents it owns (activated on the previous tick, or seeds on tick 0), in
 *       index order; a live tie to an inactive agent activates it at once if the worker owns it, else
 *       the target is written once into the outbox for its owner;
 *   — barrier —
 *   (b) activate: the owner activates the requested agents still inactive (duplicates drop out), on
 *       this tick; they join its next frontier, and its counts of tick t.
 * A scan may read an agent's flag while its owner sets it (phase b of the tick before): it then sees
 * 0 or 1. A stale 0 only sends a request its owner drops, a 1 is true, and flags only go 0 → 1 during a
 * run, so which agents activate on which tick, and every count, is the same as in one thread.
 * The run stops on the first tick where nobody activated or requested anything (all workers read the
 * same counts after the barrier); every later tick then counts nothing, as in one thread.
 */
import { hash1 } from "../core/rng/hash.ts";
import { barrier } from "./barrier.ts";
import { JOB_KEY, JOB_SEED_COUNT, JOB_THRESHOLD, STATS_ATTEMPTS, STATS_CIRCLES, STATS_REQUESTS, statsStride, type CascadeShared } from "./layout.ts";

/** A worker's private scratch: its frontier bitmaps (owned words only) and the bitmap of targets it requested this tick. */
interface Scratch {
  active: Int32Array;
  w: number;
  front: Int32Array;
  next: Int32Array;
  sent: Int32Array;
}
let scratch: Scratch | undefined;

function scratchFor(s: CascadeShared, w: number): Scratch {
  if (scratch && scratch.active === s.active && scratch.w === w) return scratch;
  const words = ((s.bounds[w + 1] + 31) >>> 5) - (s.bounds[w] >>> 5);
  scratch = { active: s.active, w, front: new Int32Array(words), next: new Int32Array(words), sent: new Int32Array(s.workers > 1 ? (s.consumers + 31) >>> 5 : 0) };
  return scratch;
}

/** The circle of consumer i: circleStart[c] ≤ i < circleStart[c + 1]. */
function circleOf(circleStart: Int32Array, i: number): number {
  let lo = 0, hi = circleStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (circleStart[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Run worker w's part of the run described by `s.job`; the caller runs every w in 0 … W − 1 at the same
 * time, one thread each (W = s.workers). Returns when the run is complete: `s.stats` then holds every
 * worker's counts. Throws SplitAborted when another worker failed; a worker that fails must call
 * abortBarrier(s.control), or the others wait for it forever.
 */
export function runCascadePart(s: CascadeShared, w: number): void {
  const W = s.workers, H = s.horizon, n = s.consumers;
  const { offsets, targets, weights, active, outbox, outboxSize, progress, bounds, control, circleStart } = s;
  const lo = bounds[w], hi = bounds[w + 1];
  const wlo = lo >>> 5, whi = (hi + 31) >>> 5;
  const key = s.job[JOB_KEY] | 0;
  const threshold = s.job[JOB_THRESHOLD];
  const perTie = Number.isNaN(threshold);
  const stride = statsStride(s.circles);
  const rows = s.stats.subarray(w * (H + 1) * stride, (w + 1) * (H + 1) * stride);
  const sc = scratchFor(s, w);
  const sent = sc.sent;
  let front = sc.front, next = sc.next;
  const sentTo = new Int32Array(W);

  // Start: reset the owned range (bits past `consumers` stay 1), activate the owned seeds on tick 0;
  // nobody scans before every worker has done so.
  rows.fill(0);
  front.fill(0);
  next.fill(0);
  for (let k = wlo; k < whi; k++) active[k] = 0;
  if ((hi & 31) !== 0 && whi > wlo) active[whi - 1] = -1 << (hi & 31);
  let fn = 0;
  const seedCount = s.job[JOB_SEED_COUNT];
  for (let k = 0; k < seedCount; k++) {
    const i = s.seeds[k], bit = 1 << (i & 31);
    if (i >= lo && i < hi && (active[i >>> 5] & bit) === 0) {
      active[i >>> 5] |= bit;
      front[(i >>> 5) - wlo] |= bit;
      rows[STATS_CIRCLES + circleOf(circleStart, i)]++;
      fn++;
    }
  }
  barrier(control, W, w, s.spins);

  for (let t = 0; t <= H; t++) {
    const parity = t & 1;
    const base = (parity * W + w) * n;
    const row = t * stride + STATS_CIRCLES;
    sentTo.fill(0);
    let nn = 0, attempts = 0, requested = 0;
    // (a) scan the owned frontier, word by word, lowest agent first.
    for (let k = 0, words = fn > 0 ? whi - wlo : 0; k < words; k++) {
      let m = front[k];
      if (m === 0) continue;
      front[k] = 0;
      const j0 = (wlo + k) << 5;
      do {
        const j = j0 | (31 - Math.clz32(m & -m));
        m &= m - 1;
        const end = offsets[j + 1];
        let e = offsets[j];
        attempts += end - e;
        for (; e < end; e++) {
          const i = targets[e], word = i >>> 5, bit = 1 << (i & 31);
          if ((active[word] & bit) !== 0) continue;
          const h = hash1(key, e);
          if (!(perTie ? h < weights[e] * 4294967296 : h < threshold)) continue;
          if (i >= lo && i < hi) {
            active[word] |= bit;
            next[word - wlo] |= bit;
            rows[row + circleOf(circleStart, i)]++;
            nn++;
          } else if ((sent[word] & bit) === 0) {
            sent[word] |= bit;
            let v = 0;
            while (i >= bounds[v + 1]) v++;
            outbox[base + bounds[v] + sentTo[v]++] = i;
            requested++;
          }
        }
      } while (m !== 0);
    }
    rows[t * stride + STATS_ATTEMPTS] = attempts;
    rows[t * stride + STATS_REQUESTS] = requested;
    for (let v = 0; v < W; v++) outboxSize[(parity * W + w) * W + v] = sentTo[v];
    progress[parity * W + w] = nn + requested;
    barrier(control, W, w, s.spins);

    let any = 0;
    for (let u = 0; u < W; u++) any += progress[parity * W + u];
    // Forget this tick's requests (the owners read the outbox, never this bitmap).
    if (requested > 0)
      for (let v = 0; v < W; v++) for (let k = 0, b = base + bounds[v]; k < sentTo[v]; k++) sent[outbox[b + k] >>> 5] = 0;
    // (b) activate the agents other workers asked this owner to activate.
    for (let u = 0; u < W; u++) {
      if (u === w) continue;
      const len = outboxSize[(parity * W + u) * W + w];
      const b = (parity * W + u) * n + lo;
      for (let k = 0; k < len; k++) {
        const i = outbox[b + k], word = i >>> 5, bit = 1 << (i & 31);
        if ((active[word] & bit) === 0) {
          active[word] |= bit;
          next[word - wlo] |= bit;
          rows[row + circleOf(circleStart, i)]++;
          nn++;
        }
      }
    }
    if (any === 0) break; // nothing activated anywhere on tick t: the cascade is over
    const f = front;
    front = next;
    next = f;
    fn = nn;
  }
  sc.front = front;
  sc.next = next;
  // After the last barrier every worker's counts are in.
  barrier(control, W, w, s.spins);
}
