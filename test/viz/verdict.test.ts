// The verdict card's sentences come from the run's paired numbers: the plan with the highest mean wins,
// "wins in k of n worlds" counts the replicates it did better in, and a lead whose interval includes zero
// is said to be no clear winner.
import { describe, expect, it } from "vitest";
import { simulate } from "../../engine/experiment/simulate.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { readScenario } from "../../engine/node/load.ts";
import { goalsOf, verdict } from "../../viz/views/compare/verdict.ts";
import { tinySweepBase } from "../helpers.ts";

describe("verdict", () => {
  const sim = simulate(readScenario("library:three-stages"), { replicates: 12 });

  it("names the plan with the most conversions, counts its wins over the runner-up world by world, and gives the paired lead", () => {
    const v = verdict(sim, "customers");
    const means = sim.plans.map((p) => p.final.customers.mean);
    const best = means.indexOf(Math.max(...means));
    expect(v.ranking[0].plan).toBe(sim.plans[best].plan);
    expect(v.ranking.map((r) => r.mean)).toEqual([...means].sort((a, b) => b - a));
    const second = sim.plans.findIndex((p) => p.plan === v.ranking[1].plan);
    const a = sim.plans[best].perReplicate.customers, b = sim.plans[second].perReplicate.customers;
    const wins = Array.from(a).filter((x, r) => x > b[r]).length + Array.from(a).filter((x, r) => x === b[r]).length / 2;
    expect(v.lead!.n).toBe(12);
    expect(Math.round(v.lead!.pBeats * 12)).toBe(Math.round(wins));
    expect(v.headline).toContain(`in ${Math.round(wins)} of 12 matched worlds`);
    expect(v.clear).toBe(v.lead!.low > 0);
    expect(v.headline.startsWith(v.clear ? `${sim.plans[best].plan} wins on conversions` : "No clear winner")).toBe(true);
  });

  it("warns when most of the winner's reported impressions were never real", () => {
    const v = verdict(sim, "reach");
    const p = sim.plans.find((x) => x.plan === v.ranking[0].plan)!;
    const realShare = p.final.realImpressions.mean / p.final.reportedImpressions.mean;
    if (realShare < 0.5) expect(v.lines.join(" ")).toContain(`only ${Math.round(100 * realShare)} % of ${p.plan}'s reported impressions were real`);
    else expect(v.lines.join(" ")).not.toContain("reported impressions were real");
  });

  it("says there is no clear winner when two plans are the same plan", () => {
    const s = loadScenario({ ...tinySweepBase, replicates: 6, plans: [{ ...tinySweepBase.plans[1], name: "a" }, { ...tinySweepBase.plans[1], name: "b" }] });
    const v = verdict(simulate(s), "customers");
    expect(v.lead!.mean).toBe(0);
    expect(v.clear).toBe(false);
    expect(v.headline).toBe("No clear winner on conversions: a and b are level in the mean over 6 matched worlds");
  });

  it("offers only the goals every plan reports (no ROI or fans for a classic model)", () => {
    expect(goalsOf(sim)).toEqual(["customers", "roi", "reach", "fans"]);
    const ic = simulate(readScenario("library:ic"), { replicates: 2 });
    expect(goalsOf(ic)).toEqual([]);
  });

  it("gives no interval after one world (the first partial result)", () => {
    const v = verdict(simulate(readScenario("library:three-stages"), { replicates: 1 }), "customers");
    expect(v.headline).toBe(`${v.ranking[0].plan} leads on conversions in the one matched world so far`);
    expect(v.lines[0]).toMatch(/\(one world: no interval yet\)\.$/);
  });
});
