import { mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";
import { writeFixture } from "./fixture.ts";

const FILES = ["manifest.json", "posterior.csv", "posterior.parquet", "generations.csv", "predictive.csv"];
const read = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));

describe("circlecast calibrate", () => {
  const dir = mkdtempSync(join(tmpdir(), "circlecast-cal-"));
  const file = writeFixture(dir, { particles: 20, generations: 2, maxSimulations: 300, predictive: 8 });

  it("gives the same files in this thread and on a pool, and resumes a cut journal without rerunning what it holds", async () => {
    const a = await runCli("calibrate", file, "--out", join(dir, "a"), "--workers", "0");
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/generation 2: ε/);
    const b = await runCli("calibrate", file, "--out", join(dir, "b"), "--workers", "2");
    expect(b.code, b.err).toBe(0);
    expect(read(join(dir, "b"))).toEqual(read(join(dir, "a")));

    // Cut the journal in the middle of a line, as a kill would: the rest is run again, the results are the same.
    const journal = join(dir, "b", "simulations.jsonl");
    truncateSync(journal, Math.floor(statSync(journal).size / 2) + 7);
    const c = await runCli("calibrate", file, "--out", join(dir, "b"), "--workers", "0");
    expect(c.code, c.err).toBe(0);
    const resumed = Number(/(\d+) from the journal/.exec(c.out)![1]);
    expect(resumed).toBeGreaterThan(10);
    expect(c.out).toMatch(/[1-9]\d* run now/);
    expect(read(join(dir, "b"))).toEqual(read(join(dir, "a")));

    const manifest = JSON.parse(readFileSync(join(dir, "a", "manifest.json"), "utf8"));
    expect(manifest.generations.map((g: { generation: number }) => g.generation)).toEqual([0, 1, 2]);
    expect(manifest.parameters.map((p: { name: string }) => p.name)).toEqual(["persuasion", "conversion"]);
    const csv = readFileSync(join(dir, "a", "posterior.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("particle,weight,persuasion,conversion,distance");
    expect(csv.length).toBe(22);

    // Forecast the scenario's plans over that posterior.
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(JSON.parse(readFileSync(file, "utf8")).scenario));
    const f = await runCli("compare", join(dir, "scenario.json"), "--posterior", join(dir, "a"), "--draws", "4", "-r", "2", "--out", join(dir, "forecast.csv"));
    expect(f.code, f.err).toBe(0);
    expect(f.out).toMatch(/over 4 posterior draw\(s\) × 2 replicate\(s\)/);
    expect(readFileSync(join(dir, "forecast.csv"), "utf8").split("\n")[0]).toBe("plan,metric,mean,p5,p95,sd,parameterShare");
    // On one worker or two, the same numbers.
    const one = await runCli("compare", join(dir, "scenario.json"), "--posterior", join(dir, "a"), "--draws", "4", "-r", "2", "--threads", "1", "--out", join(dir, "forecast1.csv"));
    expect(one.code, one.err).toBe(0);
    expect(readFileSync(join(dir, "forecast1.csv"), "utf8")).toBe(readFileSync(join(dir, "forecast.csv"), "utf8"));
    const missing = await runCli("compare", join(dir, "scenario.json"), "--posterior", join(dir, "nothing-here"));
    expect(missing.code).toBe(2);
  });

  it("--dry-run checks everything and runs nothing", async () => {
    const r = await runCli("calibrate", file, "--dry-run");
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^ok: tiny: 2 parameter\(s\) \(persuasion, conversion\); 40 row\(s\) of campaign\.csv, ticks 0–40, 5 series → \d+ statistic\(s\)\ncost: at most 308 simulations of plan\(s\) post/);
  });

  it("refuses a folder holding another calibration", async () => {
    const other = writeFixture(mkdtempSync(join(tmpdir(), "circlecast-cal2-")), { particles: 21, generations: 1, predictive: 0 });
    const r = await runCli("calibrate", other, "--out", join(dir, "a"), "--workers", "0");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds a different calibration/);
  });

  it("exits 2 on a bad row, naming the line, the column and the value", async () => {
    const bad = mkdtempSync(join(tmpdir(), "circlecast-cal3-"));
    const f = writeFixture(bad);
    const csv = readFileSync(join(bad, "campaign.csv"), "utf8").split("\r\n");
    const cells = csv[5].split(","); // Date, "Own, account" (two pieces), Spend, Reach, Orders, …
    cells[5] = "lots";
    csv[5] = cells.join(",");
    writeFileSync(join(bad, "campaign.csv"), csv.join("\r\n"));
    const r = await runCli("calibrate", f, "--out", join(bad, "out"), "--workers", "0");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/campaign\.csv, line 6, column "Orders": got "lots", expected a number ≥ 0/);
  });
});
