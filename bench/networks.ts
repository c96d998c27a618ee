/**
 * Real networks: for each data set in ../shared/data (skipped when absent), load time, nodes, ties,
 * circles and the load report, then the circle generator's fit and the real-versus-twin table, with a
 * summary of the fit as it was before empirical degrees and closure (Pareto propensities, no closure:
 * `fitGenerator(g, { degrees: false, closure: false })`) and as it is now; and a streaming check on a
 * generated 100 MB edge list (load time, peak RSS). Writes Markdown to stdout, or to the file given
 * with --out.
 *
 *   npx tsx bench/networks.ts [--out bench/networks.md] [--skip-big | --only-big]
 */
import "./like-the-cli.ts";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compareStats, fitGenerator, type ImportedGraph } from "../engine/index.ts";
import type { ComparisonRow } from "../engine/networks/fit.ts";
import { readNetworkFile, type NetworkFileInput } from "../engine/node/network-file.ts";
import { comparisonTable, fitLine, reportLines } from "../engine/node/fit.ts";

const DATA = resolve(import.meta.dirname, "../../shared/data");

interface Case {
  name: string;
  folder: string;
  spec: NetworkFileInput;
  note: string;
}

const CASES: Case[] = [
  { name: "karate (factions)", folder: "karate-club", spec: { path: "karate-club/karate.gml", circles: { from: "file", path: "karate-club/zachary-factions.txt", format: "table", id: 0, column: 1 } }, note: "GML; circles: the two factions (node table)" },
  { name: "karate (Louvain)", folder: "karate-club", spec: { path: "karate-club/zachary.txt" }, note: "weighted edge list (CRLF); circles detected" },
  { name: "dolphins", folder: "dolphins", spec: { path: "dolphins/dolphins.gml" }, note: "GML; circles detected" },
  { name: "les-miserables", folder: "les-miserables", spec: { path: "les-miserables/lesmis.gml" }, note: "GML; circles detected" },
  { name: "college-football", folder: "college-football", spec: { path: "college-football/football.gml", circles: { from: "attribute", name: "value" } }, note: "GML; circles: conferences (node attribute value)" },
  { name: "email-eu-core", folder: "email-eu-core", spec: { path: "email-eu-core/email-Eu-core.txt", directed: true, circles: { from: "file", path: "email-eu-core/email-Eu-core-department-labels.txt", format: "table", id: 0, column: 1 } }, note: "directed edge list; circles: departments (node table)" },
  { name: "ego-facebook (Louvain)", folder: "ego-facebook", spec: { path: "ego-facebook/facebook_combined.txt" }, note: "edge list; circles detected" },
  {
    name: "ego-facebook (circles)",
    folder: "ego-facebook",
    spec: { path: "ego-facebook/facebook_combined.txt", circles: { from: "file", path: ["0", "107", "348", "414", "686", "698", "1684", "1912", "3437", "3980"].map((e) => `ego-facebook/${e}.circles`), format: "snap-circles", id: 0, column: 1 } },
    note: "edge list; circles: the 193 hand-labelled, overlapping ego circles",
  },
  { name: "higgs retweets", folder: "higgs-twitter", spec: { path: "higgs-twitter/higgs-retweet_network.edgelist.gz", directed: true, reverse: true }, note: "gzip edge list, A retweeted B (reverse: A hears from B); circles detected" },
  { name: "higgs activity", folder: "higgs-twitter", spec: { path: "higgs-twitter/higgs-activity_time.txt.gz", directed: true, reverse: true }, note: "gzip, 4 columns (RT/MT/RE rows, repeats merged); circles detected" },
  { name: "twitter16 trees", folder: "twitter16-propagation-trees", spec: { path: "twitter16-propagation-trees/tree", format: "twitter-tree" }, note: "100 cascade-tree files, user → user; circles detected" },
];

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One line of the summary: before (Pareto, no closure) → now, for the measures with a tolerance. */
const summary: string[] = [];
function summaryRow(name: string, before: ComparisonRow[], now: ComparisonRow[], closure: number): string {
  const get = (rows: ComparisonRow[], m: string) => rows.find((r) => r.measure === m)!;
  const mark = (r: ComparisonRow) => (r.ok ? "" : " ✗");
  const f = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(3));
  const cell = (m: string) => `${f(get(now, m).real)} | ${f(get(before, m).twin)}${mark(get(before, m))} → ${f(get(now, m).twin)}${mark(get(now, m))}`;
  const ks = get(before, "degree KS distance"), ks2 = get(now, "degree KS distance");
  return `| ${name} | ${f(ks.twin)}${mark(ks)} → ${f(ks2.twin)}${mark(ks2)} | ${cell("avg clustering")} | ${cell("in-circle share of ties")} | ${cell("mean degree")} | ${closure} |`;
}

