/**
 * Funnel stages and the touch threshold (docs/model.md §3.5–3.6). Persuasion moves an agent one
 * stage up to "interested"; an interested, brand-aware agent with touches ≥ k converts with
 * probability γ·affinity per tick, drawn once as a geometric waiting time.
 */

export const Stage = { unaware: 0, aware: 1, interested: 2, customer: 3, fan: 4 } as const;
export const STAGES = 5;

/** Agent flag bits; `viaShare`: the last persuasive touch came through a reshare (word of mouth). */
export const Flag = { reached: 1, brandAware: 2, pending: 4, viaShare: 8 } as const;

/** Funnel event codes (the payload of the funnel queue). */
export const FunnelEvent = { convert: 0, fan: 1, fanPost: 2 } as const;

/** Ready to buy: interested, remembers the brand, and touched at least k times. */
export function readyToConvert(stage: number, flags: number, touches: number, threshold: number): boolean {
  return stage === Stage.interested && (flags & Flag.brandAware) !== 0 && touches >= threshold;
}
