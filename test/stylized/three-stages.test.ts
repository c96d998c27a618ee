// Stylized facts 1–3 (MODEL.md) on the built-in three-stages scenario: 20 replicates, same worlds
// for the three plans (common random numbers). Medians are used because creative content is
// deliberately heavy-tailed; each comparison below holds with a wide margin at 20 replicates
// (the gaps are several times the replicate-to-replicate spread of the medians).
import { beforeAll, describe, expect, it } from "vitest";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import type { RunResult } from "../../engine/core/run.ts";
import { readScenario } from "../../engine/node/load.ts";
import { at, mean, median, sd, shareBeats } from "./helpers.ts";

const s = readScenario("library:three-stages");
const H = s.horizon;
let reposts: RunResult[], creative: RunResult[], fans: RunResult[];

beforeAll(() => {
  expect(s.replicates).toBeGreaterThanOrEqual(20);
  [reposts, creative, fans] = runReplicates(s);
});

const ratio = (runs: RunResult[], num: string, den: string, t = H) => median(at(runs, num, t).map((v, k) => v / at(runs, den, t)[k]));

describe("fact 1: repost buying", () => {
  it("buys the most reported impressions per unit of money early (first two weeks)", () => {
    const early = (r: RunResult[]) => ratio(r, "reportedImpressions", "spend", 14);
    expect(early(reposts)).toBeGreaterThan(3 * Math.max(early(creative), early(fans)));
  });
  it("has the lowest real/reported ratio and the fewest conversions per reported impression", () => {
    const real = (r: RunResult[]) => ratio(r, "realImpressions", "reportedImpressions");
    expect(real(reposts)).toBeLessThan(0.6 * Math.min(real(creative), real(fans)));
    const conv = (r: RunResult[]) => ratio(r, "customers", "reportedImpressions");
    expect(conv(reposts)).toBeLessThan(Math.min(conv(creative), conv(fans)));
  });
  it("stops reaching new people soon after the buying stops (last repost on tick 63)", () => {
    const growth = (r: RunResult[]) => median(at(r, "reach", H).map((v, k) => (v - at(r, "reach", 77)[k]) / at(r, "reach", 77)[k]));
    expect(growth(reposts)).toBeLessThan(0.03);
    expect(growth(fans)).toBeGreaterThan(5 * growth(reposts));
  });
});

describe("fact 2: creative content is hit-driven", () => {
  it("has the most variable conversions across replicates", () => {
    // CV of conversions across the 20 replicates: creative 0.5–0.8 against ≤ 0.35 for the others on seeds 2026, 99 and 7.
    const cv = (r: RunResult[]) => sd(at(r, "customers", H)) / mean(at(r, "customers", H));
    expect(cv(creative)).toBeGreaterThan(1.5 * Math.max(cv(reposts), cv(fans)));
  });
  it("has its median below its mean: a few hits pull the mean up", () => {
    // The skew is real but modest (median / mean 0.79–0.99 over 60 replicates on seeds 2026, 99, 7, 1, 5;
    // at 20 replicates its sign is noise), so this runs the creative plan alone with 60 replicates.
    const alone = { ...s, replicates: 60, plans: [s.plans[1]] };
    const conv = at(runReplicates(alone)[0], "customers", H);
    expect(median(conv)).toBeLessThan(mean(conv));
  });
});

describe("fact 3: fan management", () => {
  it("starts slowest: the smallest real reach after two weeks", () => {
    expect(median(at(fans, "reach", 14))).toBeLessThan(Math.min(median(at(reposts, "reach", 14)), median(at(creative, "reach", 14))));
  });
  it("ends with the most conversions and the best ROI, in nearly every paired replicate", () => {
    const conv = (r: RunResult[]) => at(r, "customers", H);
    expect(shareBeats(conv(fans), conv(creative))).toBeGreaterThanOrEqual(0.9);
    expect(shareBeats(conv(fans), conv(reposts))).toBeGreaterThanOrEqual(0.9);
    const roi = (r: RunResult[]) => at(r, "purchases", H).map((p, k) => (p * s.product.unitMargin - at(r, "spend", H)[k]) / at(r, "spend", H)[k]);
    expect(median(roi(fans))).toBeGreaterThan(Math.max(median(roi(creative)), median(roi(reposts))));
  });
  it("keeps converting after its spend stops (tick 180)", () => {
    const stop = 180;
    expect(median(at(fans, "spend", H).map((v, k) => v - at(fans, "spend", stop)[k]))).toBe(0);
    const growth = median(at(fans, "customers", H).map((v, k) => (v - at(fans, "customers", stop)[k]) / at(fans, "customers", stop)[k]));
    expect(growth).toBeGreaterThan(0.05);
  });
});
