/**
 * Cost of the exact-degree generator and of triadic closure at scale: the standard campaign's world
 * (bench/scenario.ts, 20 ties per consumer) built with the block model as before, with an empirical
 * degree distribution, and with closure 0.5 and 0.9. Each (variant, repeat) runs in a fresh child
 * process, variants interleaved, so its peak RSS (process.resourceUsage().maxRSS) is its own; the
 * time is buildWorld's wall clock (population + network + CSR). Writes Markdown to stdout.
 *
 *   npx tsx bench/closure.ts [--consumers 1000000] [--repeats 3]
 */
import "./like-the-cli.ts";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildWorld, loadScenario } from "../engine/index.ts";
import { standardScenarioInput } from "./scenario.ts";
import { consume, machineInfo, median, mib, ms, sink } from "./util.ts";

const SELF = fileURLToPath(import.meta.url);

/** Degrees 3 … 200 with weights ∝ k^-2.5 (mean ≈ 9.5), rescaled by meanDegree to 20 ties per consumer. */
const DEGREES = (() => {
  const values = Array.from({ length: 198 }, (_, k) => k + 3);
  return { values, weights: values.map((k) => Math.pow(k, -2.5)) };
})();

const VARIANTS: Record<string, object> = {
  "block model (as before)": {},
  "empirical degrees": { degrees: DEGREES },
  "empirical degrees, closure 0.5": { degrees: DEGREES, closure: 0.5 },
  "empirical degrees, closure 0.9": { degrees: DEGREES, closure: 0.9 },
  "Pareto θ, closure 0.9": { closure: 0.9 },
};

function child(consumers: number, variant: string): void {
  const input = standardScenarioInput(consumers);
  const s = loadScenario({ ...input, network: { ...(input.network as object), ...VARIANTS[variant] } });
  const t0 = performance.now();
  const w = buildWorld(s, 0);
  const t1 = performance.now();
  consume(w.net.csr.targets[w.net.csr.targets.length >> 1]);
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ ms: t1 - t0, rss, ties: w.net.csr.targets.length, sink: sink() }) + "\n");
}

function main(): void {
  const args = process.argv.slice(2);
  const consumers = args.includes("--consumers") ? Number(args[args.indexOf("--consumers") + 1]) : 1_000_000;
  const repeats = args.includes("--repeats") ? Number(args[args.indexOf("--repeats") + 1]) : 3;
  const info = machineInfo();
  const results: Record<string, { ms: number; rss: number; ties: number }[]> = {};
  for (let r = 0; r < repeats; r++)
    for (const variant of Object.keys(VARIANTS)) {
      const out = spawnSync(process.execPath, [...process.execArgv, SELF, "--child", String(consumers), variant], { encoding: "utf8", maxBuffer: 1 << 20 });
      if (out.status !== 0) throw new Error(`child ${variant} failed: ${out.stderr}`);
      (results[variant] ??= []).push(JSON.parse(out.stdout.trim().split("\n").pop()!));
    }
  const rows = Object.entries(results).map(([variant, rs]) =>
    `| ${variant} | ${ms(median(rs.map((x) => x.ms)))} | ${rs.map((x) => ms(x.ms)).join(", ")} | ${mib(median(rs.map((x) => x.rss)))} | ${(rs[0].ties / consumers).toFixed(2)} |`);
  process.stdout.write([
    `### buildWorld at ${consumers.toLocaleString("en-US")} consumers`,
    "",
    `${info.cpu}, ${info.cores} cores, Node ${info.node}, ${info.date.slice(0, 10)}, load average at start ${info.loadAverage.map((x) => x.toFixed(2)).join(" / ")} (shared machine: wall-clock times vary with its load). ${repeats} child processes per variant, interleaved.`,
    "",
    "| network | median time | each | median peak RSS | CSR entries per consumer |",
    "|---|---:|---|---:|---:|",
    ...rows,
    "",
  ].join("\n"));
}

if (process.argv[2] === "--child") child(Number(process.argv[3]), process.argv[4]);
else main();
