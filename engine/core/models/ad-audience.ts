/**
 * Who an ad strategy can still reach under its frequency cap (docs/model.md §5, "Ads"). Each impression
 * goes to a consumer drawn uniformly among the target circle's consumers not yet capped in the current
 * window; the circle is drawn in proportion to weight × the share of it still deliverable. A consumer
 * who reaches the cap leaves the pool (swap-remove) until the next window, so a draw costs O(1) and an
 * audience that is used up is reported as such rather than shown the same ad again. The pool's order
 * depends only on the draws, so every part of a split run, replaying every impression, keeps it equal.
 */
import type { FrequencyCap } from "../../../scenarios/schema/strategies.ts";
import type { Population } from "../population.ts";
import { uniform } from "../rng/hash.ts";

export class AdAudience {
  /** Consumers of the target circles, circle by circle; each circle's deliverable members come first. */
  private readonly pool: Int32Array;
  private readonly first: Int32Array;
  private readonly size: Int32Array;
  private readonly live: Int32Array;
  /** Impressions in the current window, and the window they were counted in. */
  private readonly shown: Uint8Array;
  private readonly stamp: Int32Array;
  private window = -1;
  /** The cap and the circles' first consumers, copied to fields: scenario objects differ in shape from run to run. */
  private readonly capImpressions: number;
  private readonly capTicks: number;
  private readonly circleStart: Int32Array;
  /** The last aim's weights, each times its circle's deliverable share, and their total. */
  private readonly weights: Float64Array;
  private readonly weighed: Float64Array;
  private total = 0;

  constructor(pop: Population, readonly circles: Int32Array, cap: FrequencyCap) {
    this.capImpressions = cap.impressions;
    this.capTicks = cap.ticks;
    this.circleStart = pop.circleStart;
    const J = circles.length;
    this.first = new Int32Array(J + 1);
    this.weights = new Float64Array(J);
    this.weighed = new Float64Array(J);
    this.size = new Int32Array(J);
    for (let j = 0; j < J; j++) {
      const c = circles[j];
      this.size[j] = pop.circleStart[c + 1] - pop.circleStart[c];
      this.first[j + 1] = this.first[j] + this.size[j];
    }
    const A = this.first[J];
    this.pool = new Int32Array(A);
    for (let j = 0; j < J; j++)
      for (let r = 0; r < this.size[j]; r++) this.pool[this.first[j] + r] = pop.circleStart[circles[j]] + r;
    this.live = Int32Array.from(this.size);
    this.shown = new Uint8Array(A);
    this.stamp = new Int32Array(A).fill(-1);
  }

  /** Enter tick t: a new window makes everyone deliverable again (counts reset lazily by stamp). */
  at(t: number): void {
    const w = Math.floor(t / this.capTicks);
    if (w !== this.window) {
      this.window = w;
      this.live.set(this.size);
    }
  }

  /**
   * Circle j's weight times its deliverable share (live / size), stored: a method that returned the
   * share would box it as a heap number on every call V8 does not inline.
   */
  private weigh(j: number): void {
    this.weighed[j] = this.weights[j] * (this.size[j] > 0 ? this.live[j] / this.size[j] : 0);
  }

  /**
   * Weigh the target circles for the picks that follow (one ads publication): circle j is drawn in
   * proportion to weights[j] × its deliverable share. The products and their total are kept, and only
   * circle j's is taken again when a member of j reaches the cap: the same numbers as weighing every
   * circle at every pick, without J divisions per impression.
   */
  aim(weights: ArrayLike<number>): void {
    for (let j = 0; j < this.circles.length; j++) this.weights[j] = weights[j];
    for (let j = 0; j < this.circles.length; j++) this.weigh(j);
    this.sum();
  }

  private sum(): void {
    let total = 0;
    for (let j = 0; j < this.circles.length; j++) total += this.weighed[j];
    this.total = total;
  }

  /**
   * The consumer of impression kk at tick t, from two draws keyed by (key, t, kk) and the content's draw
   * word: u = uniform(…, word) picks the circle (by the weights of the last aim), v = uniform(…, ~word)
   * the member. −1 when nobody in the audience can be shown the ad this window. The draws are made here,
   * not passed in: a double passed to a call V8 does not inline is a heap number per impression.
   */
  pick(key: number, t: number, kk: number, word: number): number {
    const u = uniform(key, t, kk, word), v = uniform(key, t, kk, ~word);
    const J = this.circles.length;
    const total = this.total;
    if (!(total > 0)) return -1;
    let x = u * total;
    let j = -1; // the circle x falls in, or the last one with deliverable weight if rounding runs past the end
    for (let k = 0; k < J; k++) {
      const wk = this.weighed[k];
      if (wk <= 0) continue;
      j = k;
      if (x < wk) break;
      x -= wk;
    }
    const slot = this.first[j] + Math.min(this.live[j] - 1, Math.floor(v * this.live[j]));
    const i = this.pool[slot];
    // Audience member k: the circle's first slot plus the consumer's rank in its circle.
    const k = this.first[j] + i - this.circleStart[this.circles[j]];
    if (this.stamp[k] !== this.window) {
      this.stamp[k] = this.window;
      this.shown[k] = 0;
    }
    if (++this.shown[k] >= this.capImpressions) {
      // Capped: swap with the circle's last deliverable member and shrink the deliverable range.
      const last = this.first[j] + --this.live[j];
      this.pool[slot] = this.pool[last];
      this.pool[last] = i;
      this.weigh(j);
      this.sum();
    }
    return i;
  }
}
