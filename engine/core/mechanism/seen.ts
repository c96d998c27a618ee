/**
 * Seen (docs/model.md §3, step 1): a delivery is seen with probability a_i, the reader's activity
 * (zombies and accounts have a = 0). Seen exposures are counted per reader and per case in Uint8
 * columns that saturate at 255.
 */

/** The delivery is seen when its uniform draw u falls below the reader's activity a_i. */
export function seen(u: number, activity: number): boolean {
  return u < activity;
}

/** A seen-exposure counter after one more exposure, saturating at 255 (δ^255 is 0 for every δ < 0.9). */
export function bumpSeen(count: number): number {
  return count < 255 ? count + 1 : 255;
}
