/**
 * The thread side of a world generated across a pool (world-split.ts drives it): one thread's round
 * on the shared arrays it is posted. Round "traits" draws the traits and raw degree propensities of
 * a range of consumers; round "ties" counts, then writes, the friendship ties of a range of chunks
 * (core/network/friendships.ts): the count keeps its pair record in this thread, and the fill of the
 * same chunks replays it. Every draw is keyed by its block or chunk, so a round's result does not
 * depend on which thread runs it.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { CirclesNetwork } from "../../scenarios/schema/network.ts";
import { rawPropensities } from "../core/network/circles.ts";
import { pairRecord, placeFriendships, type FriendshipFill, type Friendships } from "../core/network/friendships.ts";
import { drawTraits, type Population } from "../core/population.ts";

/** One round of a split generation, for one thread. */
export type WorldStep =
  | { readonly step: "traits"; readonly scenario: Scenario; readonly populationKey: number; readonly networkKey: number; readonly pop: Population; readonly theta: Float64Array; readonly lo: number; readonly hi: number }
  | { readonly step: "ties"; readonly friends: Friendships; readonly c0: number; readonly c1: number; readonly cursor: Int32Array; readonly fill?: FriendshipFill };

/** This thread's pair record from its last count round, kept for the fill round of the same chunks (friendships.ts). */
let record: { key: number; c0: number; c1: number; pairs: Int32Array } | undefined;

/** Run one thread's round (part-server.ts). */
export function runWorldPart(m: WorldStep): void {
  if (m.step === "traits") {
    drawTraits(m.scenario, m.pop, m.populationKey, m.lo, m.hi);
    rawPropensities(m.pop, m.scenario.network as CirclesNetwork, m.networkKey, m.theta, m.lo, m.hi);
    return;
  }
  const { friends, c0, c1 } = m;
  if (m.fill === undefined) {
    const pairs = pairRecord(friends, c0, c1);
    record = pairs && { key: friends.key, c0, c1, pairs };
    placeFriendships(friends, c0, c1, m.cursor, undefined, pairs);
    return;
  }
  const mine = record && record.key === friends.key && record.c0 === c0 && record.c1 === c1 ? record.pairs : undefined;
  record = undefined;
  placeFriendships(friends, c0, c1, m.cursor, m.fill, mine);
}
