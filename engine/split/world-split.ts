/**
 * World generation split across a pool's threads (issue 16, item 1). The block-model circle network
 * is drawn in three rounds (world-part.ts): traits and raw propensities by ranges of consumers, then
 * the friendship ties drawn into a shared pair record and counted (chunks claimed one at a time), then
 * written from the record by ranges of rows, each row in draw order. Between rounds this thread does
 * what is sequential and small: it normalises θ, builds the alias tables, picks the opinion leaders,
 * sums the counts, lays out the CSR and adds the accounts' followers. So the world is the one
 * buildWorld gives, bit for bit, for any number of threads. A world too large for the pair record
 * draws its ties twice, by ranges of chunks: thread w's come before thread w + 1's in each row, as in
 * one thread's chunk order. Other networks (files, exact degrees, closure) are built here.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { CirclesNetwork } from "../../scenarios/schema/network.ts";
import { sharedArrays } from "../core/memory.ts";
import { accountOverlay } from "../core/network/accounts.ts";
import { friendshipBlocks, friendshipKey, normalisePropensities } from "../core/network/circles.ts";
import { checkClasses, emitterPart, layoutCsr, Palette } from "../core/network/csr.ts";
import { friendshipFill, MAX_PAIR_RECORD, pairRecord, planFriendships } from "../core/network/friendships.ts";
import { layoutPopulation, TRAIT_BLOCK } from "../core/population.ts";
import { Purpose, deriveKey, replicateKey } from "../core/rng/seed.ts";
import { buildWorld, type World } from "../core/world.ts";
import { controlLength } from "./barrier.ts";
import type { PartPool } from "./pool.ts";
import type { WorldStep } from "./world-part.ts";

/** Cut [0, total) into W contiguous ranges on multiples of `grain`. */
function ranges(total: number, workers: number, grain: number): number[] {
  return Array.from({ length: workers + 1 }, (_, w) => (w === workers ? total : Math.min(total, grain * Math.round((w * total) / workers / grain))));
}

/** Cut consumers [0, n) into W row ranges that hold about as many ties each. */
function rowRanges(offsets: Int32Array, n: number, workers: number): number[] {
  const cuts = [0];
  for (let w = 1, i = 0; w < workers; w++) {
    const goal = offsets[0] + ((offsets[n] - offsets[0]) * w) / workers;
    while (i < n && offsets[i] < goal) i++;
    cuts.push(i);
  }
  cuts.push(n);
  return cuts;
}

/** Can the pool draw this scenario's world (a block-model circle network), or must this thread build it? */
export function splitsGeneration(s: Scenario): boolean {
  const net = s.network;
  return net.kind === "circles" && !net.degrees && !((net.closure ?? 0) > 0);
}

/**
 * buildWorld(s, r) with every array in SharedArrayBuffers, its generation split across `pool`'s threads;
 * `pairLimit` caps the pair record (friendships.ts), beyond which the ties are drawn twice.
 */
export async function buildWorldSplit(pool: PartPool, s: Scenario, r: number, pairLimit = MAX_PAIR_RECORD): Promise<World> {
  if (!splitsGeneration(s)) return buildWorld(s, r, { alloc: sharedArrays });
  const net = s.network as CirclesNetwork;
  const W = pool.workers;
  const shared = { workers: W, control: sharedArrays.int32(controlLength(W)) };
  const round = async (step: (w: number) => WorldStep) => void (await pool.run((index) => ({ kind: "world", step: step(index), shared, index }), shared));

  const key = replicateKey(s.seed, r);
  const populationKey = deriveKey(key, Purpose.population);
  const networkKey = deriveKey(key, Purpose.network);
  const pop = layoutPopulation(s, sharedArrays);
  const theta = new Float64Array(sharedArrays.bytes(8 * pop.consumers));
  const people = ranges(pop.consumers, W, TRAIT_BLOCK);
  await round((w) => ({ step: "traits", scenario: s, populationKey, networkKey, pop, theta, lo: people[w], hi: people[w + 1] }));

  normalisePropensities(theta, pop.circleStart);
  const friends = planFriendships(theta, pop.circleStart, friendshipBlocks(s, net), net.weights, friendshipKey(networkKey), sharedArrays);
  const overlay = accountOverlay(s, net, pop, networkKey, theta);
  const chunks = friends.chunkStart[friends.chunkStart.length - 1];
  const cursors = Array.from({ length: W }, () => sharedArrays.int32(pop.n));
  const pairs = pairRecord(friends, sharedArrays, pairLimit);
  const cuts = ranges(chunks, W, 1);
  if (pairs !== undefined) {
    const claim = sharedArrays.int32(1);
    await round((w) => ({ step: "draw", friends, pairs, claim, cursor: cursors[w] }));
    // Which thread drew a chunk varies: only the sum of the counts is the world's.
    for (let w = 1; w < W; w++) for (let i = 0; i < pop.n; i++) cursors[0][i] += cursors[w][i];
    cursors.length = 1;
  } else await round((w) => ({ step: "ties", friends, c0: cuts[w], c1: cuts[w + 1], cursor: cursors[w] }));

  // Classes numbered as buildCsrInParts numbers them: the friendships' two, then the followers'.
  const palette = new Palette();
  friendshipFill(friends, palette);
  const followers = emitterPart(overlay.emit);
  const followerCursor = new Int32Array(pop.n);
  followers.place(followerCursor, palette);
  const csr = layoutCsr(pop.n, [...cursors, followerCursor], palette, sharedArrays);
  const fill = friendshipFill(friends, palette, csr.targets, csr.tieClass)!;
  if (pairs !== undefined) {
    const rows = rowRanges(csr.offsets, pop.consumers, W);
    await round((w) => ({ step: "rows", friends, pairs, cursor: cursors[0], fill, lo: rows[w], hi: rows[w + 1] }));
  } else await round((w) => ({ step: "ties", friends, c0: cuts[w], c1: cuts[w + 1], cursor: cursors[w], fill }));
  followers.place(followerCursor, palette, csr.targets, csr.tieClass);
  checkClasses(csr, palette);
  return { scenario: s, replicate: r, key, pop, net: { csr, accounts: overlay.accounts, complete: false } };
}
