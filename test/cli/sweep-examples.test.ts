import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { mainAsync } from "../../engine/node/cli.ts";
import { readSweep } from "../../engine/node/sweep-load.ts";
import { LIBRARY_DIR, PACKAGE_ROOT } from "../../engine/node/package-info.ts";

const SWEEPS = join(PACKAGE_ROOT, "scenarios", "sweeps");
const dir = mkdtempSync(join(tmpdir(), "circlecast-examples-"));

describe("example sweep files", () => {
  it.each(readdirSync(SWEEPS).filter((f) => f.endsWith(".json")))("%s is valid", (f) => {
    const prep = readSweep(join(SWEEPS, f));
    expect(prep.runs).toBeGreaterThan(0);
  });

  it("three-stages-grid runs small (1/25 of the population, one replicate) and writes one row per run and plan", async () => {
    const sweep = JSON.parse(readFileSync(join(SWEEPS, "three-stages-grid.json"), "utf8"));
    const base = JSON.parse(readFileSync(join(LIBRARY_DIR, "three-stages.json"), "utf8"));
    for (const c of base.population.circles) c.size /= 25;
    base.network.bigAccounts.followers = 600;
    const small = join(dir, "small.json");
    writeFileSync(small, JSON.stringify({ ...sweep, base, replicates: 1 }));
    let out = "";
    const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    try {
      expect(await mainAsync(["sweep", small, "--out", join(dir, "out"), "--workers", "0"])).toBe(0);
    } finally {
      o.mockRestore();
    }
    expect(out).toContain("three-stages-grid: 6 point(s) × 1 replicate(s) = 6 run(s)");
    const [head, ...rows] = readFileSync(join(dir, "out", "runs.csv"), "utf8").trimEnd().split("\n");
    expect(head).toBe("run,point,replicate,seed,kolsPerCircle,mothersTouches,plan,reach,customers,fans,spend,revenue,roi,costPerConversion");
    expect(rows).toHaveLength(18);
    expect(rows.slice(0, 3).map((r) => /,(repost-buying|creative-content|fan-management),/.exec(r)?.[1])).toEqual(["repost-buying", "creative-content", "fan-management"]);
  });
});
