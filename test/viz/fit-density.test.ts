import { describe, expect, it } from "vitest";
import { weightedDensity, weightedHistogram } from "../../viz/views/fit/charts.ts";

describe("the Fit tab's marginal densities", () => {
  const uniform = { kind: "uniform", min: 0, max: 2 } as const;
  const xs = Array.from({ length: 400 }, (_, i) => (2 * (i + 0.5)) / 400);
  const ones = xs.map(() => 1);

  it("integrate to 1 over the prior's range, flat for flat draws (the reflection keeps the edges up)", () => {
    const f = weightedDensity(xs, ones, uniform, 101);
    const integral = f.reduce((a, y, k) => a + (k === 0 || k === f.length - 1 ? y / 2 : y), 0) / (f.length - 1);
    expect(integral).toBeCloseTo(1, 2);
    expect(Math.min(...f)).toBeGreaterThan(0.9);
    expect(Math.max(...f)).toBeLessThan(1.1);
  });

  it("follow the weights, and live on the log scale for log-uniform priors", () => {
    const w = xs.map((x) => (x < 1 ? 1 : 0));
    const f = weightedDensity(xs, w, uniform, 101);
    expect(f[25]).toBeGreaterThan(1.8);
    expect(f[90]).toBeLessThan(0.05);
    // Log-uniform draws are flat on the log scale: as many in 0.01–0.1 as in 0.1–1.
    const logs = Array.from({ length: 400 }, (_, i) => 10 ** (-2 + (2 * (i + 0.5)) / 400));
    const h = weightedHistogram(logs, logs.map(() => 1), { kind: "log-uniform", min: 0.01, max: 1 }, 2);
    expect(h[0]).toBeCloseTo(0.5, 12);
    expect(h[1]).toBeCloseTo(0.5, 12);
  });
});
