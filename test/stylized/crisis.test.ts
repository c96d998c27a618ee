/**
 * Stylized fact 9 (MODEL.md) on library:crisis: a larger fan base dampens a crisis.
 *
 * Both plans have the same installed customers (same draw: same strategy name) and the same crisis
 * (same 30 sharers, same tick); only the share of those customers who are fans differs (10% vs 60%).
 * Replicates: the scenario's 20, paired (same world, common random numbers). Statistics: the share of
 * paired replicates where the large fan base does better, and the median per-replicate ratio
 * large / small, both insensitive to one odd replicate. Measured at model 2.0.0 on seed 11 (the
 * scenario's) and seeds 2–6: shares 1.0 for harm and for the story's readers, median ratios 0.34–0.53
 * (harm) and 0.32–0.55 (readers).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import type { RunResult } from "../../engine/core/run.ts";
import { runReplicates } from "../../engine/experiment/replicates.ts";
import { readScenario } from "../../engine/node/load.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { median, shareBeats } from "./helpers.ts";

const final = (r: RunResult, metric: string): number => {
  const c = column(r.series, metric);
  return c[c.length - 1];
};
/** Real impressions of the negative story: how many times someone actually read it. */
const crisisReaders = (r: RunResult): number => r.tables.channels.real[r.tables.channels.names.indexOf("crisis")];

let s: Scenario;
let small: RunResult[];
let large: RunResult[];

beforeAll(() => {
  s = readScenario("library:crisis");
  const runs = runReplicates(s);
  small = runs[s.plans.findIndex((p) => p.name === "small fan base")];
  large = runs[s.plans.findIndex((p) => p.name === "large fan base")];
});

describe("library:crisis — fact 9: a larger fan base dampens a crisis", () => {
  it("runs at least 20 replicates by default, and the plans differ only in the fan share", () => {
    expect(s.replicates).toBeGreaterThanOrEqual(20);
    const base = (plan: string) => s.plans.find((p) => p.name === plan)!.strategies.find((x) => x.type === "installedBase");
    const [a, b] = [base("small fan base"), base("large fan base")];
    if (a?.type !== "installedBase" || b?.type !== "installedBase") throw new Error("expected installedBase in both plans");
    expect(a.customers).toBe(b.customers);
    expect(b.fans).toBeGreaterThan(a.fans);
  });

  it("fewer people are persuaded by the negative story (harmed)", () => {
    const h = (runs: RunResult[]) => runs.map((r) => final(r, "harmed"));
    // Less harm in at least 18 of 20 paired replicates (measured 20 of 20).
    expect(shareBeats(h(small), h(large))).toBeGreaterThanOrEqual(0.9);
    // And by a wide margin: at most three quarters of the harm in the median replicate (measured 0.34–0.53;
    // a margin of 1.4 at the worst seed, not two).
    // The large fan base has only 10% fewer non-fans to harm, so this is the cascade being cut, not fewer targets.
    expect(median(h(large).map((v, k) => v / h(small)[k]))).toBeLessThan(0.75);
  });

  it("the story travels less far (real impressions of the crisis)", () => {
    const readers = (runs: RunResult[]) => runs.map(crisisReaders);
    // Measured: 20 of 20 paired replicates on every seed; median ratio 0.32–0.55 (0.42 on seed 11; a margin of
    // 1.4 at the worst seed). Threshold 0.85 was set for model 1's worst seed (18 of 20) and now leaves three.
    expect(shareBeats(readers(small), readers(large))).toBeGreaterThanOrEqual(0.85);
    expect(median(readers(large).map((v, k) => v / readers(small)[k]))).toBeLessThan(0.75);
  });
});
