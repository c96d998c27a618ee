/**
 * Funnel stages and the touch threshold (docs/model.md §3 step 4, §4). A persuasive touch that names
 * a remembered brand adds a touch and moves an agent up to "interested"; a persuasive negative one
 * takes a touch back and cools an interested agent. An interested, brand-aware agent with
 * touches ≥ k converts with probability γ·affinity per tick, drawn once as a geometric waiting time.
 */

export const Stage = { unaware: 0, aware: 1, interested: 2, customer: 3, fan: 4 } as const;
export const STAGES = 5;

/** Agent flag bits; `viaShare`: the last persuasive touch came through a reshare (word of mouth). */
export const Flag = { reached: 1, brandAware: 2, pending: 4, viaShare: 8 } as const;

/** Funnel event codes (the payload of the funnel queue). */
export const FunnelEvent = { convert: 0, fan: 1, fanPost: 2 } as const;

/** touches_i + 1, saturating at 255 (a Uint8 column). */
export function addTouch(touches: number): number {
  return touches < 255 ? touches + 1 : 255;
}

/** touches_i − 1, not below 0 (a persuasive negative exposure). */
export function removeTouch(touches: number): number {
  return touches > 0 ? touches - 1 : 0;
}

/**
 * The stage after a touch toward buying, given the touches so far (this one included) and the
 * threshold k_i: an unaware or aware agent becomes aware, or interested once touches ≥ min(2, k_i)
 * (at once when one touch is enough); later stages stay.
 */
export function stageAfterTouch(stage: number, touches: number, threshold: number): number {
  return stage < Stage.interested ? (touches >= Math.min(2, threshold) ? Stage.interested : Stage.aware) : stage;
}

/** The stage after a persuasive negative exposure: interested falls back to aware; other stages stay. */
export function stageAfterHarm(stage: number): number {
  return stage === Stage.interested ? Stage.aware : stage;
}

/** Ready to buy: interested, remembers the brand, and touched at least k times. */
export function readyToConvert(stage: number, flags: number, touches: number, threshold: number): boolean {
  return stage === Stage.interested && (flags & Flag.brandAware) !== 0 && touches >= threshold;
}

/** r_tier: the chance that a customer of value tier 1 (HV), 2 (MV) or 3 (LV) persuaded again buys again. */
export function repurchaseChance(tier: number, r: { readonly HV: number; readonly MV: number; readonly LV: number }): number {
  return tier === 1 ? r.HV : tier === 2 ? r.MV : r.LV;
}