function measure(c: Case): string {
  const t0 = performance.now();
  const g: ImportedGraph = readNetworkFile(c.spec, 1, DATA);
  const t1 = performance.now();
  const { fit, real, twin } = fitGenerator(g, { seed: 1 });
  const t2 = performance.now();
  const before = fitGenerator(g, { seed: 1, degrees: false, closure: false });
  const t3 = performance.now();
  const rows = compareStats(real, twin);
  summary.push(summaryRow(c.name, compareStats(before.real, before.twin), rows, fit.closure));
  const misses = rows.filter((r) => r.ok === false).map((r) => r.measure);
  return [
    `### ${c.name}`,
    "",
    `${c.note}. Load ${secs(t1 - t0)}, fit (calibration twins${fit.closureFrom === "calibrated" ? " and closure bisection" : ""}) ${secs(t2 - t1)}; the fit as before (Pareto θ, γ grid, no closure) ${secs(t3 - t2)}.`,
    "",
    "```",
    ...reportLines(g.report).map((l) => l.replace(DATA + "/", "")),
    fitLine(fit) + `, ${fit.circles.length} circles`,
    "",
    comparisonTable(rows),
    "```",
    "",
    misses.length ? `Outside tolerance: ${misses.join(", ")}.` : "Every measure within tolerance.",
    "",
  ].join("\n");
}

/** A ~100 MB SNAP edge list (random ties among 2 M ids with a skewed degree), streamed in; peak RSS sampled. */
function bigFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "circlecast-big-"));
  const path = join(dir, "big.txt");
  const fd = openSync(path, "w");
  let x = 12345;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  const N = 2_000_000;
  writeSync(fd, "# generated: random ties, skewed endpoints\n");
  let bytes = 0;
  while (bytes < 100e6) {
    const lines: string[] = [];
    for (let k = 0; k < 100_000; k++) lines.push(`${Math.floor(N * rnd() * rnd())}\t${Math.floor(N * rnd())}`);
    const s = lines.join("\n") + "\n";
    writeSync(fd, s);
    bytes += s.length;
  }
  closeSync(fd);
  const size = statSync(path).size;
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  // Sampling needs the event loop; the load is synchronous, so sample from inside via chunk callbacks too.
  const g = readNetworkFile({ path, circles: { from: "none" } });
  const t1 = performance.now();
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
  return [
    "### 100 MB edge list (generated)",
    "",
    `${mb(size)} of text, ${g.report.records.toLocaleString("en-US")} lines → ${g.n.toLocaleString("en-US")} nodes, ${g.report.ties.toLocaleString("en-US")} tie entries (${g.report.duplicates.count.toLocaleString("en-US")} repeats merged, ${g.report.selfLoops.count} self-loops): loaded in ${secs(t1 - t0)}; RSS ${mb(rss0)} before, ${mb(peak)} after the load (the text itself would be ${mb(size * 2)} as a JS string).`,
    "",
  ].join("\n");
}

const args = process.argv.slice(2);
const out = args.includes("--out") ? args[args.indexOf("--out") + 1] : undefined;
const uptime = () => {
  try {
    return execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return `load average ${loadavg().map((x) => x.toFixed(2)).join(", ")}`;
  }
};
const head = [`# Real networks: load, circles and generator fit`, "", `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; \`uptime\` at start: \`${uptime()}\` (times are wall clock; a busy machine inflates them). Produced by \`npx tsx bench/networks.ts\`. Twin seed 1.`, ""];
const parts: string[] = [];
for (const c of args.includes("--only-big") ? [] : CASES) {
  if (!existsSync(join(DATA, c.folder))) {
    parts.push(`### ${c.name}`, "", `skipped: ${join(DATA, c.folder)} not found`, "");
    continue;
  }
  parts.push(measure(c));
  if (!out) process.stdout.write(parts.splice(0).join("\n") + "\n");
}
if (!args.includes("--skip-big")) parts.push(bigFile());
const table = summary.length
  ? [
      "## Summary: the twin before (Pareto θ, no closure) → now (each circle's degree distribution, calibrated closure)",
      "",
      "✗: outside tolerance (KS ≤ 0.10, clustering ±0.05, in-circle share ±0.03, mean degree ±5 %).",
      "",
      "| network | degree KS | clustering: real | before → now | in-circle share: real | before → now | mean degree: real | before → now | closure |",
      "|---|---|---:|---|---:|---|---:|---|---:|",
      ...summary,
      "",
      `\`uptime\` at the end: \`${uptime()}\`.`,
      "",
    ]
  : [];
const text = [...head, ...table, ...parts].join("\n") + "\n";
if (out) writeFileSync(out, text);
else process.stdout.write(text);
