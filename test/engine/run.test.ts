import { describe, expect, it } from "vitest";
import { stat, quantileSorted, statSeries } from "../../engine/core/collect/summary.ts";
import { tCentral, tCritical } from "../../engine/core/collect/student-t.ts";
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
    const st = stat([5, 1, 3, NaN]);
    expect({ mean: st.mean, median: st.median, p5: st.p5, p95: st.p95 }).toEqual({ mean: 3, median: 3, p5: 1.2, p95: 4.8 });
  });
  it("gives the sample SD, the standard error and a Student-t interval of the mean", () => {
    // 1, 3, 5: mean 3, SD √((4 + 0 + 4) / 2) = 2, SE 2/√3; t at 2 df, 95 % = 4.302652729749464 (tables: 4.3027).
    const st = stat([5, 1, 3, NaN]);
    expect(st.sd).toBe(2);
    expect(st.se).toBeCloseTo(2 / Math.sqrt(3), 15);
    expect(st.ciHigh - st.mean).toBeCloseTo(4.302652729749464 * (2 / Math.sqrt(3)), 12);
    expect(st.mean - st.ciLow).toBeCloseTo(st.ciHigh - st.mean, 12);
    // One value has no spread: SD, SE and the interval are undefined, not zero.
    expect(stat([7]).sd).toBeNaN();
    expect(stat([7]).ciLow).toBeNaN();
    // A higher level widens the interval by the ratio of the t quantiles (2 df: 9.924843 at 99 %).
    const wide = stat([5, 1, 3], 0.99);
    expect((wide.ciHigh - wide.mean) / (st.ciHigh - st.mean)).toBeCloseTo(9.924843200918272 / 4.302652729749464, 10);
  });
  it("t critical values match published tables to every printed digit", () => {
    // Two-sided quantiles t_{(1+L)/2, df} (Abramowitz & Stegun Table 26.10 and R's qt, 8–10 digits).
    const table: [level: number, df: number, t: number][] = [
      [0.95, 1, 12.70620474], [0.95, 2, 4.30265273], [0.95, 3, 3.18244631], [0.95, 9, 2.26215716],
      [0.95, 19, 2.09302405], [0.95, 30, 2.04227246], [0.95, 120, 1.97993040], [0.99, 5, 4.03214298],
      [0.9, 4, 2.13184679], [0.5, 7, 0.71114178], [0.999, 10, 4.58689386],
    ];
    for (const [level, df, t] of table) expect(tCritical(level, df), `level ${level}, df ${df}`).toBeCloseTo(t, 7);
    expect(tCentral(tCritical(0.95, 1000), 1000)).toBeCloseTo(0.95, 14);
    expect(tCritical(0.95, 0)).toBeNaN();
  });
  it("statSeries summarises each tick across replicates", () => {
    const s = statSeries([Float64Array.from([0, 10]), Float64Array.from([2, 30])]);
    expect(Array.from(s.mean)).toEqual([1, 20]);
    expect(Array.from(s.median)).toEqual([1, 20]);
    expect(Array.from(s.sd)).toEqual([Math.SQRT2, Math.sqrt(200)]);
    expect(Array.from(s.se)).toEqual([1, 10]);
  });

  it("statSeries gives, tick by tick, stat's bits over the replicates' values, NaN left out", () => {
    // 9 replicates × 40 ticks of values on very different scales, a quarter NaN, some ticks all NaN.
    let x = 12345;
    const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const columns = Array.from({ length: 9 }, () => Float64Array.from({ length: 40 }, (_, t) => (t % 13 === 5 || next() < 0.25 ? NaN : (next() - 0.3) * 10 ** (t % 7))));
    for (const ci of [0.95, 0.8]) {
      const s = statSeries(columns, ci);
      for (let t = 0; t < 40; t++) {
        const st = stat(columns.map((c) => c[t]), ci);
        for (const k of ["mean", "median", "p5", "p95", "sd", "se", "ciLow", "ciHigh"] as const) expect(Object.is(s[k][t], st[k]), `${k} at tick ${t}`).toBe(true);
      }
    }
  });
});
