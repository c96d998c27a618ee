// Results as they come: after replicates 1, 2, 4, 8, … a simulation reports what it has, and each
// partial result is exactly the simulation of that many replicates (replicate r does not depend on the
// others), so a page that draws it early shows numbers the finished run keeps.
import { describe, expect, it } from "vitest";
import { simulate, simulateAsync, simulatePieces, simulationOf, type ReplicatePieces, type Simulation } from "../../engine/experiment/simulate.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { tinySweepBase } from "../helpers.ts";

const json = (s: Simulation) => JSON.stringify(s, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));

describe("partial results", () => {
  const s = loadScenario({ ...tinySweepBase, replicates: 11 });

  it("come after 1, 2, 4 and 8 replicates, each equal to the simulation of that many", async () => {
    const partials: Simulation[] = [];
    const full = await simulateAsync(s, { onPartial: (p) => partials.push(p) });
    expect(partials.map((p) => p.provenance.replicates)).toEqual([1, 2, 4, 8]);
    for (const p of partials) expect(json(p)).toBe(json(simulate(s, { replicates: p.provenance.replicates })));
    expect(json(full)).toBe(json(simulate(s)));
  });

  it("are not sent when the run has one replicate", () => {
    const seen: number[] = [];
    simulate({ ...s, replicates: 1 }, { onPartial: (p) => seen.push(p.provenance.replicates) });
    expect(seen).toEqual([]);
  });

  it("are what replicates computed apart and put together give (the viewer's and the CLI's workers)", () => {
    // Computed in a scrambled order, as workers finish them; put together in replicate order.
    const pieces: ReplicatePieces[] = [];
    for (const r of [3, 0, 10, 7, 1, 9, 2, 5, 8, 4, 6]) pieces[r] = simulatePieces(s, {}, [r]);
    for (const k of [1, 2, 4, 8]) expect(json(simulationOf(s, { replicates: k }, pieces.slice(0, k)))).toBe(json(simulate(s, { replicates: k })));
    expect(json(simulationOf(s, {}, pieces))).toBe(json(simulate(s)));
    // A replicate in another's place is another simulation.
    expect(json(simulationOf(s, { replicates: 2 }, [pieces[0], pieces[0]]))).not.toBe(json(simulate(s, { replicates: 2 })));
  });
});
