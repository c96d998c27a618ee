/**
 * Instructions per delivery of the social kernel, the engine against its C reference (and, with --vs,
 * against another checkout), counted by valgrind's cachegrind without cache simulation. On this shared
 * machine wall-clock ratios of two kernels move by ±5 % on the medians of 8–12 paired rounds, too much
 * for a change worth 3 %; an instruction count does not move with the host's load. It counts work, not
 * time: a run that waits on memory (large worlds) gains less time than it loses instructions.
 *
 * Each count is the difference between processes that build the standard campaign's world
 * (bench/scenario.ts, replicate 0), run its tick loop `--warm` times (V8 optimises the kernel meanwhile),
 * then `--runs` more times, twice that, or none: the differences, ÷ runs, are one warm run, and their
 * disagreement ("drift") says how far to trust it. Node runs with --single-threaded, so that V8's
 * compiler threads do not add their work at random. The drift stays at 2–8 % however long the warm-up
 * (8 or 20 runs), with --predictable, --no-flush-bytecode or a full collection before each run (which
 * added 380 M instructions a run): V8 still compiles or collects now and then, and a compile of the
 * exposure is tens of millions of instructions. So a change is resolved when it moves the count by more
 * than the drift, the same way in every count: writing out hash3Bits' rounds (0.91–0.94× in three counts)
 * was; dropping the plain run's list of ties from the delivery loop (1.03×, 1.03× and 0.94×) was not. The
 * C kernel (bench/reference/social.c) runs the same world 1 and 1 + runs times.
 *
 *   npx tsx bench/instructions.ts [--sizes 100000] [--warm 8] [--runs 6] [--vs DIR] [--out bench/out/instructions.md]
 *
 * Needs valgrind (apt-get install valgrind) and, for C, gcc. About 3 minutes per checkout at 100 k.
 */
import "./like-the-cli.ts";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildWorld } from "../engine/index.ts";
import { compilePlan } from "../engine/core/strategies/compile.ts";
import { compileSocialReference, writeSocialInput } from "./reference/social-kernel.ts";
import { standardScenario } from "./scenario.ts";
import { arg, machineInfo, mdTable } from "./util.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");

/** In the counted process: build the world with checkout `dir`'s engine and run its tick loop warm + runs times; print the deliveries of one run. */
async function child(dir: string, n: number, runs: number): Promise<void> {
  const load = (file: string) => import(pathToFileURL(path.join(dir, file)).href);
  const [{ buildWorld: build }, { compilePlan: compile }, { engineRun }, { standardScenario: scenario }] = await Promise.all([
    load("engine/core/world.ts"), load("engine/core/strategies/compile.ts"), load("bench/reference/social-kernel.ts"), load("bench/scenario.ts"),
  ]);
  const s = scenario(n);
  const world = build(s, 0);
  const plan = compile(world, s.plans[0], 0);
  let deliveries = 0;
  for (let r = 0; r < runs; r++) deliveries = (engineRun(world, plan) as { metrics: Record<string, number> }).metrics.reportedImpressions;
  process.stdout.write(`deliveries ${deliveries}\n`);
}

/** Instructions valgrind counted in `command` (cachegrind's "I refs"), and what it printed. */
function count(command: string[]): { instructions: number; stdout: string } {
  const r = spawnSync("valgrind", ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", "--smc-check=all-non-file", ...command], { encoding: "utf8", maxBuffer: 1 << 26 });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (r.status !== 0 || !refs) throw new Error(`valgrind ${command.join(" ")} failed (status ${r.status}):\n${r.stderr.slice(-2000)}`);
  return { instructions: Number(refs[1].replaceAll(",", "")), stdout: r.stdout };
}

/**
 * Instructions of one warm engine run of checkout `dir` at n consumers, and its deliveries. Counted
 * twice over (runs warm … warm + runs, then … warm + 2·runs): `drift` is how far the two disagree, which
 * stays within a percent or two once V8 has settled; more means the warm-up was too short (it was 30 %
 * at 20 k consumers after 3 runs).
 */
function engineCount(dir: string, n: number, warm: number, runs: number): { perRun: number; drift: number; deliveries: number } {
  const node = (k: number) => [process.execPath, "--single-threaded", ...process.execArgv, fileURLToPath(import.meta.url), "--child", dir, String(n), String(k)];
  const [c0, c1, c2] = [warm, warm + runs, warm + 2 * runs].map((k) => count(node(k)));
  const first = c1.instructions - c0.instructions, second = c2.instructions - c1.instructions;
  const deliveries = Number(/deliveries (\d+)/.exec(c2.stdout)?.[1]);
  return { perRun: (first + second) / (2 * runs), drift: Math.abs(first - second) / ((first + second) / 2), deliveries };
}

/** Instructions of one C run after its first, on the world written to `file`. */
function cCount(exe: string, file: string, runs: number): number {
  return (count([exe, file, String(1 + runs)]).instructions - count([exe, file, "1"]).instructions) / runs;
}

async function main(): Promise<void> {
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.log("valgrind was not found: install it (apt-get install valgrind) to count instructions.");
    return;
  }
  const sizes = (arg("--sizes") ?? "100000").split(",").map(Number);
  const warm = Number(arg("--warm") ?? 8);
  const runs = Number(arg("--runs") ?? 6);
  const other = arg("--vs");
  const out = arg("--out") ?? path.join(here, "out", "instructions.md");
  const outDir = path.join(here, "out");
  const exe = compileSocialReference(outDir);
  const rows: string[][] = [];
  const perDelivery = (x: number, d: number) => (x / d).toFixed(0);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  for (const n of sizes) {
    process.stderr.write(`${n}: counting the engine (${warm} warm-up runs, then ${runs})\n`);
    const a = engineCount(root, n, warm, runs);
    const b = other ? engineCount(path.resolve(other), n, warm, runs) : undefined;
    let c: number | undefined;
    if (exe) {
      const s = standardScenario(n);
      const world = buildWorld(s, 0);
      const file = writeSocialInput(world, compilePlan(world, s.plans[0], 0), path.join(outDir, `social-${n}.bin`));
      process.stderr.write(`${n}: counting the C kernel\n`);
      c = cCount(exe, file, runs);
    }
    rows.push([
      n.toLocaleString("en-US"), a.deliveries.toLocaleString("en-US"), `${(a.perRun / 1e6).toFixed(1)} M`, perDelivery(a.perRun, a.deliveries), pct(a.drift),
      ...(b ? [perDelivery(b.perRun, b.deliveries), pct(b.drift), `${(a.perRun / b.perRun).toFixed(3)}×`] : []),
      ...(c !== undefined ? [perDelivery(c, a.deliveries), `${(a.perRun / c).toFixed(2)}×`] : []),
    ]);
  }
  const m = machineInfo();
  const header = ["Consumers", "Deliveries / run", "Engine, instructions / run", "per delivery", "drift", ...(other ? [`--vs ${other}, per delivery`, "drift", "this ÷ --vs"] : []), ...(exe ? ["C, per delivery", "engine ÷ C"] : [])];
  const text = [
    "# Instructions per delivery of the social kernel",
    "",
    `valgrind cachegrind (no cache simulation), ${m.cpu}, Node ${process.versions.node} with --single-threaded; ${warm} warm-up runs, then ${runs} counted.`,
    "One warm run of the standard campaign's tick loop (bench/scenario.ts, replicate 0); the C kernel's runs after its first. Counts of work, not of time.",
    "",
    mdTable(header, rows),
  ].join("\n");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${text}\n`);
  console.log(text);
}

if (process.argv[2] === "--child") await child(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else await main();
