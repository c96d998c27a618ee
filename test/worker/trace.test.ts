import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeEngine, type NodeEngine } from "../../engine/node/worker-client.ts";
import { traceRun } from "../../engine/experiment/trace.ts";
import { loadScenario } from "../../scenarios/parse.ts";

const raw = {
  name: "trace",
  horizon: 30,
  population: { circles: [{ name: "a", size: 1200 }, { name: "b", size: 800 }] },
  network: { kind: "circles", meanDegree: 10, bigAccounts: { count: 2, followers: 600 } },
  plans: [
    { name: "reposts", strategies: [{ type: "buyReposts", at: { start: 0, every: 5, count: 4 } }] },
    { name: "ads", strategies: [{ type: "socialAds", budget: 300, at: { start: 0, every: 3, count: 8 } }] },
  ],
};

let engine: NodeEngine;
beforeAll(() => {
  engine = startNodeEngine();
});
afterAll(async () => {
  await engine.terminate();
});

describe("EngineApi.trace in a Node worker thread", () => {
  it("returns the same trace as the in-process engine, as typed arrays", async () => {
    const r = await engine.api.trace({ scenario: raw, plan: "ads" });
    if (!r.ok) throw new Error(r.message);
    const local = traceRun(loadScenario(raw), { plan: "ads" });
    expect(r.trace.first.customer).toBeInstanceOf(Int32Array);
    expect(r.trace.circle).toBeInstanceOf(Uint16Array);
    expect(Array.from(r.trace.changes.agent)).toEqual(Array.from(local.changes.agent));
    expect(Array.from(r.trace.first.seen)).toEqual(Array.from(local.first.seen));
    expect(Array.from(r.trace.series.reach)).toEqual(Array.from(local.series.reach));
  });

  it("answers problems as issues", async () => {
    const bad = await engine.api.trace({ scenario: { ...raw, horizon: 0 } });
    expect(bad.ok).toBe(false);
    const noPlan = await engine.api.trace({ scenario: raw, plan: "nope" });
    expect(noPlan.ok).toBe(false);
    if (!noPlan.ok) expect(noPlan.message).toMatch(/no plan "nope"/);
  });
});
