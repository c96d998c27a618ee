/**
 * Sweep throughput and resume: 200 runs (20 grid points × 10 replicates) of three-stages scaled to
 * 10,000 consumers (3 plans, 240 ticks per run), with 1 and 2 workers, interleaved; then a sweep
 * killed with SIGKILL part way and run again, compared byte for byte with an uninterrupted one; then a
 * sweep of plan parameters only, per-point seeds against common random numbers (where each worker
 * builds each replicate's world once), with 1 and 2 workers. `--long` adds the first sweep at 100
 * replicates (2,000 runs, about 2 minutes more per repeat): a process's start-up (module loading, the
 * sweep's preparation, worker boot: about 1 s before the first run starts) and each worker's warm-up
 * (its first runs, compiled anew in every worker) are paid once per sweep, so a longer sweep shows what
 * the second worker gives to the runs themselves.
 * `npx tsx bench/sweep.ts [--repeats N] [--long]` (about 4 minutes on 2 cores); writes bench/out/sweep.{md,json}.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { machineInfo } from "./util.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const at = process.argv.indexOf("--repeats");
const repeats = at < 0 ? 2 : Number(process.argv[at + 1]);
const long = process.argv.includes("--long");
if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats: got ${process.argv[at + 1]}, expected a whole number ≥ 1`);
const work = mkdtempSync(join(os.tmpdir(), "circlecast-bench-sweep-"));
const DATA = ["manifest.json", "points.csv", "runs.csv", "runs.parquet"];

const base = JSON.parse(readFileSync(join(root, "scenarios/library/three-stages.json"), "utf8"));
for (const c of base.population.circles) c.size = Math.round(c.size * 0.4); // 25,000 → 10,000 consumers
base.network.bigAccounts.followers = 8000;
/** A sweep over `base` of 20 grid points × `replicates` (10 but in the long sweep), written to the work folder. */
function sweepOf(name: string, parameters: unknown[], randomNumbers = "per-point", replicates = 10): string {
  const f = join(work, `${name}.json`);
  writeFileSync(f, JSON.stringify({ name, base, parameters, design: { kind: "grid" }, replicates, seed: 1, randomNumbers, outputs: ["reach", "customers", "fans", "spend", "roi"] }));
  return f;
}
const kolsPerCircle = { name: "kolsPerCircle", path: "plans.fan-management.strategies.kolSeeding.kolsPerCircle", values: [1, 2, 3, 4] };
const mothersAffinity = { name: "mothersAffinity", path: "circles.young-mothers.productAffinity", min: 0.5, max: 0.9, steps: 5 };
const sweepFile = sweepOf("bench-10k", [kolsPerCircle, mothersAffinity]);
const RUNS = 200;
const LONG_RUNS = 2000;

// The same grid size over plan parameters only: under common random numbers every point shares the worlds.
const planSweep = (randomNumbers: string) =>
  sweepOf(`bench-10k-plans-${randomNumbers}`, [kolsPerCircle, { name: "kolBudget", path: "plans.fan-management.strategies.kolSeeding.budget", min: 1200, max: 2400, steps: 5 }], randomNumbers);

// The CLI as users run it (`npx circlecast`: bin/circlecast.js, which sets glibc's huge pages, and the
// compiled JavaScript, built here first). Under tsx each worker thread would also run a loader thread
// compiling the engine, about 0.5 s of CPU per worker.
const built = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, encoding: "utf8" });
if (built.status !== 0) throw new Error(`npm run build failed: ${built.stderr}${built.stdout}`);
const bin = join(root, "bin/circlecast.js");
const cli = (out: string, workers: number, file = sweepFile) => ["sweep", file, "--out", out, "--workers", String(workers)];

/** One sweep as a child process: wall time of the whole command (process start, worker boot, runs, files). */
function timed(out: string, workers: number, file = sweepFile): { wall: number; reported: string } {
  const t = performance.now();
  const r = spawnSync(bin, cli(out, workers, file), { cwd: root, encoding: "utf8" });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`sweep failed: ${r.stderr}`);
  return { wall, reported: /\(([\d.]+) runs\/s/.exec(r.stdout)?.[1] ?? "?" };
}

