/**
 * Memory ceiling of the scale run (bench/scale.ts: the social model's standard campaign, 100 ticks, one
 * replicate, a fresh child process per size) under `node --max-old-space-size=4096`, against a budget
 * of 4 GiB of peak RSS. Typed arrays live outside V8's heap, so the heap flag alone would let RSS grow
 * far past 4 GiB: a size fits when its child completes with the flag *and* its peak RSS (the OS
 * high-water mark) stays within the budget.
 *
 * Steps: measure the given sizes (default 1M, 2M, 5M, 10M consumers); fit peak RSS = a + b · consumers
 * (least squares; ties grow with consumers at a fixed mean degree); run the predicted largest size that
 * fits, rounded down to a step (default 500k), and go down (by the excess over the slope) until one
 * fits, then one step up to show where it stops fitting. Writes bench/ceiling.md and bench/ceiling.json.
 *
 *   npx tsx bench/ceiling.ts [--sizes 1000000,2000000,5000000,10000000] [--budget-gib 4] [--step 500000] [--no-search]
 *   npx tsx bench/ceiling.ts --report     (re-render ceiling.md from ceiling.json, no measuring)
 */
import "./like-the-cli.ts";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_AGENTS } from "../scenarios/schema/scenario.ts";
import { scaleChild, type ScaleResult } from "./scale.ts";
import { commitInfo, gib, int, machineInfo, mdTable, mib, ms, type MachineInfo } from "./util.ts";

const HEAP_FLAG = "--max-old-space-size=4096";
const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

interface Point {
  consumers: number;
  /** Why the size was run: measured (given), predicted, or a step of the search. */
  why: string;
  failed?: string;
  result?: ScaleResult;
  wallMs: number;
}

const budget = Number(arg("--budget-gib") ?? 4) * 1024 ** 3;
const step = Number(arg("--step") ?? 500_000);
const sizes = (arg("--sizes") ?? "1000000,2000000,5000000,10000000").split(",").map(Number);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Everything the report is made of (bench/ceiling.json). */
interface Ceiling {
  command: string;
  machine: MachineInfo;
  budget: number;
  heapFlag: string;
  step: number;
  fit?: { a: number; b: number };
  /** Largest population (consumers, a multiple of step) the scenario schema accepts. */
  largestValid?: number;
  ceiling: number | null;
  points: Point[];
  commitAtEnd: string | null;
  loadAverageAtEnd: number[];
}

const fitsIn = (budgetBytes: number) => (p: Point) => p.result !== undefined && p.result.memory.peakRss <= budgetBytes;

