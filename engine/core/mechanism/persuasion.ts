/**
 * Persuasion (docs/model.md §3, step 4): the probability that one seen exposure persuades reader i,
 *   p = λ · w · τ_i · q_x · n · (1 − f) · (paid_x ? 1 − σ_i : 1) · fit(c, x),
 * multiplied left to right in that order (the order fixes the bits of p).
 */

/**
 * p for persuasion strength λ, tie weight w, reader i's trust τ_i, the content's quality q_x, novelty
 * n, fatigue now f, and fit to the reader's circle. Skepticism only discounts paid content, so σ_i is
 * read (skepticism[at]) only then (a memory access less per unpaid exposure).
 */
export function persuasion(
  lambda: number, w: number, trust: number, quality: number, nov: number, f: number,
  paid: boolean, skepticism: Float32Array, at: number, fit: number,
): number {
  return lambda * w * trust * quality * nov * (1 - f) * (paid ? 1 - skepticism[at] : 1) * fit;
}