function same(a: string, b: string): boolean {
  return DATA.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

const machine = machineInfo();
const rows: { workers: number; repeat: number; wall: number; runsPerSecond: number; cliRunsPerSecond: string }[] = [];
for (let k = 0; k < repeats; k++)
  for (const workers of k % 2 === 0 ? [1, 2] : [2, 1]) {
    const out = join(work, `w${workers}-${k}`);
    const { wall, reported } = timed(out, workers);
    rows.push({ workers, repeat: k, wall, runsPerSecond: RUNS / wall, cliRunsPerSecond: reported });
    process.stderr.write(`workers ${workers}, repeat ${k}: ${wall.toFixed(1)} s, ${(RUNS / wall).toFixed(2)} runs/s\n`);
  }
const outputsAgree = rows.every((r) => same(join(work, "w1-0"), join(work, `w${r.workers}-${r.repeat}`)));
const best = (w: number) => Math.max(...rows.filter((r) => r.workers === w).map((r) => r.runsPerSecond));
const speedup = best(2) / best(1);

// Resume: SIGKILL once a third of the runs are in the journal, run again, compare with w1-0.
const killed = join(work, "killed");
const journal = join(killed, "runs.jsonl");
const lines = () => (existsSync(journal) ? readFileSync(journal, "utf8").split("\n").filter((l) => l.endsWith("}")).length : 0);
const child = spawn(bin, cli(killed, 2), { cwd: root, stdio: "ignore" });
const exited = new Promise((resolve) => child.on("exit", resolve));
while (lines() < RUNS / 3) await new Promise((r) => setTimeout(r, 20));
child.kill("SIGKILL");
await exited;
const atKill = lines();
const resumed = timed(killed, 2);
const finalLines = readFileSync(journal, "utf8").trimEnd().split("\n").map((l) => (JSON.parse(l) as { run: number }).run);
const resume = {
  killedAfterRuns: atKill,
  rerunSeconds: resumed.wall,
  journalLines: finalLines.length,
  distinctRuns: new Set(finalLines).size,
  identicalToUninterrupted: same(join(work, "w1-0"), killed),
};

// Plan parameters only: per-point seeds against common random numbers (worlds reused), interleaved.
const planFiles = { "per-point": planSweep("per-point"), common: planSweep("common") };
const planRows: { randomNumbers: string; workers: number; wall: number; runsPerSecond: number }[] = [];
for (let k = 0; k < repeats; k++)
  for (const workers of [1, 2])
    for (const rn of ["per-point", "common"] as const) {
      const { wall } = timed(join(work, `plans-${rn}-w${workers}-${k}`), workers, planFiles[rn]);
      planRows.push({ randomNumbers: rn, workers, wall, runsPerSecond: RUNS / wall });
      process.stderr.write(`plan sweep, ${rn}, workers ${workers}: ${wall.toFixed(1)} s\n`);
    }
// The long sweep: the same grid at 100 replicates, 1 and 2 workers alternated.
const longRows: { workers: number; repeat: number; wall: number; runsPerSecond: number }[] = [];
if (long) {
  const longFile = sweepOf("bench-10k-long", [kolsPerCircle, mothersAffinity], "per-point", 100);
  for (let k = 0; k < repeats; k++)
    for (const workers of k % 2 === 0 ? [1, 2] : [2, 1]) {
      const { wall } = timed(join(work, `long-w${workers}-${k}`), workers, longFile);
      longRows.push({ workers, repeat: k, wall, runsPerSecond: LONG_RUNS / wall });
      process.stderr.write(`long sweep, workers ${workers}, repeat ${k}: ${wall.toFixed(1)} s\n`);
    }
}
const longAgree = !long || longRows.every((r) => same(join(work, "long-w1-0"), join(work, `long-w${r.workers}-${r.repeat}`)));
// Paired by repeat: the two sweeps of a repeat ran back to back, so a slow hour slows both.
const longRatios = Array.from({ length: long ? repeats : 0 }, (_, k) => {
  const wall = (w: number) => longRows.find((r) => r.repeat === k && r.workers === w)!.wall;
  return wall(1) / wall(2);
});

const commonAgree = same(join(work, "plans-common-w1-0"), join(work, "plans-common-w2-0"));
const planBest = (rn: string, w: number) => Math.max(...planRows.filter((r) => r.randomNumbers === rn && r.workers === w).map((r) => r.runsPerSecond));

const md = [
  "# Sweep throughput",
  "",
  `${machine.date} · ${machine.cpu} × ${machine.cores} · node ${machine.node} · load ${machine.loadAverage.map((l) => l.toFixed(2)).join(" ")} at start, ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} at end · commit ${machine.commit}`,
  "",
  `200 runs (20 points × 10 replicates) of three-stages at 10,000 consumers, 3 plans × 240 ticks per run; wall time of \`circlecast sweep\` as a child process (start-up and worker boot included); outputs of every variant byte-identical: ${outputsAgree}.`,
  "",
  "| workers | repeat | wall s | runs/s | runs/s reported by the CLI |",
  "|---:|---:|---:|---:|---:|",
  ...rows.map((r) => `| ${r.workers} | ${r.repeat} | ${r.wall.toFixed(1)} | ${r.runsPerSecond.toFixed(2)} | ${r.cliRunsPerSecond} |`),
  "",
  `Speedup, best of each: ${speedup.toFixed(2)}× with 2 workers.`,
  "",
  "Plan parameters only (kolsPerCircle 1–4 × the KOL budget 1,200–2,400 in 5 steps, 10 replicates: 200 runs), per-point seeds against common random numbers, where each worker builds each replicate's world once and reuses it for the other points:",
  "",
  "| random numbers | workers | runs/s (best) |",
  "|---|---:|---:|",
  ...["per-point", "common"].flatMap((rn) => [1, 2].map((w) => `| ${rn} | ${w} | ${planBest(rn, w).toFixed(2)} |`)),
  "",
  `Common random numbers, best of each: ${(planBest("common", 1) / planBest("per-point", 1)).toFixed(2)}× the runs/s of per-point seeds with 1 worker, ${(planBest("common", 2) / planBest("per-point", 2)).toFixed(2)}× with 2; 2 workers ${(planBest("common", 2) / planBest("common", 1)).toFixed(2)}× 1 worker; outputs with 1 and 2 workers identical: ${commonAgree}.`,
  "",
  ...(long
    ? [
        `Long sweep: the same grid at 100 replicates (${LONG_RUNS} runs), start-up and warm-up paid once; outputs identical: ${longAgree}.`,
        "",
        "| workers | repeat | wall s | runs/s |",
        "|---:|---:|---:|---:|",
        ...longRows.map((r) => `| ${r.workers} | ${r.repeat} | ${r.wall.toFixed(1)} | ${r.runsPerSecond.toFixed(2)} |`),
        "",
        `2 workers against 1, per repeat (run back to back): ${longRatios.map((x) => `${x.toFixed(2)}×`).join(", ")}.`,
        "",
      ]
    : []),
  `Resume: SIGKILL after ${resume.killedAfterRuns} finished runs; the rerun took ${resume.rerunSeconds.toFixed(1)} s; journal ${resume.journalLines} lines, ${resume.distinctRuns} distinct runs; output identical to the uninterrupted sweep: ${resume.identicalToUninterrupted}.`,
  "",
].join("\n");
mkdirSync(join(root, "bench/out"), { recursive: true });
writeFileSync(join(root, "bench/out/sweep.md"), md);
writeFileSync(join(root, "bench/out/sweep.json"), JSON.stringify({ machine, rows, speedup, outputsAgree, resume, planRows, commonAgree, longRows, longRatios, longAgree }, null, 2) + "\n");
process.stdout.write(md);
if (!outputsAgree || !commonAgree || !longAgree || !resume.identicalToUninterrupted || resume.distinctRuns !== RUNS || resume.journalLines !== RUNS) process.exitCode = 1;
