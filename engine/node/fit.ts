/**
 * `circlecast fit <network file>`: read a real network, fit the circle generator to it, build a
 * synthetic twin from the fit and print both side by side with the tolerances; write the scenario
 * fragment (population circles + circles network) with --out (docs/networks.md).
 */
import { writeOutput } from "./files.ts";
import { FileCircles, FileNetwork } from "../../scenarios/schema/network.ts";
import { toIssues } from "../../scenarios/issues.ts";
import { ScenarioError } from "../errors.ts";
import { compareStats, fitGenerator, fragment, type ComparisonRow, type GeneratorFit } from "../networks/fit.ts";
import type { ImportReport } from "../../scenarios/schema/imported-graph.ts";
import { readNetworkFile } from "./network-file.ts";

export interface FitFlags {
  format: string;
  directed?: boolean;
  reverse?: boolean;
  header?: boolean;
  circles: string;
  circlesFormat: string;
  resolution?: number;
  seed: number;
  out?: string;
  json?: boolean;
  calibrate: boolean;
  /** Pareto propensities from the degree exponent instead of the empirical degree distributions. */
  pareto?: boolean;
  /** Calibrate triadic closure to the clustering (default true; --no-closure). */
  closure?: boolean;
}

/** --circles: detect | none | attribute:NAME | a circle file (SNAP circles or a node table). */
export function circlesFlag(value: string, flags: Pick<FitFlags, "circlesFormat" | "resolution">): FileCircles {
  if (value === "detect") return FileCircles.parse({ from: "detect", resolution: flags.resolution });
  if (value === "none") return { from: "none" };
  if (value.startsWith("attribute:")) return { from: "attribute", name: value.slice("attribute:".length) };
  return FileCircles.parse({ from: "file", path: value, format: flags.circlesFormat });
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (Number.isInteger(x)) return x.toLocaleString("en-US");
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(3);
}

/** The side-by-side table as text. */
export function comparisonTable(rows: ComparisonRow[]): string {
  const cells = rows.map((r) => [r.measure, r.measure === "degree KS distance" ? "" : fmt(r.real), fmt(r.twin), r.tolerance, r.ok === null ? "" : r.ok ? "ok" : "MISS"]);
  const head = ["measure", "real", "twin", "tolerance", ""];
  const w = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: string[]) => c.map((x, k) => (k === 0 ? x.padEnd(w[k]) : x.padStart(w[k]))).join("  ").trimEnd();
  return [line(head), w.map((n) => "─".repeat(n)).join("  "), ...cells.map(line)].join("\n");
}

export function reportLines(r: ImportReport): string[] {
  const t = (name: string, x: { count: number; first?: string }, policy?: string) =>
    x.count ? `${name}: ${x.count.toLocaleString("en-US")}${policy ? ` (${policy})` : ""}${x.first ? `, first: ${x.first}` : ""}` : `${name}: 0`;
  const c = r.circles;
  const circles = c.origin === "detected" && c.louvain
    ? `${c.count} circles detected (Louvain, seed ${c.louvain.seed}, resolution ${c.louvain.resolution}, modularity ${c.louvain.modularity.toFixed(3)}; ${c.louvain.communities} communities${c.louvain.pooled ? `, ${c.louvain.pooled} smallest pooled in "other"` : ""})`
    : `${c.count} circles from ${c.origin === "attribute" ? `node attribute "${c.detail}"` : c.origin === "none" ? "none (one circle)" : c.detail}`;
  return [
    `${r.source} (${r.format}, ${r.directed ? "directed" : "undirected"}): ${r.nodes.toLocaleString("en-US")} nodes, ${r.ties.toLocaleString("en-US")} tie entries from ${r.records.toLocaleString("en-US")} records, ${r.isolated} isolated`,
    circles + (c.overlapping ? `; ${c.overlapping} nodes in several circles (primary: most ties)` : "") + (c.unassigned ? `; ${c.unassigned} in no circle ("unassigned")` : "") + (c.emptied.length ? `; ${c.emptied.length} listed circles left empty` : ""),
    [t("self-loops", r.selfLoops, "dropped"), t("duplicates", r.duplicates, r.duplicates.policy === "merge" ? "merged" : "kept"), t("dangling edges", r.danglingEdges, r.danglingEdges.policy === "drop" ? "dropped" : "added"), t("dangling circle members", r.danglingMembers, r.danglingMembers.policy === "drop" ? "dropped" : "added")].join(" · "),
  ];
}

/** One line saying what was fitted: degrees (empirical or power law), closure, in-circle share. */
export function fitLine(f: GeneratorFit): string {
  const pl = f.powerLaw;
  const mle = Number.isFinite(pl.alpha) ? `tail MLE α = ${pl.alpha.toFixed(2)} for k ≥ ${pl.kMin} (${pl.tail} nodes, KS ${pl.ks.toFixed(3)})` : "no tail to fit";
  const degrees = f.degrees
    ? `degrees: each circle's distribution (${f.degrees.reduce((s, d) => s + d.values.length, 0)} values in all; ${mle})`
    : `degreeExponent ${f.degreeExponent} (${f.exponentFrom === "mle" ? "" : "calibrated on the twin; "}${mle}) · maxDegree ${f.maxDegree}`;
  const closure = f.closureFrom === "calibrated" ? `closure ${f.closure} (calibrated on the twin's clustering)` : "closure 0";
  return `fit: meanDegree ${f.meanDegree} · ${degrees} · ${closure} · inCircleShare ${f.inCircleShare.toFixed(3)}`;
}

export function fitCommand(file: string, flags: FitFlags): void {
  const spec = FileNetwork.safeParse({
    kind: "file",
    path: file,
    format: flags.format,
    directed: flags.directed,
    reverse: flags.reverse,
    header: flags.header,
    circles: circlesFlag(flags.circles, flags),
  });
  if (!spec.success) throw new ScenarioError(toIssues(spec.error), file);
  const started = performance.now();
  const g = readNetworkFile(spec.data, flags.seed);
  const loaded = performance.now();
  const { fit, real, twin } = fitGenerator(g, { seed: flags.seed, calibrate: flags.calibrate, degrees: !flags.pareto, closure: flags.closure ?? true });
  const rows = compareStats(real, twin);
  const frag = fragment(fit);
  if (flags.out) writeOutput(flags.out, JSON.stringify(frag, null, 2) + "\n");
  if (flags.json) {
    process.stdout.write(JSON.stringify({ report: g.report, fit: { ...fit, mixing: undefined }, comparison: rows, fragment: frag }, null, 1) + "\n");
  } else {
    const out = [
      ...reportLines(g.report),
      fitLine(fit),
      "",
      `real network vs synthetic twin (seed ${flags.seed}; undirected simple graphs)`,
      comparisonTable(rows),
      "",
      flags.out ? `wrote ${flags.out} (scenario fragment: population.circles and a "circles" network)` : JSON.stringify(frag, null, 2),
    ];
    process.stdout.write(out.join("\n") + "\n");
  }
  if (process.stderr.isTTY)
    process.stderr.write(`loaded in ${((loaded - started) / 1000).toFixed(2)} s, fitted in ${((performance.now() - loaded) / 1000).toFixed(2)} s\n`);
}