/** Measure the sizes, fit, search; returns the report's data. */
function measureCeiling(): Ceiling {
  const machine = machineInfo();
  const points: Point[] = [];
  const fits = fitsIn(budget);
  const measure = (consumers: number, why: string): Point => {
    log(`ceiling: ${int(consumers)} consumers (${why}), child with ${HEAP_FLAG}`);
    const t0 = performance.now();
    const child = scaleChild(consumers, 1, [HEAP_FLAG]);
    const p: Point = { consumers, why, wallMs: performance.now() - t0, ...("failed" in child ? { failed: child.failed } : { result: child.result }) };
    log(p.result ? `  peak RSS ${mib(p.result.memory.peakRss)}, ${int(p.result.agents)} agents, ${int(p.result.ties)} ties, ${ms(p.wallMs)}` : `  failed: ${p.failed}`);
    points.push(p);
    return p;
  };
  for (const n of sizes) measure(n, "measured");
  const ok = points.filter((p) => p.result);
  let fit: Ceiling["fit"];
  let largestValid: number | undefined;
  if (ok.length >= 2) {
    const xs = ok.map((p) => p.consumers), ys = ok.map((p) => p.result!.memory.peakRss);
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length, my = ys.reduce((s, y) => s + y, 0) / ys.length;
    const b = xs.reduce((s, x, k) => s + (x - mx) * (ys[k] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    fit = { a: my - b * mx, b };
  }
  let ceiling: Point | undefined = points.filter(fits).sort((x, y) => y.consumers - x.consumers)[0];
  if (fit && !process.argv.includes("--no-search")) {
    // The scenario schema refuses more than MAX_AGENTS agents (accounts and zombies included, about 0.9 % more than consumers here).
    largestValid = Math.floor(MAX_AGENTS / (ok[ok.length - 1].result!.agents / ok[ok.length - 1].consumers) / step) * step;
    const predicted = Math.min(largestValid, Math.floor((budget - fit.a) / fit.b / step) * step);
    log(`ceiling: fit peak RSS = ${mib(fit.a)} + ${fit.b.toFixed(1)} B × consumers; predicted largest fit ${int(predicted)} consumers (the schema allows ${int(largestValid)})`);
    let n = predicted;
    let p = points.find((q) => q.consumers === n) ?? measure(n, "predicted");
    while (!fits(p) && n - step > 0) {
      // Over budget by Δ bytes: go down by Δ / slope, in whole steps (at least one).
      const over = p.result ? p.result.memory.peakRss - budget : 0;
      n -= Math.max(1, Math.ceil(over / fit.b / step)) * step;
      p = points.find((q) => q.consumers === n) ?? measure(n, "step down");
    }
    if (fits(p)) {
      ceiling = p;
      if (n + step <= largestValid) {
        const up = points.find((q) => q.consumers === n + step) ?? measure(n + step, "step up");
        if (fits(up)) ceiling = up; // the prediction was pessimistic by a step; report the larger one measured
      }
    }
  }
  const command = `npx tsx bench/ceiling.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(" ")}` : ""}`;
  return { command, machine, budget, heapFlag: HEAP_FLAG, step, fit, largestValid, ceiling: ceiling?.consumers ?? null, points, commitAtEnd: commitInfo(), loadAverageAtEnd: os.loadavg() };
}

function render(c: Ceiling): string {
  const fits = fitsIn(c.budget);
  const tenM = c.points.find((p) => p.consumers === 10_000_000);
  const top = c.points.find((p) => p.consumers === c.ceiling);
  const rows = c.points
    .slice()
    .sort((x, y) => x.consumers - y.consumers)
    .map((p) => {
      const r = p.result;
      if (!r) return [int(p.consumers), p.why, "–", "–", "–", "–", "–", "–", "–", "–", `failed (${p.failed})`];
      return [
        int(p.consumers), p.why, int(r.agents), int(r.ties), mib(r.memory.peakRss), mib(r.memory.sampledPeakHeapPlusArrayBuffers),
        (r.memory.peakRss / r.agents).toFixed(0), r.bytes.perAgent.toFixed(1), r.bytes.perTie.toFixed(2),
        `${ms(r.summary.generationMs)} / ${ms(r.summary.runMs)}`, fits(p) ? "yes" : "over budget",
      ];
    });
  const verdict = tenM?.result
    ? `10M consumers (${int(tenM.result.agents)} agents, ${int(tenM.result.ties)} ties): peak RSS ${mib(tenM.result.memory.peakRss)} (${(tenM.result.memory.peakRss / 1e9).toFixed(2)} GB) — ${tenM.result.memory.peakRss <= c.budget ? "under" : "over"} the ${gib(c.budget)} budget; it completes with ${c.heapFlag} (generation ${ms(tenM.result.summary.generationMs)}, run ${ms(tenM.result.summary.runMs)}).`
    : tenM
      ? `10M consumers did not complete: ${tenM.failed}.`
      : "10M consumers was not measured (pass it in --sizes).";
  const atBudget = c.fit ? (c.budget - c.fit.a) / c.fit.b : NaN;
  const binding =
    c.fit && c.largestValid !== undefined
      ? atBudget > c.largestValid + c.step
        ? ` The fit reaches ${gib(c.budget)} at about ${int(atBudget)} consumers, past the schema's cap: the next ${int(c.step)}-consumer step would pass ${int(MAX_AGENTS)} agents, so the cap binds before memory does.`
        : ` The fit reaches ${gib(c.budget)} at about ${int(atBudget)} consumers: memory binds before the schema's cap.`
      : "";
  const m = c.machine;
  return [
    "# Memory ceiling of the scale run",
    "",
    `\`${c.command}\`: the social model's standard campaign (bench/scenario.ts, 100 ticks, one replicate) in a fresh`,
    `child process per size, run with \`node ${c.heapFlag}\`; a size fits when it completes and its peak RSS (the OS`,
    `high-water mark, Node and tsx included) is at most ${gib(c.budget)}. Typed arrays live outside V8's heap, so the heap`,
    "flag does not cap them: peak RSS is the binding figure. B/agent and B/tie are the engine's own arrays (population +",
    "CSR offsets + run state per agent; CSR targets + weights per tie), counted exactly; RSS/agent is everything the",
    "process held at its peak, divided by agents.",
    "",
    mdTable(["Consumers", "Why run", "Agents", "Ties", "Peak RSS", "Peak heap + arrayBuffers (sampled)", "RSS/agent (B)", "Engine B/agent", "Engine B/tie", "Generation / run", "Fits"], rows,
      ["r", "l", "r", "r", "r", "r", "r", "r", "r", "r", "l"]),
    "",
    c.fit ? `Linear fit over the measured sizes: peak RSS ≈ ${mib(c.fit.a)} + ${c.fit.b.toFixed(1)} B × consumers. The scenario schema caps a population at ${int(MAX_AGENTS)} agents (accounts and zombies included), so no larger size is tried.` : "",
    "",
    top?.result ? `**Ceiling**: ${int(top.consumers)} consumers (${int(top.result.agents)} agents, ${int(top.result.ties)} ties) is the largest size measured within ${gib(c.budget)} (peak RSS ${mib(top.result.memory.peakRss)}), at a ${int(c.step)}-consumer step.${binding}` : "**Ceiling**: no measured size fitted.",
    "",
    `**${verdict}**`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${gib(m.totalMemoryBytes)} RAM, Node ${m.node}; ${m.date}; commit ${m.commit ?? "unknown"}.`,
    `Load average (1/5/15 min): ${m.loadAverage.map((x) => x.toFixed(2)).join(" / ")} at start, ${c.loadAverageAtEnd.map((x) => x.toFixed(2)).join(" / ")} at end (other work on the machine slows generation and runs, not memory). Wall time in all: ${ms(c.points.reduce((s, p) => s + p.wallMs, 0))}.`,
    "",
  ].join("\n");
}

// --report re-renders bench/ceiling.md from bench/ceiling.json without measuring.
const jsonFile = path.join(here, "ceiling.json");
const data: Ceiling = process.argv.includes("--report")
  ? { command: "npx tsx bench/ceiling.ts", ...(JSON.parse(readFileSync(jsonFile, "utf8")) as Omit<Ceiling, "command">) }
  : measureCeiling();
if (data.largestValid === undefined && data.fit) {
  const ok = data.points.filter((p) => p.result && p.why === "measured");
  const last = ok[ok.length - 1];
  data.largestValid = Math.floor(MAX_AGENTS / (last.result!.agents / last.consumers) / data.step) * data.step;
}
writeFileSync(path.join(here, "ceiling.md"), render(data));
if (!process.argv.includes("--report")) writeFileSync(jsonFile, `${JSON.stringify(data, null, 2)}\n`);
log(`wrote bench/ceiling.md${process.argv.includes("--report") ? "" : " and bench/ceiling.json"}`);
