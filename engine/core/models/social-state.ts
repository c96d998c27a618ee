/**
 * Per-agent state of a social run, struct of arrays. A run split across workers puts it in
 * SharedArrayBuffers (engine/split/social-part.ts): every worker sees every column, and
 * writes only the agents it owns.
 */

export interface SocialState {
  readonly fatigue: Float32Array;
  /** Tick of the last exposure: fatigue fades lazily from there. */
  readonly fatigueTick: Int32Array;
  readonly stage: Uint8Array;
  readonly touches: Uint8Array;
  /** Flag bits (mechanism/funnel.ts). */
  readonly flags: Uint8Array;
  /** Exposures seen, saturating at 255. */
  readonly seen: Uint8Array;
  /** Value tier of a customer: 1 HV, 2 MV, 3 LV (0: not a customer). */
  readonly tier: Uint8Array;
  /** Message of the first and of the last persuasive touch (−1: none). */
  readonly firstTouch: Int16Array;
  readonly lastTouch: Int16Array;
  /** Exposures seen per repeated case (one column per case). */
  readonly caseSeen: Uint8Array[];
}

/** Where the columns live: ordinary ArrayBuffers, or SharedArrayBuffers for a split run. */
export type Buffers = (bytes: number) => ArrayBuffer | SharedArrayBuffer;
export const heapBuffers: Buffers = (bytes) => new ArrayBuffer(bytes);
export const sharedBuffers: Buffers = (bytes) => new SharedArrayBuffer(bytes);

/** The state of n agents with `cases` repeated cases, every agent in its initial state. */
export function socialState(n: number, cases: number, buffer: Buffers = heapBuffers): SocialState {
  const state: SocialState = {
    fatigue: new Float32Array(buffer(4 * n)),
    fatigueTick: new Int32Array(buffer(4 * n)),
    stage: new Uint8Array(buffer(n)),
    touches: new Uint8Array(buffer(n)),
    flags: new Uint8Array(buffer(n)),
    seen: new Uint8Array(buffer(n)),
    tier: new Uint8Array(buffer(n)),
    firstTouch: new Int16Array(buffer(2 * n)),
    lastTouch: new Int16Array(buffer(2 * n)),
    caseSeen: Array.from({ length: cases }, () => new Uint8Array(buffer(n))),
  };
  resetState(state, 0, n);
  return state;
}

/** Put agents [lo, hi) back in their initial state (a worker resets the agents it owns before a run). */
export function resetState(s: SocialState, lo: number, hi: number): void {
  for (const column of [s.fatigue, s.fatigueTick, s.stage, s.touches, s.flags, s.seen, s.tier, ...s.caseSeen]) column.fill(0, lo, hi);
  s.firstTouch.fill(-1, lo, hi);
  s.lastTouch.fill(-1, lo, hi);
}

/**
 * How a split run deals its agents to its parts: in blocks of 2^PART_BLOCK_BITS = 64 agents (a cache
 * line of a byte column, so two parts never write one line), block b to part b mod parts. Every
 * circle then spreads over every part, and so does each tick's work, which contiguous ranges (whole
 * circles to one part) left uneven whenever a campaign hit one circle.
 */
export const PART_BLOCK_BITS = 6;

/** The part that owns each block of n agents dealt to `parts` parts. */
export function blockOwners(n: number, parts: number): Uint8Array {
  if (!(Number.isInteger(parts) && parts >= 1 && parts <= 255)) throw new RangeError(`a run splits into 1 … 255 parts, got ${parts}`);
  const owners = new Uint8Array(Math.ceil(n / (1 << PART_BLOCK_BITS)));
  for (let b = 0; b < owners.length; b++) owners[b] = b % parts;
  return owners;
}

/** Calls f(lo, hi) for each block of agents [lo, hi) below `end` that part `index` owns, in agent order. */
export function forOwnedBlocks(owners: Uint8Array, index: number, end: number, f: (lo: number, hi: number) => void): void {
  const B = 1 << PART_BLOCK_BITS;
  for (let b = 0; b < owners.length && b * B < end; b++) if (owners[b] === index) f(b * B, Math.min(end, (b + 1) * B));
}
