/**
 * A calibration split between processes (`circlecast calibrate --shard i/n`): two shards writing into
 * one folder at once give the files of one unsharded run, byte for byte, each simulating its half of
 * every batch; and a plain run in that folder afterwards resumes from the shards' journals.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";
import { writeFixture } from "./fixture.ts";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const FILES = ["manifest.json", "posterior.csv", "posterior.parquet", "generations.csv", "predictive.csv"];
const read = (dir: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));
const journalLines = (path: string) => readFileSync(path, "utf8").split("\n").filter((l) => l.endsWith("}")).map((l) => JSON.parse(l) as { generation: number; index: number });

/** The CLI as a child process, from the TypeScript sources. */
function shard(file: string, out: string, which: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  for (const k of ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]) delete env[k];
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "engine/node/cli.ts"), "calibrate", file, "--out", out, "--workers", "0", "--shard", which], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => (stderr += String(d)));
  return new Promise((done) => child.on("exit", (code) => done({ code, stdout, stderr })));
}

describe("circlecast calibrate --shard", () => {
  it("two shards sharing a folder write one run's files, each running its half of every batch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "circlecast-cal-shard-"));
    const file = writeFixture(dir, { particles: 20, generations: 2, maxSimulations: 300, predictive: 8 });
    const single = await runCli("calibrate", file, "--out", join(dir, "single"), "--workers", "0");
    expect(single.code, single.err).toBe(0);

    const out = join(dir, "sharded");
    const [a, b] = await Promise.all([shard(file, out, "0/2"), shard(file, out, "1/2")]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(read(out)).toEqual(read(join(dir, "single")));
    expect(a.stdout).toMatch(new RegExp(`wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(b.stdout).toMatch(/shard 0 writes/);
    // Same simulations in all, split by index: shard i journals only indices i mod 2, and none twice.
    const total = journalLines(join(dir, "single", "simulations.jsonl")).length;
    const halves = ["shard-0-of-2", "shard-1-of-2"].map((d) => journalLines(join(out, d, "simulations.jsonl")));
    expect(halves[0].length + halves[1].length).toBe(total);
    halves.forEach((h, i) => expect(h.every((r) => r.index % 2 === i)).toBe(true));
    expect(halves[0].length).toBeGreaterThan(total / 4);
    expect(readdirSync(out).filter((f) => f.endsWith(".jsonl"))).toEqual([]);

    // A plain run into the sharded folder reads the shards' journals and runs nothing again.
    const again = await runCli("calibrate", file, "--out", out, "--workers", "0");
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(new RegExp(`, 0 run now, ${total} from the journal`));
    expect(read(out)).toEqual(read(join(dir, "single")));
  });
});
