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
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    prob[i] = total > 0 ? (weights[i] * n) / total : 1;
    if (prob[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
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
  while (nl > 0) prob[large[--nl]] = 1;
  while (ns > 0) prob[small[--ns]] = 1; // rounding leftovers
  return { n, prob, alias };
}

/** Draw an index from two uniforms in [0, 1). */
export function drawAlias(t: AliasTable, u1: number, u2: number): number {
  const i = Math.min(t.n - 1, Math.floor(u1 * t.n));
  return u2 < t.prob[i] ? i : t.alias[i];
}
