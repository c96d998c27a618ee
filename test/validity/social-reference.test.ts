/**
 * The social model against an independent implementation of it: bench/reference/social.c, written in C
 * from docs/model.md §3–4 with the same counter-based draws and the same order of floating-point
 * operations, must give every count of the standard campaign (bench/scenario.ts: posts, reshares, the
 * funnel, tiers, fans and their posts) bit for bit. The campaign has five repeated cases, so the
 * sightings of case 4 live in a column and those of cases 0–3 in the agent record (social-state.ts).
 * Needs gcc (.ci/run installs it); skipped, and said so, where there is none.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileSocialReference, engineRun, referenceRun, writeSocialInput } from "../../bench/reference/social-kernel.ts";
import { standardScenario } from "../../bench/scenario.ts";
import { SOCIAL_METRICS } from "../../engine/core/models/social-metrics.ts";
import { INLINE_CASES } from "../../engine/core/models/social-state.ts";
import { compilePlan } from "../../engine/core/strategies/compile.ts";
import { buildWorld } from "../../engine/index.ts";

const HAVE_GCC = spawnSync("gcc", ["--version"]).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), "circlecast-social-c-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!HAVE_GCC)(`the social model against its C reference${HAVE_GCC ? "" : " [SKIPPED: gcc not found; install it with `apt-get install -y gcc`]"}`, () => {
  it("gives the same 16 counts, bit for bit, on two replicates of the standard campaign at 20,000 consumers", () => {
    const exe = compileSocialReference(dir)!;
    const s = standardScenario(20_000);
    for (const replicate of [0, 1]) {
      const world = buildWorld(s, replicate);
      const plan = compilePlan(world, s.plans[0], 0);
      expect(plan.caseCount).toBeGreaterThan(INLINE_CASES);
      const file = writeSocialInput(world, plan, path.join(dir, `input-${replicate}.bin`));
      const engine = engineRun(world, plan).metrics;
      const c = referenceRun(exe, file).metrics;
      // A run with something to compare: thousands of seen exposures, shares and customers.
      expect(engine.realImpressions).toBeGreaterThan(10_000);
      expect(engine.shares).toBeGreaterThan(100);
      expect(engine.customers).toBeGreaterThan(10);
      for (const name of SOCIAL_METRICS.names) expect(c[name], name).toBe(engine[name]);
    }
  });
});
