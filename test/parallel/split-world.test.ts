// A world generated across 1–4 worker threads (engine/split/world-part.ts) is buildWorld's, bit for bit:
// every population column, every CSR array and the accounts, on scenarios whose friendship ties span
// several chunks (so a thread's range starts inside a block) and whose consumers span several trait blocks.
import { describe, expect, it } from "vitest";
import { threadPools } from "./pools.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { buildWorld, type World } from "../../engine/core/world.ts";
import { friendshipPart, planFriendships, TIE_CHUNK } from "../../engine/core/network/friendships.ts";
import { friendshipBlocks, friendshipKey, normalisePropensities, rawPropensities } from "../../engine/core/network/circles.ts";
import { accountOverlay } from "../../engine/core/network/accounts.ts";
import { buildCsrInParts, emitterPart } from "../../engine/core/network/csr.ts";
import { deriveKey, Purpose } from "../../engine/core/rng/seed.ts";
import type { CirclesNetwork } from "../../scenarios/schema/network.ts";
import { TRAIT_BLOCK } from "../../engine/core/population.ts";
import { buildWorldSplit, splitsGeneration } from "../../engine/split/world-split.ts";
import { isShared } from "../../engine/split/layout.ts";

const WORKERS = [1, 2, 3, 4];
const pools = threadPools(WORKERS);

const circles = [
  { name: "a", size: 13_001, kols: 3, kolReach: 0.05, activity: { alpha: 0.7, beta: 1.3 } },
  { name: "b", size: 9_000, kols: 2, kolReach: 0.1 },
  { name: "c", size: 4_123, kols: 1 },
];

function scenario(network: Record<string, unknown>): Scenario {
  return loadScenario({
    name: "split-world",
    horizon: 10,
    seed: 17,
    population: { circles },
    network: { kind: "circles", meanDegree: 12, bigAccounts: { count: 2, followers: 900, zombieShare: 0.3 }, brand: { followerShare: 0.02 }, ...network },
  });
}

const COLUMNS = ["circle", "kind", "trust", "skepticism", "activity", "threshold"] as const;

function expectSameWorld(split: World, plain: World): void {
  for (const c of COLUMNS) expect(Buffer.compare(bytes(split.pop[c]), bytes(plain.pop[c])), c).toBe(0);
  for (const c of ["offsets", "targets", "tieClass", "classWeight"] as const) expect(Buffer.compare(bytes(split.net.csr[c]), bytes(plain.net.csr[c])), c).toBe(0);
  expect(split.net.accounts.kolsByCircle.map((k) => [...k])).toEqual(plain.net.accounts.kolsByCircle.map((k) => [...k]));
  expect([...split.net.accounts.bigAccounts]).toEqual([...plain.net.accounts.bigAccounts]);
  expect(split.key).toBe(plain.key);
}

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("a world generated on several threads", () => {
  const s = scenario({});
  const plain = buildWorld(s, 2);

  it("spans several chunks and trait blocks, so the split is exercised", () => {
    expect(splitsGeneration(s)).toBe(true);
    expect(plain.net.csr.targets.length / 2).toBeGreaterThan(2 * TIE_CHUNK);
    expect(plain.pop.consumers).toBeGreaterThan(4 * TRAIT_BLOCK);
  });

  it.each(WORKERS)("%i thread(s): the plain world, bit for bit, in shared memory", async (w) => {
    const split = await buildWorldSplit(pools.get(w)!, s, 2);
    expectSameWorld(split, plain);
    expect(isShared(split.net.csr.targets) && isShared(split.pop.trust)).toBe(true);
  });

  it("another replicate is another world, again equal to the plain one", async () => {
    const split = await buildWorldSplit(pools.get(3)!, s, 5);
    expectSameWorld(split, buildWorld(s, 5));
    expect(Buffer.compare(bytes(split.net.csr.targets.subarray(0, 100)), bytes(plain.net.csr.targets.subarray(0, 100)))).not.toBe(0);
  });

  it("a world too large for the pair record draws its ties twice, on one thread or by chunk ranges on several: the same ties", async () => {
    const net = s.network as CirclesNetwork;
    const { pop } = plain;
    const key = deriveKey(plain.key, Purpose.network);
    const theta = new Float64Array(pop.consumers);
    rawPropensities(pop, net, key, theta, 0, pop.consumers);
    normalisePropensities(theta, pop.circleStart);
    const friends = planFriendships(theta, pop.circleStart, friendshipBlocks(s, net), net.weights, friendshipKey(key));
    const twice = buildCsrInParts(pop.n, [friendshipPart(friends, 0), emitterPart(accountOverlay(s, net, pop, key, theta).emit)]);
    for (const c of ["offsets", "targets", "tieClass", "classWeight"] as const) expect(Buffer.compare(bytes(twice[c]), bytes(plain.net.csr[c])), c).toBe(0);
    for (const w of [2, 3]) expectSameWorld(await buildWorldSplit(pools.get(w)!, s, 2, 0), plain);
  });

  it("a network the pool does not draw (triadic closure) is built on the calling thread, the same as buildWorld", async () => {
    const closed = scenario({ closure: 0.3 });
    expect(splitsGeneration(closed)).toBe(false);
    expectSameWorld(await buildWorldSplit(pools.get(2)!, closed, 1), buildWorld(closed, 1));
  });
});
