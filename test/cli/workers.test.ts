/** `run --workers` and `compare --workers`: replicates spread over worker threads give the output of one thread, byte for byte. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-workers-"));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
};
const scenario = {
  name: "two plans",
  horizon: 20,
  replicates: 5,
  population: { circles: [{ name: "a", size: 600 }, { name: "b", size: 400, kols: 2 }] },
  contents: [{ id: "film", quality: 0.8 }, { id: "meme", quality: { alpha: 2, beta: 3 } }],
  plans: [
    { name: "film", actions: [{ type: "post", content: "film", from: "brand", at: 0, cost: 5 }] },
    { name: "creative", budget: 5000, strategies: [{ type: "creativeContent", pieces: 2, every: 5, productionCost: 100 }] },
  ],
};

describe("--workers", () => {
  it("run and compare on 2 workers print what one thread prints (JSON, every replicate)", async () => {
    const f = file("s.json", scenario);
    for (const command of ["run", "compare"]) {
      const one = await runCli(command, f, "--format", "json", "--seed", "7");
      const two = await runCli(command, f, "--format", "json", "--seed", "7", "--workers", "2");
      expect([one.code, two.code]).toEqual([0, 0]);
      expect(JSON.parse(two.out).provenance.replicates).toBe(5);
      expect(two.out).toBe(one.out);
    }
    // Plans compared replicate by replicate (the pairs): each plan's runs must come back with their own replicate's.
    const one = await runCli("compare", "library:crm-tiers", "--replicates", "4", "--format", "json");
    const two = await runCli("compare", "library:crm-tiers", "--replicates", "4", "--format", "json", "--workers", "2");
    expect(JSON.parse(one.out).pairs.some((p: { metric: string; mean: number }) => p.metric === "customers" && p.mean !== 0)).toBe(true);
    expect(two.out).toBe(one.out);
    const csv = (...extra: string[]) => runCli("run", f, "--replicates", "3", "--out", join(dir, `${extra.join("") || "plain"}.csv`), ...extra);
    expect((await csv()).code).toBe(0);
    expect((await csv("--workers", "3", "--oversubscribe")).code).toBe(0);
  });

  it("a plan error in a worker is the same exit 2 and message as in one thread; --threads with --workers is refused", async () => {
    const over = file("over.json", { ...scenario, plans: [{ name: "tight", budget: 10, strategies: [{ type: "creativeContent", pieces: 2, every: 5, productionCost: 100 }] }] });
    const one = await runCli("run", over);
    const two = await runCli("run", over, "--workers", "2");
    expect(two.code).toBe(2);
    expect(two.err).toBe(one.err);
    expect(two.err).toContain('plan "tight" is over budget');
    const both = await runCli("run", file("s2.json", scenario), "--workers", "2", "--threads", "2");
    expect(both.code).toBe(2);
    expect(both.err).toContain("--workers: got 2, expected --threads or --workers, not both");
  });
});
