/**
 * Stylized fact 10 (MODEL.md) on library:weak-ties: weak cross-circle ties speed up diffusion across circles.
 *
 * Plans of one scenario share one network, so the worlds without weak ties are built here from the
 * library file: "closed" sets the circle mixing matrix to the identity (every tie inside its circle),
 * "few" keeps 2% of ties crossing instead of the file's 20%. Mean degree, population, plan and seed are
 * unchanged, so replicate r of each world has the same consumers (same traits) and the same seeding.
 * The campaign seeds only the runners' circle; what is measured is the reach penetration of the other
 * three circles (per-circle series of each run).
 *
 * Replicates: the scenario's 20 in each world, compared replicate by replicate (the network differs,
 * so the pairing only shares population and draws; it is still a fair, conservative pairing) and by medians.
 * Measured at model 2.0.0 on seed 5 (the scenario's) and seeds 2, 3, 4, 6, 8.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { median, shareBeats } from "./helpers.ts";

/** 5% of the other circles reached: the "it has crossed over" mark. */
const CROSSED = 0.05;

let s: Scenario;
let home: number;
let weak: RunResult[];
let few: RunResult[];
let closed: RunResult[];

function withMixing(base: Scenario, inCircle: number): Scenario {
  const net = base.network;
  if (net.kind !== "circles") throw new Error("expected a circles network");
  const C = base.population.circles.length;
  if (inCircle === 1) {
    const identity = Array.from({ length: C }, (_, a) => Array.from({ length: C }, (_, b) => (a === b ? 1 : 0)));
    return { ...base, network: { ...net, mixing: identity } };
  }
  return { ...base, network: { ...net, mixing: undefined, inCircleShare: inCircle } };
}

/** Reach penetration of circle c at tick t. */
const penetration = (r: RunResult, c: number, t: number): number =>
  r.series.circleValues[c * r.series.rows + t] / s.population.circles[c].size; // reach is circle metric 0
/** Mean reach penetration of the circles the campaign did not seed. */
const others = (r: RunResult, t: number): number => {
  const cs = s.population.circles.map((_, c) => c).filter((c) => c !== home);
  return cs.reduce((a, c) => a + penetration(r, c, t), 0) / cs.length;
};
/** First tick at which the other circles are CROSSED reached on average (Infinity: never within the horizon). */
const crossing = (r: RunResult): number => {
  for (let t = 0; t < r.series.rows; t++) if (others(r, t) >= CROSSED) return t;
  return Infinity;
};

beforeAll(() => {
  s = readScenario("library:weak-ties");
  home = s.population.circles.findIndex((c) => c.name === "runners");
  weak = runReplicates(s)[0];
  few = runReplicates(withMixing(s, 0.98))[0];
  closed = runReplicates(withMixing(s, 1))[0];
});

describe("library:weak-ties — fact 10: weak cross-circle ties speed up diffusion across circles", () => {
  it("runs at least 20 replicates by default and seeds a single circle", () => {
    expect(s.replicates).toBeGreaterThanOrEqual(20);
    const net = s.network;
    if (net.kind !== "circles") throw new Error("expected a circles network");
    expect(net.mixing).toBeUndefined();
    expect(net.inCircleShare).toBeLessThan(1);
    expect(s.plans.map((p) => p.strategies.map((x) => (x.type === "kolSeeding" ? x.circles : x.type)))).toEqual([[["runners"]]]);
    expect(weak[0].series.circleMetrics[0]).toBe("reach");
  });

  it("in the closed world the campaign reaches its own circle but never leaves it", () => {
    const H = s.horizon;
    // The home circle is reached about as well as with weak ties (measured medians: 40–42% closed, 37–40% weak).
    expect(median(closed.map((r) => penetration(r, home, H)))).toBeGreaterThan(0.8 * median(weak.map((r) => penetration(r, home, H))));
    // No replicate reaches as much as 1% of the other circles (measured: 0 in every replicate, every seed).
    expect(Math.max(...closed.map((r) => others(r, H)))).toBeLessThan(0.01);
    // With weak ties, every replicate crosses over (measured: median tick 2.5–3, latest 12).
    expect(weak.every((r) => Number.isFinite(crossing(r)))).toBe(true);
  });

  it("with weak ties the other circles are reached sooner than with only a few cross-circle ties", () => {
    // Time to cross over: median 2.5–3 ticks with weak ties vs 7 ticks to never (seed 5: 12 of 20 never) with few.
    expect(median(weak.map(crossing))).toBeLessThan(median(few.map(crossing)));
    // Replicate by replicate: earlier in 18.5–20 of 20 (ties count half). Threshold 0.8: at least two replicates of room.
    expect(shareBeats(few.map(crossing), weak.map(crossing))).toBeGreaterThanOrEqual(0.8);
    // A week in, the other circles are further penetrated in 18–20 of 20 replicates (median ≈ 16–19% vs ≈ 1–5%).
    // Threshold 0.85 leaves one replicate of room on the worst seed (4); pooled, 118 of 120 pairs went this way,
    // and at a true share of 0.98 four or more wrong pairs of 20 have probability < 0.1%.
    expect(shareBeats(weak.map((r) => others(r, 7)), few.map((r) => others(r, 7)))).toBeGreaterThanOrEqual(0.85);
  });
});
