/**
 * Events bucketed by tick. An event is (agent, payload) packed into one float key
 * agent · PAYLOAD_CAP + payload; a bucket is sorted and de-duplicated before it is processed, so
 * the processing order is canonical (agent, then payload) whatever order events were scheduled in.
 */

/** Payloads (message ids, event codes) must stay below this. */
export const PAYLOAD_CAP = 1 << 16;

export class TickQueue {
  private readonly buckets: (Float64Array | undefined)[];
  private readonly sizes: Int32Array;

  constructor(readonly horizon: number) {
    this.buckets = new Array(horizon + 1);
    this.sizes = new Int32Array(horizon + 1);
  }

  /** Schedule (agent, payload) at tick t; events past the horizon are dropped (they cannot be observed). */
  push(t: number, agent: number, payload: number): void {
    if (t > this.horizon) return;
    let b = this.buckets[t];
    const n = this.sizes[t];
    if (b === undefined || n === b.length) {
      const grown = new Float64Array(Math.max(16, n * 2));
      if (b) grown.set(b);
      this.buckets[t] = b = grown;
    }
    b[n] = agent * PAYLOAD_CAP + payload;
    this.sizes[t] = n + 1;
  }

  /** Take tick t's events in canonical order, without duplicates; the bucket is released. */
  take(t: number): Float64Array {
    const b = this.buckets[t];
    if (b === undefined) return EMPTY;
    const sorted = b.subarray(0, this.sizes[t]).sort();
    let k = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[k++] = sorted[i];
    this.buckets[t] = undefined;
    this.sizes[t] = 0;
    return sorted.subarray(0, k);
  }
}

const EMPTY = new Float64Array(0);

export function agentOf(key: number): number {
  return Math.floor(key / PAYLOAD_CAP);
}
export function payloadOf(key: number): number {
  return key % PAYLOAD_CAP;
}
