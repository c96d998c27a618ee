// MODEL.md law 12 on 200 generated scenarios: paid delivery ends when payment ends. A plan that only
// buys reposts gains no bought conversion once the purchases pending at its last payment have come due
// (the lag: 99 % of geometric waits at the scenario's conversion rate end within it); what word of
// mouth and fans do afterwards is counted under earned and fans. Each scenario: its replicates' mean
// growth after the lag must not exceed 1 % of the bought conversions plus t(R − 1) standard errors.
import { describe, expect, it } from "vitest";
import { column } from "../../engine/core/collect/collector.ts";
import { buildWorld } from "../../engine/core/world.ts";
import { runPlan } from "../../engine/core/run.ts";
import { generateScenario } from "./generate.ts";
import { REPLICATES, SCENARIOS } from "./generated.ts";
import { parse, tCritical } from "./paired.ts";

describe(`paid delivery ends when payment ends, on ${SCENARIOS} generated scenarios`, () => {
  it("bought conversions stop growing within the purchase lag after the last payment", () => {
    const violations: string[] = [];
    let measured = 0, boughtInAll = 0;
    for (let k = 0; k < SCENARIOS; k++) {
      const input = generateScenario("payments stop", k, "buyReposts");
      // Reposts alone, of a piece that names the brand, from accounts with 1,000 followers, mostly real: a plan that sells.
      const reposts = { ...input.plans![0].strategies![0], content: { quality: 0.9, brandFit: 0.9, paid: true } };
      const network = { ...input.network!, bigAccounts: { ...(input.network as { bigAccounts: object }).bigAccounts, followers: 1000, zombieShare: 0.2 } };
      const s = parse({ ...input, network, plans: [{ name: "reposts", strategies: [reposts] }] } as typeof input);
      const lag = Math.ceil(Math.log(0.01) / Math.log(1 - s.product.conversionRate));
      const growth: number[] = [];
      let bought = 0;
      for (let r = 0; r < REPLICATES; r++) {
        const run = runPlan(buildWorld(s, r), s.plans[0]);
        const spend = column(run.series, "spend");
        let last = s.horizon;
        while (last > 0 && spend[last] === spend[last - 1]) last--;
        const b = column(run.series, "customersBought");
        if (last + lag >= s.horizon) continue; // the horizon ends before the lag does: nothing to check
        growth.push(b[s.horizon] - b[last + lag]);
        bought += b[s.horizon] / REPLICATES;
      }
      if (growth.length < 2) continue;
      measured++;
      boughtInAll += bought;
      const n = growth.length, mean = growth.reduce((a, x) => a + x, 0) / n;
      const se = Math.sqrt(growth.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) / n);
      if (mean > 0.01 * bought + tCritical(n - 1) * se)
        violations.push(`generateScenario("payments stop", ${k}): bought conversions grow by ${mean} after the lag (of ${bought.toFixed(1)}), per replicate ${growth.join(", ")}`);
    }
    expect(violations).toEqual([]);
    expect(measured).toBeGreaterThan(SCENARIOS / 2); // most schedules end early enough to check
    expect(boughtInAll).toBeGreaterThan(measured); // and the plans do sell: more than one bought conversion per scenario on average
  });
});
