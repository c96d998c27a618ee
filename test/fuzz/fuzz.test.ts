/**
 * The fuzz and fault suite, short: seeded bad scenarios, sweep files, network files (edge list, GML,
 * GEXF, GraphML, CSV node table), journals and file-system faults, each run by the CLI in a child
 * process under a time bound. Every case must end in exit 0 (where the input is acceptable, with
 * the same results as the reference where there is one) or exit 2 with a message naming the field,
 * file or line, and leave Object.prototype alone. The long version: `npx tsx bench/fuzz.ts`.
 */
import { describe, expect, it } from "vitest";
import { fuzzCases } from "./generate.ts";
import { failures, runCases, table } from "./harness.ts";

// A busy CI machine may be slow, but no case here needs more than a second or two alone.
const BOUND_MS = 30_000;

describe("fuzz and fault suite (seed 17)", () => {
  it("every case is a clean error or a correct acceptance: no crash, no hang, nothing silently wrong", async () => {
    const cases = fuzzCases(17, { scenario: 50, sweep: 35, network: 45, journal: 30, fault: 18 });
    const results = await runCases(cases, { boundMs: BOUND_MS });
    expect(failures(results), table(results)).toEqual([]);
    // Each category both refused bad input and accepted good input, so the oracle was exercised.
    for (const category of ["scenario", "sweep", "network", "journal"] as const) {
      const mine = results.filter((r) => r.case.category === category);
      expect(mine.some((r) => r.outcome === "clean error"), `${category}: no clean error`).toBe(true);
      expect(mine.some((r) => r.outcome === "accepted correctly"), `${category}: nothing accepted`).toBe(true);
    }
  });
});
