import { describe, expect, it } from "vitest";
import { stat, quantileSorted, statSeries } from "../../engine/core/collect/summary.ts";
import { CancelledError, runPlan } from "../../engine/core/run.ts";
import { TickQueue, agentOf, payloadOf } from "../../engine/core/queue.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { simulate } from "../../engine/experiment/simulate.ts";
import { smallScenario } from "../helpers.ts";

describe("run loop", () => {
  it("stops with CancelledError when the signal is raised, after the tick in progress", () => {
    const s = smallScenario();
    const signal = { aborted: false };
    let ticks = 0;
    expect(() =>
      runPlan(buildWorld(s, 0), s.plans[0], {
        signal,
        onTick: (t) => {
          ticks++;
          if (t === 4) signal.aborted = true;
        },
      }),
    ).toThrow(CancelledError);
    expect(ticks).toBe(5);
  });

  it("reports progress per plan-run and produces horizon + 1 rows", () => {
    const s = smallScenario();
    const seen: number[] = [];
    const sim = simulate(s, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sim.plans[0].series.reach.mean).toHaveLength(s.horizon + 1);
    expect(sim.plans[0].frequency).toHaveLength(10);
  });
});

describe("event queue", () => {
  it("returns a tick's events sorted by (agent, payload) without duplicates", () => {
    const q = new TickQueue(5);
    q.push(2, 7, 1);
    q.push(2, 3, 9);
    q.push(2, 7, 0);
    q.push(2, 3, 9);
    q.push(9, 1, 1); // past the horizon: dropped
    const got = Array.from(q.take(2), (k) => [agentOf(k), payloadOf(k)]);
    expect(got).toEqual([[3, 9], [7, 0], [7, 1]]);
    expect(q.take(2)).toHaveLength(0);
  });
});

describe("summary statistics", () => {
  it("quantiles interpolate linearly (type 7)", () => {
    const v = Float64Array.from([1, 2, 3, 4, 5]);
    expect(quantileSorted(v, 0.5)).toBe(3);
    expect(quantileSorted(v, 0.05)).toBeCloseTo(1.2, 12);
    expect(quantileSorted(v, 0.95)).toBeCloseTo(4.8, 12);
    expect(stat([5, 1, 3, NaN])).toEqual({ mean: 3, median: 3, p5: 1.2, p95: 4.8 });
  });
  it("statSeries summarises each tick across replicates", () => {
    const s = statSeries([Float64Array.from([0, 10]), Float64Array.from([2, 30])]);
    expect(Array.from(s.mean)).toEqual([1, 20]);
    expect(Array.from(s.median)).toEqual([1, 20]);
  });
});
