import { describe, expect, it } from "vitest";
import { designGrid, expandDesign, fromUnit, gridValues, unitLhs, unitRandom, designSize } from "../../engine/experiment/design.ts";
import { Parameter } from "../../scenarios/schema/sweep.ts";

const P = (p: Record<string, unknown>) => Parameter.parse({ path: "x", ...p });

describe("grid", () => {
  it("is the cartesian product, first parameter slowest (itertools.product order)", () => {
    expect(designGrid([[1, 2], ["a", "b", "c"]])).toEqual([
      [1, "a"], [1, "b"], [1, "c"],
      [2, "a"], [2, "b"], [2, "c"],
    ]);
    expect(designGrid([[{ min: 1, max: 2 }], [true, false]])).toEqual([[{ min: 1, max: 2 }, true], [{ min: 1, max: 2 }, false]]);
    expect(designGrid([])).toEqual([[]]);
  });

  it("min/max/steps give evenly spaced values, tidy decimals, geometric with log, whole and distinct with integer", () => {
    expect(gridValues(P({ min: 0.1, max: 0.5, steps: 5 }))).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(gridValues(P({ min: 1, max: 1000, steps: 4, log: true }))).toEqual([1, 10, 100, 1000]);
    expect(gridValues(P({ min: 1, max: 4, steps: 6, integer: true }))).toEqual([1, 2, 3, 4]);
    expect(gridValues(P({ values: [3, "x"] }))).toEqual([3, "x"]);
  });

  it("expands a sweep's parameters", () => {
    const params = [P({ values: [1, 2] }), P({ min: 0, max: 1, steps: 3 })];
    expect(expandDesign({ kind: "grid" }, params, 0)).toEqual([[1, 0], [1, 0.5], [1, 1], [2, 0], [2, 0.5], [2, 1]]);
    expect(designSize({ kind: "grid" }, params)).toBe(6);
  });
});

describe("sampled designs", () => {
  it("random draws are prefix-stable: point j does not depend on how many points there are", () => {
    const a = unitRandom(5, 3, 42);
    const b = unitRandom(8, 3, 42);
    expect(b.slice(0, 5)).toEqual(a);
    expect(unitRandom(5, 3, 43)).not.toEqual(a);
  });

  it("a Latin hypercube puts exactly one point in each of the n strata of every dimension", () => {
    const n = 37;
    const u = unitLhs(n, 4, 9);
    for (let i = 0; i < 4; i++) {
      const strata = u.map((p) => Math.floor(p[i] * n)).sort((x, y) => x - y);
      expect(strata).toEqual(Array.from({ length: n }, (_, k) => k));
    }
    expect(unitLhs(n, 4, 9)).toEqual(u); // deterministic
  });

  it("maps the unit interval to values: list entries, whole numbers, ranges, log ranges", () => {
    expect([0, 0.33, 0.34, 0.99].map((u) => fromUnit(P({ values: ["a", "b", "c"] }), u))).toEqual(["a", "a", "b", "c"]);
    expect([0, 0.24, 0.25, 0.999].map((u) => fromUnit(P({ min: 1, max: 4, integer: true }), u))).toEqual([1, 1, 2, 4]);
    expect(fromUnit(P({ min: 2, max: 4 }), 0.25)).toBe(2.5);
    expect(fromUnit(P({ min: 1, max: 100, log: true }), 0.5)).toBeCloseTo(10, 12);
  });

  it("sobol designs have samples × (k + 2) points in Saltelli's order", () => {
    const params = [P({ min: 0, max: 1 }), P({ min: 10, max: 20 })];
    const pts = expandDesign({ kind: "sobol", samples: 2, bootstrap: 0 }, params, 0);
    // Sobol' points 0 and 1 of 4 dims are (0,0,0,0) and (0.5,0.5,0.5,0.5): A = B in both blocks.
    expect(pts).toEqual([[0, 10], [0, 10], [0, 10], [0, 10], [0.5, 15], [0.5, 15], [0.5, 15], [0.5, 15]]);
    expect(designSize({ kind: "sobol", samples: 64, bootstrap: 0 }, params)).toBe(256);
  });
});
