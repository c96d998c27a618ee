/**
 * Walker's alias table: O(n) build, O(1) draws proportional to non-negative weights.
 * Used by the network generator to pick agents in proportion to their degree propensity.
 */

export interface AliasTable {
  readonly n: number;
  readonly prob: Float64Array;
  readonly alias: Int32Array;
}

export function buildAlias(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  const ns = scale(weights, sum(weights), prob, small, large);
  const left = pair(prob, alias, small, ns, large, n - ns);
  settle(prob, large, left[1]);
  settle(prob, small, left[0]); // rounding leftovers
  return { n, prob, alias };
}

// Each loop is a function of its own: V8 compiles a long loop while it runs (on-stack replacement),
// with no feedback yet for the code after it, and a build's later loops then ran that code's bail-outs,
// in a process's first worlds.

function sum(weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  return total;
}

/** prob[i] = n · w_i / total (1 for a zero total); indices below 1 listed in small, the others in large. Returns the small ones' count. */
function scale(weights: ArrayLike<number>, total: number, prob: Float64Array, small: Int32Array, large: Int32Array): number {
  const n = weights.length;
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    prob[i] = total > 0 ? (weights[i] * n) / total : 1;
    if (prob[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  return ns;
}

/** Walker's pairing: each small index takes the last large one as its alias. Returns how many small and large indices are left. */
function pair(prob: Float64Array, alias: Int32Array, small: Int32Array, ns: number, large: Int32Array, nl: number): [number, number] {
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[nl - 1];
    alias[s] = l;
    prob[l] = prob[l] + prob[s] - 1;
    if (prob[l] < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  return [ns, nl];
}

/** The first `count` indices of `list` get probability 1. */
function settle(prob: Float64Array, list: Int32Array, count: number): void {
  for (let k = 0; k < count; k++) prob[list[k]] = 1;
}

/** Draw an index from two uniforms in [0, 1). */
export function drawAlias(t: AliasTable, u1: number, u2: number): number {
  const i = Math.min(t.n - 1, Math.floor(u1 * t.n));
  return u2 < t.prob[i] ? i : t.alias[i];
}
