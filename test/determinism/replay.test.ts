import { describe, expect, it } from "vitest";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { runPlan } from "../../engine/core/run.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { smallScenario } from "../helpers.ts";

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("determinism", () => {
  it("the same scenario and seed give bit-identical full series, tables and worlds", () => {
    const s = smallScenario();
    const a = runReplicates(s);
    const b = runReplicates(s);
    for (let p = 0; p < a.length; p++)
      for (let r = 0; r < a[p].length; r++) {
        expect(bytes(a[p][r].series.values).equals(bytes(b[p][r].series.values))).toBe(true);
        expect(bytes(a[p][r].series.circleValues).equals(bytes(b[p][r].series.circleValues))).toBe(true);
        expect(Array.from(a[p][r].tables.frequency)).toEqual(Array.from(b[p][r].tables.frequency));
      }
    const w1 = buildWorld(s, 1), w2 = buildWorld(s, 1);
    expect(Buffer.from(w1.net.csr.targets.buffer).equals(Buffer.from(w2.net.csr.targets.buffer))).toBe(true);
    expect(Buffer.from(w1.pop.trust.buffer).equals(Buffer.from(w2.pop.trust.buffer))).toBe(true);
  });

  it("different seeds give different results", () => {
    const a = runReplicates(smallScenario({ seed: 1 }));
    const b = runReplicates(smallScenario({ seed: 2 }));
    expect(bytes(a[0][0].series.values).equals(bytes(b[0][0].series.values))).toBe(false);
  });

  it("replicates give the same results whatever order they run in, or which others run", () => {
    const s = smallScenario();
    const all = runReplicates(s, { replicates: [0, 1, 2] });
    const shuffled = runReplicates(s, { replicates: [2, 0, 1] });
    const alone = runReplicates(s, { replicates: [1] });
    for (let p = 0; p < all.length; p++) {
      expect(bytes(shuffled[p][1].series.values).equals(bytes(all[p][0].series.values))).toBe(true);
      expect(bytes(shuffled[p][0].series.values).equals(bytes(all[p][2].series.values))).toBe(true);
      expect(bytes(alone[p][0].series.values).equals(bytes(all[p][1].series.values))).toBe(true);
    }
  });

  it("a plan's result does not depend on the other plans run on the same world", () => {
    const s = smallScenario();
    const w = buildWorld(s, 0);
    const first = runPlan(w, s.plans[1]);
    const w2 = buildWorld(s, 0);
    runPlan(w2, s.plans[0]);
    const after = runPlan(w2, s.plans[1]);
    expect(bytes(first.series.values).equals(bytes(after.series.values))).toBe(true);
  });

  it.each(["ic", "lt", "sir", "sis"] as const)("classic model %s replays bit-identically", (kind) => {
    const model =
      kind === "ic" ? { kind, seeds: { random: 5 }, probability: 0.1 } :
      kind === "lt" ? { kind, seeds: { random: 20 } } :
      { kind, beta: 0.05, gamma: 0.2, seeds: { random: 5 } };
    const s = loadScenario({ name: kind, horizon: 30, replicates: 2, population: { circles: [{ name: "a", size: 2000 }] }, model });
    const a = runReplicates(s), b = runReplicates(s);
    expect(bytes(a[0][1].series.values).equals(bytes(b[0][1].series.values))).toBe(true);
  });
});
