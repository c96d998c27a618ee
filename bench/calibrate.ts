/**
 * Recovery and coverage of the ABC-SMC calibration (docs/calibration.md, "Does it recover the
 * truth?"): N synthetic campaigns, each one run of the worked example's scenario under parameter
 * values drawn from the calibration's priors, each fitted from its CSV export alone. Reports per
 * parameter the mean absolute error of the posterior mean (and of the prior mean, the no-data
 * baseline) and how often the 90 % credible interval holds the truth (a calibrated method: ≈ 90 %).
 *
 *   npx tsx bench/calibrate.ts [--campaigns 50] [--particles 100] [--generations 4] [--budget 2500]
 *                              [--window 7] [--scale mad|adaptive] [--screen 8,1.5] [--only 2,4,7] [--shard i/n] [--out results.jsonl]
 *   npx tsx bench/calibrate.ts --summary a.jsonl b.jsonl …
 *
 * Each campaign is one line of JSON (appended to --out), so shards run side by side and --summary
 * reads their lines back into the table.
 */
import "./like-the-cli.ts";
import { appendFileSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { calibrate, masterKey, prepareCalibration } from "../engine/index.ts";
import { priorDraw } from "../engine/experiment/calibrate.ts";
import { stream } from "../engine/core/rng/stream.ts";
import { syntheticCampaignCsv } from "./synthetic-campaign.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EXAMPLE = resolve(ROOT, "docs/examples/bakery-calibration.json");

interface Line {
  campaign: number;
  truth: number[];
  mean: number[];
  p5: number[];
  p95: number[];
  priorMean: number[];
  simulations: number;
  seconds: number;
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function weightedQuantile(xs: number[], ws: number[], q: number): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  let acc = 0;
  for (const i of order) if ((acc += ws[i]) >= q) return xs[i];
  return xs[order[order.length - 1]];
}

function runCampaigns(): void {
  const campaigns = Number(flag("campaigns", "50"));
  const [shard, shards] = flag("shard", "0/1").split("/").map(Number);
  const out = flag("out", "");
  const raw = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  const scenario = JSON.parse(readFileSync(resolve(dirname(EXAMPLE), raw.scenario), "utf8"));
  // --screen K,M: abc.screen with K neighbours and margin M (the nearest-neighbour screen, off by default).
  const screen = flag("screen", "") ? (([k, m]) => ({ screen: { neighbours: Number(k), margin: Number(m) } }))(flag("screen", "").split(",")) : {};
  const abc = { particles: Number(flag("particles", "100")), generations: Number(flag("generations", "4")), maxSimulations: Number(flag("budget", "2500")), predictive: 0, quantile: 0.5, minAcceptance: 0.03, ...screen };
  const cal = { ...raw, scenario, abc, summaries: { ...raw.summaries, window: Number(flag("window", String(raw.summaries.window))), scale: flag("scale", raw.summaries.scale) } };
  const only = flag("only", "") ? new Set(flag("only", "").split(",").map(Number)) : undefined;
  // Truths from the priors (the same draws whatever the shard), via the calibration's own prior sampler.
  const first = prepareCalibration(cal, { readObserved: () => readFileSync(resolve(dirname(EXAMPLE), raw.observed.file), "utf8") });
  const priors = first.parameters.map((p) => p.spec.prior);
  const paths = first.parameters.map((p) => p.spec.path as string);
  const rng = stream(masterKey(20261206));
  const truths = Array.from({ length: campaigns }, () => priors.map((p) => {
    const u = priorDraw(p, rng);
    return p.kind === "log-uniform" ? Math.exp(u) : u;
  }));
  const priorMean = (() => {
    const r = stream(masterKey(1));
    const draws = Array.from({ length: 20000 }, () => priors.map((p) => {
      const u = priorDraw(p, r);
      return p.kind === "log-uniform" ? Math.exp(u) : u;
    }));
    return priors.map((_, j) => draws.reduce((a, d) => a + d[j], 0) / draws.length);
  })();
  for (let c = shard; c < campaigns; c += shards) {
    if (only && !only.has(c)) continue;
    const truth = truths[c];
    const csv = syntheticCampaignCsv(scenario, { plan: "authentic", truth: Object.fromEntries(paths.map((p, j) => [p, truth[j]])), seed: 1000 + c, start: "2026-07-01", channel: "Bakery's own account", missingDays: [44, 45], blankReach: [20, 21, 22] });
    const started = performance.now();
    const prep = prepareCalibration({ ...cal, seed: 1 + c }, { readObserved: () => csv });
    const res = calibrate(prep);
    const ws = res.particles.map((p) => p.weight);
    const col = (j: number) => res.particles.map((p) => p.values[j]);
    const line: Line = {
      campaign: c,
      truth,
      mean: truth.map((_, j) => col(j).reduce((a, x, i) => a + ws[i] * x, 0)),
      p5: truth.map((_, j) => weightedQuantile(col(j), ws, 0.05)),
      p95: truth.map((_, j) => weightedQuantile(col(j), ws, 0.95)),
      priorMean,
      simulations: res.simulations,
      seconds: (performance.now() - started) / 1000,
    };
    const text = JSON.stringify({ ...line, names: res.parameters, stopped: res.stopped }) + "\n";
    if (out) appendFileSync(out, text);
    process.stdout.write(text);
  }
}

function summary(files: string[]): void {
  const lines = files.flatMap((f) => readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line & { names: string[] }));
  const names = lines[0].names;
  const rows = names.map((name, j) => {
    const err = lines.reduce((a, l) => a + Math.abs(l.mean[j] - l.truth[j]), 0) / lines.length;
    const base = lines.reduce((a, l) => a + Math.abs(l.priorMean[j] - l.truth[j]), 0) / lines.length;
    const inside = lines.filter((l) => l.truth[j] >= l.p5[j] && l.truth[j] <= l.p95[j]).length;
    const width = lines.reduce((a, l) => a + (l.p95[j] - l.p5[j]), 0) / lines.length;
    return `| ${name} | ${err.toPrecision(3)} | ${base.toPrecision(3)} | ${(1 - err / base).toFixed(2)} | ${width.toPrecision(3)} | ${inside}/${lines.length} (${((100 * inside) / lines.length).toFixed(0)} %) |`;
  });
  const sims = lines.reduce((a, l) => a + l.simulations, 0) / lines.length;
  const secs = lines.reduce((a, l) => a + l.seconds, 0) / lines.length;
  process.stdout.write(
    [
      `${lines.length} campaigns; ${sims.toFixed(0)} simulations and ${secs.toFixed(1)} s (one thread) per fit on average`,
      "",
      "| parameter | mean abs. error (posterior mean) | same, prior mean | error reduction | mean 90 % interval width | 90 % interval holds the truth |",
      "|---|---|---|---|---|---|",
      ...rows,
      "",
    ].join("\n"),
  );
}

const files = process.argv.indexOf("--summary");
if (files >= 0) summary(process.argv.slice(files + 1));
else runCampaigns();
