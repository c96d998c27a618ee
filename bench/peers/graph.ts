/**
 * The shared test case of the peers benchmark: one Circlecast-generated friendship network
 * (mutual ties only, so every implementation can read it as undirected or directed alike), a
 * fixed seed set and one activation probability: Independent Cascade, the same model everywhere.
 */
import { buildWorld, loadScenario, type Scenario, type World } from "../../engine/index.ts";
import { stream } from "../../engine/core/rng/stream.ts";

export const IC_PROBABILITY = 0.06;
export const SEEDS = 10;

export interface CascadeCase {
  scenario: Scenario;
  world: World;
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  seeds: number[];
  p: number;
}

export function cascadeCase(consumers: number, horizon = 200): CascadeCase {
  const circles = [0.3, 0.25, 0.2, 0.15, 0.1].map((share, k) => ({ name: `c${k}`, size: Math.round(consumers * share), kols: 0 }));
  const n = circles.reduce((a, c) => a + c.size, 0);
  const seeds = Array.from({ length: SEEDS }, (_, k) => Math.floor((k * n) / SEEDS));
  const scenario = loadScenario({
    name: "peers-ic",
    horizon,
    seed: 11,
    model: { kind: "ic", seeds, probability: IC_PROBABILITY },
    population: { circles },
    network: { kind: "circles", meanDegree: 20, brand: { followerShare: 0 } },
  });
  const world = buildWorld(scenario, 0);
  const { offsets, targets } = world.net.csr;
  return { scenario, world, n, offsets: offsets.subarray(0, n + 1), targets, seeds, p: IC_PROBABILITY };
}

/** The peers' own random source: the engine's sfc32 setup stream keyed by an integer (not Circlecast's IC draws). */
export const peerRng = (seed: number): (() => number) => stream(seed);

/** What each implementation reports for one cascade. */
export interface CascadeRun {
  spread: number;
  attempts: number;
  ms: number;
}
