import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Comlink from "comlink";
import { startNodeEngine, type NodeEngine } from "../../engine/node/worker-client.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { traceRun } from "../../engine/experiment/trace.ts";
import { createEngineApi } from "../../engine/worker/engine-api.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import type { Progress } from "../../engine/experiment/replicates.ts";

const raw = {
  name: "worker",
  horizon: 30,
  replicates: 4,
  population: { circles: [{ name: "a", size: 2000 }, { name: "b", size: 1500 }] },
  network: { kind: "circles", meanDegree: 10, bigAccounts: { count: 2, followers: 1000 } },
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

describe("EngineApi in a Node worker thread (comlink)", () => {
  it("gives bit-identical results to the in-process engine, with typed arrays and progress events", async () => {
    const progress: Progress[] = [];
    const r = await engine.api.simulate({ scenario: raw }, Comlink.proxy((p: Progress) => void progress.push(p)));
    if (!r.ok) throw new Error(r.message);
    const local = simulate(loadScenario(raw));
    expect(r.simulation.plans[0].series.reach.mean).toBeInstanceOf(Float64Array);
    for (let p = 0; p < 2; p++)
      for (const m of ["customers", "reach", "spend", "roi"])
        expect(Array.from(r.simulation.plans[p].perReplicate[m])).toEqual(Array.from(local.plans[p].perReplicate[m]));
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("reports invalid scenarios as issues, not exceptions", async () => {
    const r = await engine.api.simulate({ scenario: { ...raw, horizon: -3 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ path: "horizon", message: "expected a number ≥ 1", received: "-3" });
    const v = await engine.api.validate({ ...raw, replicates: "many" });
    expect(v.ok).toBe(false);
  });

  it("cancels a running simulation", async () => {
    const long = { ...raw, replicates: 400 };
    let seen = 0;
    const running = engine.api.simulate({ scenario: long }, Comlink.proxy(() => {
      if (++seen === 3) void engine.api.cancel();
    }));
    const r = await running;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.cancelled).toBe(true);
    expect(seen).toBeLessThan(100);
  });

  // Raised before the call, so that no timing decides the outcome (a run raced against a 50 ms timer
  // once the worker's code got faster): the worker reads the flag at every tick, so the first run stops
  // before any run finishes (runPlan's own test: test/engine/run.test.ts).
  it("cancels within a run through a shared-memory flag", async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1);
    let finished = 0;
    const r = await engine.api.simulate({ scenario: { ...raw, replicates: 1 }, cancelFlag: flag }, Comlink.proxy(() => void finished++));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.cancelled).toBe(true);
    expect(finished).toBe(0);
    Atomics.store(flag, 0, 0);
    const again = await engine.api.simulate({ scenario: { ...raw, replicates: 1 }, cancelFlag: flag });
    expect(again.ok).toBe(true); // the flag lowered, the same engine runs again
  });

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

  it("splits each social run across threads when asked (same numbers), and says why it does not for another model", async () => {
    const progress: Progress[] = [];
    const r = await engine.api.simulate({ scenario: raw, threads: 2 }, Comlink.proxy((p: Progress) => void progress.push(p)));
    if (!r.ok) throw new Error(r.message);
    expect([r.threads, r.note]).toEqual([2, undefined]);
    const local = simulate(loadScenario(raw));
    for (let p = 0; p < 2; p++) expect(r.simulation.plans[p].series.reach.mean).toEqual(local.plans[p].series.reach.mean);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const sir = await engine.api.simulate({ scenario: { name: "sir", horizon: 20, model: { kind: "sir", beta: 0.3, gamma: 0.1, seeds: { random: 5 } }, network: { kind: "complete" }, population: { circles: [{ name: "a", size: 500 }] } }, threads: 2 });
    if (!sir.ok) throw new Error(sir.message);
    expect([sir.threads, sir.note]).toEqual([1, 'one thread per run: only social and ic runs are split (model.kind is "sir")']);
  });
});

describe("EngineApi where threads cannot share memory", () => {
  it("runs on one thread and says why", async () => {
    const never = () => Promise.reject(new Error("never started"));
    const api = createEngineApi({ start: never, cannot: () => "the page is not cross-origin isolated, so workers cannot share memory" });
    const r = await api.simulate({ scenario: { ...raw, replicates: 1 }, threads: 4 });
    if (!r.ok) throw new Error(r.message);
    expect([r.threads, r.note]).toEqual([1, "one thread per run: the page is not cross-origin isolated, so workers cannot share memory"]);
  });
});
