/**
 * What two threads can get from this machine: the same fixed work on one thread alone and on two at
 * once, for arithmetic, for random read-modify-writes over arrays of growing size (their pages touched
 * before the clock starts), and for fresh memory (new arrays allocated and written, as a run's world
 * and state are). The engine's parallel speed-ups (sweeps, split runs) are to be read against these.
 *
 *   npx tsx bench/contention.ts [--rounds 5] [--out bench/contention.md]
 */
import { writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { arg, machineInfo, median, mib } from "./util.ts";

interface Task {
  readonly kind: "arithmetic" | "random access" | "fresh memory";
  /** Array length (Int32), a power of two; 0 for arithmetic. */
  readonly length: number;
}

/**
 * The fixed work, timed inside the thread: 4·10⁸ multiply–xor steps; 10⁸ increments at LCG-chosen
 * indices of an array already written once; or 1 GiB of new arrays of the given length, each
 * allocated and written. Returns [ms, checksum].
 */
function work({ kind, length }: Task): [number, number] {
  let h = 1;
  const a = kind === "random access" ? new Int32Array(length).fill(1) : new Int32Array(0);
  const mask = length - 1;
  const t0 = performance.now();
  if (kind === "arithmetic") for (let i = 0; i < 4e8; i++) h = (Math.imul(h ^ i, 16777619) + 1) | 0;
  else if (kind === "random access")
    for (let i = 0, x = 1; i < 1e8; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) | 0;
      h += a[(x >>> 6) & mask]++;
    }
  else
    for (let k = 0; k < 2 ** 28 / length; k++) {
      const b = new Int32Array(length).fill(k);
      h += b[k & mask];
    }
  return [performance.now() - t0, h];
}

/** A worker's script: the work as plain JavaScript (no loader in the thread), timed inside it. */
const THREAD = `const { parentPort, workerData } = require("node:worker_threads");
${work.toString()}
const [ms, h] = work(workerData);
parentPort.postMessage({ ms, h });`;

/** Each of `threads` workers does the work once, all started together; their times in ms. */
async function together(task: Task, threads: number): Promise<number[]> {
  const runs = Array.from({ length: threads }, () =>
    new Promise<number>((resolve, reject) => {
      const w = new Worker(THREAD, { eval: true, workerData: task });
      w.once("message", (m: { ms: number }) => resolve(m.ms));
      w.once("error", reject);
    }));
  return Promise.all(runs);
}

async function main(): Promise<void> {
  const rounds = Number(arg("--rounds") ?? 5);
  const out = arg("--out") ?? "bench/contention.md";
  const info = machineInfo();
  const tasks: Task[] = [
    { kind: "arithmetic", length: 0 },
    ...[16, 18, 20, 22, 24, 26].map((b): Task => ({ kind: "random access", length: 1 << b })),
    ...[18, 22, 24].map((b): Task => ({ kind: "fresh memory", length: 1 << b })),
  ];
  const rows: string[] = [];
  for (const task of tasks) {
    const one: number[] = [], two: number[] = [];
    for (let r = 0; r < rounds; r++) {
      one.push(...(await together(task, 1)));
      two.push(...(await together(task, 2)));
    }
    const [t1, t2] = [median(one), median(two)];
    const size = task.length ? mib(4 * task.length) : "–";
    rows.push(`| ${task.kind} | ${size} | ${t1.toFixed(0)} ms | ${t2.toFixed(0)} ms | ${((2 * t1) / t2).toFixed(2)}× |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  const md = [
    "# Two threads on this machine",
    "",
    `${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date.slice(0, 10)}, load ${info.loadAverage.map((x) => x.toFixed(2)).join(" / ")} at start. \`npx tsx bench/contention.ts --rounds ${rounds}\`: the same work on one thread, then on two at once; medians of ${rounds} rounds.`,
    "",
    "| work | array | one thread | each of two | throughput, two against one |",
    "|---|---:|---:|---:|---:|",
    ...rows,
    "",
  ].join("\n");
  writeFileSync(out, md);
  process.stdout.write(md);
}

await main();
