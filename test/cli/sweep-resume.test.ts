import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../run-cli.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "circlecast-resume-"));
const DATA = ["manifest.json", "points.csv", "runs.csv", "runs.parquet", "ticks.csv", "ticks.parquet"];

const sweepFile = join(dir, "resume.json");
writeFileSync(sweepFile, JSON.stringify({
  name: "resume",
  base: {
    name: "resume-base",
    horizon: 40,
    population: { circles: [{ name: "a", size: 800 }, { name: "b", size: 600, touchesToConvert: { min: 1, max: 2 } }] },
    network: { kind: "circles", meanDegree: 8, bigAccounts: { count: 1, followers: 300 } },
    contents: [{ id: "c", quality: 0.8, brandFit: 0.6 }],
    plans: [
      { name: "post", actions: [{ type: "post", content: "c", from: "brand", at: { start: 0, every: 4, count: 8 }, cost: 5 }] },
      { name: "kols", strategies: [{ type: "kolSeeding", pricePerPost: 50, at: { start: 2, every: 10, count: 3 } }] },
    ],
  },
  parameters: [
    { path: "circles.a.fatigueRate", values: [0.05, 0.2, 0.4] },
    { path: "contents.c.quality", min: 0.4, max: 0.9, steps: 2 },
  ],
  design: { kind: "grid" },
  replicates: 30,
  seed: 5,
  perTick: { every: 10, metrics: ["reach", "customers"] },
}));
const RUNS = 180;

/** The CLI as a child process, from the TypeScript sources. */
function start(out: string) {
  const env = { ...process.env };
  for (const k of ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]) delete env[k];
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "engine/node/cli.ts"), "sweep", sweepFile, "--out", out, "--workers", "2"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exit };
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").split("\n").filter((l) => l.endsWith("}")).length : 0);

/** Wait until the journal holds at least n complete lines. */
async function waitFor(path: string, n: number): Promise<number> {
  for (let waited = 0; waited < 60_000; waited += 10) {
    const k = lines(path);
    if (k >= n) return k;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the journal never reached ${n} lines`);
}

const cli = runCli;

describe("a killed sweep resumes where it stopped", () => {
  it("after SIGKILL, SIGINT and a torn journal line, the rerun never duplicates or loses a run and equals an uninterrupted sweep byte for byte", async () => {
    const reference = join(dir, "reference");
    expect((await cli("sweep", sweepFile, "--out", reference, "--workers", "0")).code).toBe(0);

    const out = join(dir, "killed");
    const journal = join(out, "runs.jsonl");
    const a = start(out);
    await waitFor(journal, 20);
    a.child.kill("SIGKILL");
    expect((await a.exit).signal).toBe("SIGKILL");
    const afterKill = lines(journal);
    expect(afterKill).toBeLessThan(RUNS);

    const b = start(out);
    await waitFor(journal, afterKill + 20);
    b.child.kill("SIGINT");
    const stopped = await b.exit;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/SIGINT: stopped after \d+ of 180 run\(s\); finished runs are saved in .*runs\.jsonl: run the same command again to continue/);
    const afterInt = lines(journal);
    expect(afterInt).toBeGreaterThan(afterKill);
    expect(afterInt).toBeLessThan(RUNS);
    appendFileSync(journal, '{"run":17,"point":0,"replic'); // a line torn by a power cut

    const c = await cli("sweep", sweepFile, "--out", out, "--workers", "0");
    expect(c.code).toBe(0);
    expect(c.out).toContain(`${RUNS - afterInt} run(s) in`);
    expect(c.out).toContain(`${afterInt} already done`);

    const runs = readFileSync(journal, "utf8").trimEnd().split("\n").map((l) => (JSON.parse(l) as { run: number }).run);
    expect(runs).toHaveLength(RUNS);
    expect(new Set(runs).size).toBe(RUNS);
    for (const f of DATA) expect(readFileSync(join(out, f)).equals(readFileSync(join(reference, f))), f).toBe(true);
    expect(existsSync(join(out, ".lock"))).toBe(false);
  });
});
