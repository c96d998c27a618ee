import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { runCli } from "../run-cli.ts";
import type { SweepInput } from "../../scenarios/schema/sweep.ts";
import { tinySweepBase } from "../helpers.ts";
import { sweepRuns } from "../../engine/experiment/sweep-local.ts";
import { readSweep } from "../../engine/node/sweep-load.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-sweep-"));
const DATA = ["manifest.json", "points.csv", "runs.csv", "runs.parquet"];

const tinyBase = tinySweepBase;

const grid = (values: number[], over: Partial<SweepInput> = {}): SweepInput => ({
  name: "grid",
  base: tinyBase,
  parameters: [
    { name: "fatigue", path: "circles.a.fatigueRate", values },
    { name: "touches", path: "circles.b.touchesToConvert", values: [{ min: 1, max: 2 }, { min: 3, max: 4 }] },
  ],
  design: { kind: "grid" },
  replicates: 2,
  seed: 11,
  ...over,
});

let n = 0;
function file(content: unknown, name = `sweep-${++n}.json`): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
}

const cli = runCli;

const read = (d: string, f: string) => readFileSync(join(d, f));
function expectSameFiles(a: string, b: string, files = DATA): void {
  for (const f of files) expect(read(b, f).equals(read(a, f)), `${f} differs between ${a} and ${b}`).toBe(true);
}
function csvRows(d: string, f = "runs.csv"): Record<string, string>[] {
  const [head, ...lines] = read(d, f).toString("utf8").trimEnd().split("\n");
  // The tests' values hold no commas inside quotes except JSON objects; split those out first.
  const split = (l: string) => l.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!.slice(0, -1).map((c) => c.replace(/,$/, ""));
  const cols = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

describe("circlecast sweep", () => {
  it("gives byte-identical files with 0 (in-process), 1, 2 and 4 workers", async () => {
    const sweep = file(grid([0.05, 0.2, 0.4]));
    const outs = [0, 1, 2, 4].map((w) => join(dir, `workers-${w}`));
    for (const [k, w] of [0, 1, 2, 4].entries()) {
      const r = await cli("sweep", sweep, "--out", outs[k], "--workers", String(w), "--oversubscribe"); // 4 workers on a 2-core machine
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/grid: 6 point\(s\) × 2 replicate\(s\) = 12 run\(s\), design grid: 12 run\(s\) in .* 0 already done\nwrote /);
    }
    for (const o of outs.slice(1)) expectSameFiles(outs[0], o);
    const rows = csvRows(outs[0]);
    expect(rows).toHaveLength(24); // 12 runs × 2 plans
    expect(rows.slice(0, 4).map((r) => [r.run, r.point, r.replicate, r.fatigue, r.touches, r.plan])).toEqual([
      ["0", "0", "0", "0.05", '"{""max"":2,""min"":1}"', "post"],
      ["0", "0", "0", "0.05", '"{""max"":2,""min"":1}"', "fans"],
      ["1", "0", "1", "0.05", '"{""max"":2,""min"":1}"', "post"],
      ["1", "0", "1", "0.05", '"{""max"":2,""min"":1}"', "fans"],
    ]);
  });

  it("with common random numbers, a plan-only sweep (worlds reused in each worker) gives the same files with 0 and 2 workers", async () => {
    const common = file({ ...grid([0.1]), parameters: [{ name: "cost", path: "plans.post.actions[0].cost", values: [1, 5, 9] }], replicates: 3, randomNumbers: "common" });
    const outs = [0, 2].map((w) => join(dir, `common-${w}`));
    for (const [k, w] of [0, 2].entries()) expect((await cli("sweep", common, "--out", outs[k], "--workers", String(w))).code).toBe(0);
    expectSameFiles(outs[0], outs[1]);
    // Every point runs on the same worlds with the same draws: reach does not depend on a post's price.
    const rows = csvRows(outs[0]).filter((r) => r.plan === "post");
    expect(new Set(rows.map((r) => r.seed))).toEqual(new Set(["11"]));
    for (const r of rows) expect(r.reach).toBe(rows[Number(r.replicate)].reach);
    expect(new Set(rows.map((r) => r.spend)).size).toBe(3);
  });

  it("sweepRuns (the API, one thread) gives each run's final values as the CLI writes them", async () => {
    const sweepFile = file(grid([0.05, 0.4]));
    const out = join(dir, "api-vs-cli");
    expect((await cli("sweep", sweepFile, "--out", out, "--workers", "1")).code).toBe(0);
    const rows = csvRows(out);
    const api = [...sweepRuns(readSweep(sweepFile))];
    expect(api).toHaveLength(8);
    for (const r of api)
      for (const p of r.plans) {
        const row = rows.find((x) => x.run === String(r.run) && x.plan === p.plan)!;
        expect(Number(row.customers), `run ${r.run} ${p.plan}`).toBe(p.final.customers);
        expect(Number(row.reach)).toBe(p.final.reach);
      }
  });

  it("adding a point to a grid changes no other run's result", async () => {
    await cli("sweep", file(grid([0.05, 0.4])), "--out", join(dir, "two"), "--workers", "0");
    await cli("sweep", file(grid([0.05, 0.2, 0.4])), "--out", join(dir, "three"), "--workers", "0");
    const key = (r: Record<string, string>) => `${r.fatigue}|${r.touches}|${r.replicate}|${r.plan}`;
    const strip = ({ run, point, ...rest }: Record<string, string>) => (void run, void point, rest);
    const three = new Map(csvRows(join(dir, "three")).map((r) => [key(r), strip(r)]));
    const two = csvRows(join(dir, "two"));
    expect(two).toHaveLength(16);
    for (const r of two) expect(three.get(key(r))).toEqual(strip(r));
  });

  it("writes Parquet with the same rows and types as the CSV, and provenance in its metadata", async () => {
    const d = join(dir, "workers-0");
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(d, "runs.parquet")) });
    const csv = csvRows(d);
    expect(rows).toHaveLength(csv.length);
    expect(Object.keys(rows[0])).toEqual(Object.keys(csv[0]));
    expect(typeof rows[0].run).toBe("number");
    expect(typeof rows[0].seed).toBe("bigint");
    rows.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) {
        const c = csv[i][k];
        if (k === "touches") expect(`"${String(v).replaceAll('"', '""')}"`).toBe(c);
        else if (v === null) expect(c).toBe("");
        else expect(String(v)).toBe(c);
      }
    });
  });

  it("runs shards (flag or Kubernetes index) into shard folders, and merge gives the unsharded output byte for byte", async () => {
    const sweep = file(grid([0.05, 0.2, 0.4]), "sharded.json");
    const whole = join(dir, "whole");
    await cli("sweep", sweep, "--out", whole, "--workers", "0");
    const parent = join(dir, "shards");
    expect((await cli("sweep", sweep, "--out", parent, "--shard", "0/3", "--workers", "0")).code).toBe(0);
    expect((await cli("sweep", sweep, "--out", parent, "--shard", "2/3", "--workers", "0")).code).toBe(0);
    const partial = await cli("merge", parent, "--out", join(dir, "merged-partial"));
    expect(partial.code).toBe(2);
    expect(partial.err).toContain("4 of 12 are missing (runs 1, 4, 7, 10): is a shard unfinished?");
    process.env.JOB_COMPLETION_INDEX = "1";
    process.env.CIRCLECAST_SHARD_COUNT = "3";
    try {
      const k8s = await cli("sweep", sweep, "--out", parent, "--workers", "0");
      expect(k8s.err).toBe("circlecast: shard 1/3 from JOB_COMPLETION_INDEX\n");
      expect(k8s.code).toBe(0);
    } finally {
      delete process.env.JOB_COMPLETION_INDEX;
      delete process.env.CIRCLECAST_SHARD_COUNT;
    }
    expect(csvRows(join(parent, "shard-1-of-3")).map((r) => r.run)).toEqual(["1", "1", "4", "4", "7", "7", "10", "10"]);
    const merged = join(dir, "merged");
    const m = await cli("merge", join(parent, "shard-0-of-3"), join(parent, "shard-2-of-3"), join(parent, "shard-1-of-3"), "--out", merged);
    expect(m.err).toBe("");
    expect(m.code).toBe(0);
    expectSameFiles(whole, merged);
    // The merged folder is a finished sweep: running the sweep into it runs nothing and changes nothing.
    const again = await cli("sweep", sweep, "--out", merged, "--workers", "0");
    expect(again.out).toContain("0 run(s) in");
    expect(again.out).toContain("12 already done");
    expectSameFiles(whole, merged);
  });

  it("computes Sobol indices beside the runs, and merge computes the same", async () => {
    const sweep = file({
      name: "sens",
      base: tinyBase,
      plans: ["post"],
      parameters: [
        { path: "contents.c.quality", min: 0.2, max: 1 },
        { path: "circles.a.sharePropensity", min: 0, max: 0.4 },
      ],
      design: { kind: "sobol", samples: 8, bootstrap: 50 },
      outputs: ["reach", "customers"],
    });
    const whole = join(dir, "sobol");
    expect((await cli("sweep", sweep, "--out", whole, "--workers", "0")).code).toBe(0);
    const rows = csvRows(whole, "sobol.csv");
    expect(rows.map((r) => `${r.plan} ${r.output} ${r.parameter}`)).toEqual([
      "post reach contents.c.quality", "post reach circles.a.sharePropensity",
      "post customers contents.c.quality", "post customers circles.a.sharePropensity",
    ]);
    for (const r of rows) expect(Number(r.ST)).toBeGreaterThanOrEqual(0);
    expect(csvRows(whole)).toHaveLength(32); // 8 × (2 + 2) points, one plan
    for (const s of ["0/2", "1/2"]) await cli("sweep", sweep, "--out", join(dir, "sobol-shards"), "--shard", s, "--workers", "0");
    expect(existsSync(join(dir, "sobol-shards", "shard-0-of-2", "sobol.csv"))).toBe(false);
    await cli("merge", join(dir, "sobol-shards"), "--out", join(dir, "sobol-merged"));
    expectSameFiles(whole, join(dir, "sobol-merged"), [...DATA, "sobol.csv"]);
  });

  it("writes per-tick values when asked", async () => {
    const d = join(dir, "ticks");
    const r = await cli("sweep", file(grid([0.1], { replicates: 1, perTick: { every: 5 }, outputs: ["reach", "roi"] })), "--out", d, "--workers", "0");
    expect(r.code).toBe(0);
    const ticks = csvRows(d, "ticks.csv");
    expect(Object.keys(ticks[0])).toEqual(["run", "point", "replicate", "plan", "tick", "reach"]); // roi is derived: no series
    expect(ticks.filter((t) => t.run === "0" && t.plan === "post").map((t) => t.tick)).toEqual(["0", "5", "10", "15"]);
    const last = ticks.find((t) => t.run === "1" && t.plan === "fans" && t.tick === "15")!;
    expect(last.reach).toBe(csvRows(d).find((x) => x.run === "1" && x.plan === "fans")!.reach);
  });

  it("bad sweep files and folders fail before any run with exit 2", async () => {
    const out = join(dir, "never");
    const bad = await cli("sweep", file(grid([0.1, "high" as unknown as number])), "--out", out);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatchInlineSnapshot(`
      "circlecast: ${join(dir, `sweep-${n}.json`)} is invalid:
        - parameters[0].values[1]: got "high", expected a number (population.circles[0].fatigueRate)
      "
    `);
    expect(existsSync(out)).toBe(false);
    const missingBase = await cli("sweep", file({ ...grid([0.1]), base: "nope.json" }), "--out", out);
    expect(missingBase.code).toBe(2);
    expect(missingBase.err).toContain('base: got "nope.json", expected a readable scenario file (');
    const lib = await cli("sweep", file({ ...grid([0.1]), base: "library:nope" }), "--dry-run");
    expect(lib.err).toContain('base: got "library:nope", expected a readable scenario file (no built-in scenario "nope"');
    const other = await cli("sweep", file(grid([0.1, 0.3])), "--out", join(dir, "workers-0"));
    expect(other.code).toBe(2);
    expect(other.err).toContain("holds the results of a different sweep");
    expect(other.err).toContain("differs in points, runs, fingerprint, sweep");
    expect((await cli("sweep", file(grid([0.1])))).err).toContain("--out: expected an output folder (--out DIR)");
    expect((await cli("sweep", file(grid([0.1])), "--out", out, "--shard", "3/3")).err).toContain(
      "--shard: got 3, expected a shard index below the shard count 3 (indices start at 0)",
    );
    expect((await cli("merge", join(dir, "nothing-here"), "--out", out)).code).toBe(2);
  });

  it("--dry-run checks the file and prints the size of the sweep and of a shard", async () => {
    const r = await cli("sweep", file(grid([0.1, 0.2, 0.3])), "--dry-run", "--shard", "1/4");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: grid: 6 point\(s\) × 2 replicate\(s\) = 12 run\(s\), design grid; shard 1\/4 \(from --shard\) runs 3\ncost: .* × 12 run\(s\), .*agent-tick equivalents/);
  });
});
