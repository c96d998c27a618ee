import { describe, expect, it } from "vitest";
import { buildCsr } from "../../engine/core/network/csr.ts";
import type { Population } from "../../engine/core/population.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { circleTieCounts, summarizeCircleTies } from "../../engine/experiment/circle-ties.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { smallScenario } from "../helpers.ts";

describe("ties between circles", () => {
  it("counts directed consumer ties by (source circle, target circle), leaving accounts out", () => {
    // Consumers 0, 1 in circle 0; 2 in circle 1; agent 3 is an account (no circle).
    const pop = { n: 4, consumers: 3, circleCount: 2, circle: Uint16Array.from([0, 0, 1, 0]) } as unknown as Population;
    const csr = buildCsr(4, (out) => {
      out.add(0, 1, 1); // 0 → 0
      out.add(1, 0, 1); // 0 → 0
      out.add(0, 2, 1); // 0 → 1
      out.add(2, 1, 1); // 1 → 0
      out.add(2, 0, 1); // 1 → 0
      out.add(3, 0, 1); // account: left out
      out.add(2, 3, 1); // to an account: left out
    });
    expect(Array.from(circleTieCounts(csr, pop))).toEqual([2, 1, 2, 0]);
  });

  it("sums to the consumer ties of the generated network", () => {
    const s = smallScenario();
    const w = buildWorld(s, 0);
    const counts = circleTieCounts(w.net.csr, w.pop);
    let consumerTies = 0;
    const { offsets, targets } = w.net.csr;
    for (let e = 0; e < offsets[w.pop.consumers]; e++) if (targets[e] < w.pop.consumers) consumerTies++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(consumerTies);
    // Friendships are symmetric: as many ties a → b as b → a (opinion leaders' followers stay inside their circle).
    expect(counts[1]).toBe(counts[2]);
    expect(counts[0]).toBeGreaterThan(10 * counts[1]);
  });

  it("is in the simulation: the mean over replicates and replicate 0's network", () => {
    const s = smallScenario({ replicates: 3 });
    const sim = simulate(s);
    const per = [0, 1, 2].map((r) => { const w = buildWorld(s, r); return circleTieCounts(w.net.csr, w.pop); });
    expect(sim.circleTies).toEqual(summarizeCircleTies(["a", "b"], per));
    expect(Array.from(sim.circleTies!.first)).toEqual(Array.from(per[0]));
    expect(sim.circleTies!.mean[1]).toBeCloseTo((per[0][1] + per[1][1] + per[2][1]) / 3, 9);
    expect(sim.circleTies!.replicates).toBe(3);
  });
});
