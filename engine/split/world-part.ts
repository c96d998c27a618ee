/**
 * The thread side of a world generated across a pool (world-split.ts drives it): one thread's round
 * on the shared arrays it is posted. Round "traits" draws the traits and raw degree propensities of
 * a range of consumers. The friendship ties (core/network/friendships.ts) are drawn into a shared pair
 * record, chunk by chunk as the threads claim them from one counter (round "draw", which also counts
 * them), and written from it by ranges of rows (round "rows"). A world too large for the record
 * counts, then writes, the ties of a range of chunks (round "ties", drawing them twice). Every draw is
 * keyed by its block or chunk, so a round's result does not depend on which thread runs what.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { CirclesNetwork } from "../../scenarios/schema/network.ts";
import { rawPropensities } from "../core/network/circles.ts";
import { drawChunks, fillFromRecord, placeFriendships, type FriendshipFill, type Friendships } from "../core/network/friendships.ts";
import { drawTraits, type Population } from "../core/population.ts";

/** One round of a split generation, for one thread. */
export type WorldStep =
  | { readonly step: "traits"; readonly scenario: Scenario; readonly populationKey: number; readonly networkKey: number; readonly pop: Population; readonly theta: Float64Array; readonly lo: number; readonly hi: number }
  | { readonly step: "draw"; readonly friends: Friendships; readonly pairs: Int32Array; readonly claim: Int32Array; readonly cursor: Int32Array }
  | { readonly step: "rows"; readonly friends: Friendships; readonly pairs: Int32Array; readonly cursor: Int32Array; readonly fill: FriendshipFill; readonly lo: number; readonly hi: number }
  | { readonly step: "ties"; readonly friends: Friendships; readonly c0: number; readonly c1: number; readonly cursor: Int32Array; readonly fill?: FriendshipFill };

/** Run one thread's round (part-server.ts). */
export function runWorldPart(m: WorldStep): void {
  switch (m.step) {
    case "traits":
      drawTraits(m.scenario, m.pop, m.populationKey, m.lo, m.hi);
      rawPropensities(m.pop, m.scenario.network as CirclesNetwork, m.networkKey, m.theta, m.lo, m.hi);
      return;
    case "draw": {
      // One chunk at a time from the shared counter: chunks of large circles cost several times
      // those of small ones (their coins miss the caches), so fixed ranges left one thread waiting.
      const { claim } = m;
      const chunks = m.friends.chunkStart[m.friends.chunkStart.length - 1];
      drawChunks(m.friends, () => {
        const q = Atomics.add(claim, 0, 1);
        return q < chunks ? q : -1;
      }, m.pairs, m.cursor);
      return;
    }
    case "rows":
      fillFromRecord(m.friends, m.pairs, m.cursor, m.fill, m.lo, m.hi);
      return;
    case "ties":
      placeFriendships(m.friends, m.c0, m.c1, m.cursor, m.fill);
  }
}
