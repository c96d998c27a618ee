/**
 * Real cascades (issue 12): fit a circle world's reshare parameters to half of the Twitter16
 * propagation trees (Ma, Gao & Wong 2017) and predict the other half's distributions of cascade
 * size, depth and structural virality (Goel et al. 2016), against a naive baseline: a Galton–Watson
 * branching process with one geometric offspring law fitted by maximum likelihood (and a fairer one
 * whose root has a law of its own). Reports the
 * two-sample Kolmogorov–Smirnov distances on the held-out half, with bootstrap intervals.
 *
 *   npx tsx bench/twitter16.ts [--seed 16] [--data DIR] [--worlds 30] [--particles 50] [--generations 2]
 *                              [--predictive 100] [--bootstrap 1000] [--md bench/twitter16.md]
 *
 * Deterministic for its seed and options. The model: a scenario of 20 circles of 5,000 consumers
 * (library defaults otherwise), one big account that every consumer follows, which posts one piece at
 * tick 0 shown to a share ρ of its followers; the cascade is the piece's reshare tree (the account,
 * then every consumer who reshared it, hung from the one whose share they saw:
 * engine/experiment/reshare-trees.ts). Fitted: η (every circle's sharePropensity), ρ (the post's
 * reach) and κ, the concentration of the piece's quality, Beta(κ/2, κ/2) drawn per replicate (a hit or a
 * miss). Persuasion is not fitted: it does not enter the reshare step (docs/model.md §3, step 6), so
 * a cascade's shape says nothing about it.
 *
 * Twitter16's trees were collected from popular events (the subset's smallest has 90 users), so both
 * the model's and the baseline's cascades are conditioned on reaching the training half's smallest
 * size; the fit compares shapes among cascades that large.
 */
import "./like-the-cli.ts";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildWorld, loadScenario, masterKey, type Scenario, type World } from "../engine/index.ts";
import { hashString } from "../engine/core/rng/hash.ts";
import { stream, type Rng } from "../engine/core/rng/stream.ts";
import { reshareTree, runWithShareLog } from "../engine/experiment/reshare-trees.ts";
import { parseLabels, parseTwitterTree, treeMeasures, type TreeMeasures } from "../engine/networks/cascade-trees.ts";
import { ksDistance } from "../engine/networks/stats.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const SEED = Number(flag("seed", "16"));
const DATA = resolve(flag("data", resolve(ROOT, "../shared/data/twitter16-propagation-trees")));
const WORLDS = Number(flag("worlds", "30"));
const PARTICLES = Number(flag("particles", "50"));
const GENERATIONS = Number(flag("generations", "2"));
const PREDICTIVE = Number(flag("predictive", "100"));
const BOOTSTRAP = Number(flag("bootstrap", "1000"));
const MD = flag("md", "");
const started = performance.now();
const loadBefore = loadavg();

// ── the data ──────────────────────────────────────────────────────────────────

interface Real extends TreeMeasures {
  id: string;
  label: string;
  /** Out-degree of the root. */
  rootDegree: number;
}

function readTrees(): { trees: Real[]; notes: string[] } {
  const labels = parseLabels(readFileSync(join(DATA, "label.txt"), "utf8"));
  const trees: Real[] = [];
  const total = { files: 0, links: 0, duplicates: 0, selfLoops: 0, extraParents: 0, unreachable: 0, malformed: 0, rootNotOwn: 0, unlabelled: 0 };
  for (const f of readdirSync(join(DATA, "tree")).filter((f) => f.endsWith(".txt")).sort()) {
    const id = f.slice(0, -4);
    const t = parseTwitterTree(readFileSync(join(DATA, "tree", f), "utf8"), id);
    total.files++;
    for (const k of ["links", "duplicates", "selfLoops", "extraParents", "unreachable", "malformed"] as const) total[k] += t.report[k];
    if (t.report.rootFrom !== "own-tweet") total.rootNotOwn++;
    const label = labels.get(id);
    if (label === undefined) total.unlabelled++;
    if (t.tree.parent.length < 2) continue;
    const rootDegree = t.tree.parent.reduce((a, p) => a + (p === 0 ? 1 : 0), 0);
    trees.push({ id, label: label ?? "unlabelled", ...treeMeasures(t.tree), rootDegree });
  }
  const notes = [
    `${total.files} tree files, ${total.links} user-to-user lines (ROOT lines aside): ${total.duplicates} exact duplicates, ${total.selfLoops} self-loops, ` +
      `${total.extraParents} to a user who already had a parent (a second act of the same user: the earliest kept), ${total.unreachable} users not reachable from the root, ` +
      `${total.malformed} malformed lines, ${total.rootNotOwn} tree(s) whose ROOT line points to another tweet (its user taken as the root), ${total.unlabelled} unlabelled`,
  ];
  return { trees, notes };
}

/** Training and held-out halves: within each label, trees ordered by a hash of (seed, id), alternately. */
function split(trees: Real[]): { train: Real[]; test: Real[] } {
  const train: Real[] = [], test: Real[] = [];
  const byLabel = new Map<string, Real[]>();
  for (const t of trees) byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), t]);
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label)!.map((t) => ({ t, h: hashString(SEED, t.id) >>> 0 })).sort((a, b) => a.h - b.h || (a.t.id < b.t.id ? -1 : 1));
    list.forEach(({ t }, k) => (k % 2 === 0 ? train : test).push(t));
  }
  return { train, test };
}

// ── measures of samples ───────────────────────────────────────────────────────

type Sample = { size: Float64Array; depth: Float64Array; virality: Float64Array };
const MEASURES = ["size", "depth", "virality"] as const;

function sample(ms: readonly TreeMeasures[]): Sample {
  const col = (k: (typeof MEASURES)[number]) => Float64Array.from(ms, (m) => m[k]).sort();
  return { size: col("size"), depth: col("depth"), virality: col("virality") };
}

function ks(a: Sample, b: Sample): Record<(typeof MEASURES)[number], number> {
  return { size: ksDistance(a.size, b.size), depth: ksDistance(a.depth, b.depth), virality: ksDistance(a.virality, b.virality) };
}

const q = (s: Float64Array, p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];

// ── the naive baseline: Galton–Watson with one geometric offspring law ─────────

/**
 * Maximum-likelihood geometric law for the out-degrees of every node of the training trees: its
 * mean is their mean, Σ(n − 1) / Σ n. Trees are simulated generation by generation (parents before
 * children) and kept when they reach `minSize` nodes; a tree past `cap` nodes is cut there.
 */
function galtonWatson(train: Real[], minSize: number, want: number, rng: Rng): { mean: number; trees: TreeMeasures[]; tries: number } {
  const mean = train.reduce((a, t) => a + t.size - 1, 0) / train.reduce((a, t) => a + t.size, 0);
  return { mean, ...growTrees(mean, mean, minSize, want, rng) };
}

/**
 * A fairer baseline: the root has its own geometric law (mean: the training roots' mean out-degree)
 * and every other node another (mean: the other nodes' mean out-degree), both maximum likelihood.
 */
function galtonWatson2(train: Real[], minSize: number, want: number, rng: Rng): { rootMean: number; mean: number; trees: TreeMeasures[]; tries: number } {
  const rootMean = train.reduce((a, t) => a + t.rootDegree, 0) / train.length;
  const mean = train.reduce((a, t) => a + t.size - 1 - t.rootDegree, 0) / train.reduce((a, t) => a + t.size - 1, 0);
  return { rootMean, mean, ...growTrees(rootMean, mean, minSize, want, rng) };
}

/** Galton–Watson trees with geometric offspring (mean `rootMean` at the root, `mean` below) until `want` reach `minSize` nodes. */
function growTrees(rootMean: number, mean: number, minSize: number, want: number, rng: Rng, cap = 200_000): { trees: TreeMeasures[]; tries: number } {
  const stopRoot = 1 / (1 + rootMean), stop = 1 / (1 + mean); // P(no more children) of a geometric law on {0, 1, …}
  const trees: TreeMeasures[] = [];
  let tries = 0;
  const parent = new Int32Array(cap);
  while (trees.length < want) {
    tries++;
    let n = 1;
    parent[0] = -1;
    for (let v = 0; v < n && n < cap; v++) while (n < cap && rng() >= (v === 0 ? stopRoot : stop)) parent[n++] = v;
    if (n >= minSize) trees.push(treeMeasures({ parent: parent.slice(0, n) }));
  }
  return { trees, tries };
}

// ── the model ─────────────────────────────────────────────────────────────────

const CIRCLES = 20, CIRCLE_SIZE = 5000, HORIZON = 60;

/** θ = (η, ρ, κ). */
type Theta = [number, number, number];
const NAMES = ["sharePropensity η", "reach ρ of the seeded post", "quality concentration κ"];
const PRIOR: [number, number][] = [[0.002, 0.5], [0.01, 1], [0.5, 50]]; // log-uniform bounds

function scenario(theta: Theta): Scenario {
  const [eta, reach, kappa] = theta;
  return loadScenario({
    name: "twitter16-world",
    horizon: HORIZON,
    seed: SEED,
    replicates: 1,
    population: { circles: Array.from({ length: CIRCLES }, (_, c) => ({ name: `circle-${c + 1}`, size: CIRCLE_SIZE, sharePropensity: eta })) },
    network: { kind: "circles", bigAccounts: { count: 1, followers: CIRCLES * CIRCLE_SIZE, zombieShare: 0 } },
    product: { price: 1 },
    plans: [{
      name: "seeded-post",
      strategies: [{ type: "buyReposts", at: 0, pricePerRepost: 0, content: { id: "source", quality: { alpha: kappa / 2, beta: kappa / 2 }, paid: false }, crackdown: { at: 0, reach } }],
    }],
  });
}

/**
 * Worlds do not depend on θ (η, the plan's reach and the content's quality are read by the run, not
 * by buildWorld), so each replicate's world is built once and every θ runs on it with its own scenario.
 */
const worldCache = new Map<number, World>();
function world(base: Scenario, r: number): World {
  let w = worldCache.get(r);
  if (!w) worldCache.set(r, (w = buildWorld(base, r)));
  return w;
}

function cascade(theta: Theta, r: number): TreeMeasures {
  const s = scenario(theta);
  const w = { ...world(s, r), scenario: s };
  const log = runWithShareLog(w);
  return treeMeasures(reshareTree(log, 0, w.pop.bigAccountStart).tree);
}

/** The model's cascades on replicates `from` … `from + count − 1`, and those at least `minSize` large. */
function cascades(theta: Theta, from: number, count: number, minSize: number): { all: number; kept: TreeMeasures[] } {
  const kept: TreeMeasures[] = [];
  for (let r = from; r < from + count; r++) {
    const m = cascade(theta, r);
    if (m.size >= minSize) kept.push(m);
  }
  return { all: count, kept };
}

// ── ABC-SMC (Beaumont et al. 2009) with the mean of the three KS distances as the distance ─────

/**
 * Generation 0 keeps the PARTICLES closest of 4 × PARTICLES θ drawn from the log-uniform priors;
 * generation g sets ε to the median of the previous generation's distances, moves particles picked by weight with a Gaussian kernel (on log θ, twice the
 * weighted covariance's diagonal), keeps those with distance ≤ ε, and weights them by 1 / Σ_j w_j K.
 * A θ's distance: the mean over size, depth and virality of the KS distance between its cascades of at
 * least minSize (on the WORLDS training replicates, common to every θ) and the training trees; 1 when
 * fewer than 10 of them reach minSize.
 */
function abc(trainSample: Sample, minSize: number, rng: Rng) {
  const lo = PRIOR.map(([a]) => Math.log(a)), hi = PRIOR.map(([, b]) => Math.log(b));
  const dist = (x: number[]): number => {
    const { kept } = cascades(x.map(Math.exp) as Theta, 0, WORLDS, minSize);
    if (kept.length < 10) return 1;
    const d = ks(sample(kept), trainSample);
    return (d.size + d.depth + d.virality) / 3;
  };
  // Generation 0: rejection from the prior, the PARTICLES closest of 4 × PARTICLES draws (most prior
  // draws make few cascades that large, so a median of them would be the cap, 1, and never move).
  let sims = 0;
  const log: string[] = [];
  const draws = Array.from({ length: 4 * PARTICLES }, () => {
    const x = lo.map((l, i) => l + rng() * (hi[i] - l));
    sims++;
    return { x, d: dist(x), w: 1 / PARTICLES };
  });
  let pop = draws.map((p, k) => ({ p, k })).sort((a, b) => a.p.d - b.p.d || a.k - b.k).slice(0, PARTICLES).map(({ p }) => p);
  log.push(`generation 0: ${PARTICLES} closest of ${draws.length} prior draws (ε ${pop[PARTICLES - 1].d.toFixed(3)}), best distance ${pop[0].d.toFixed(3)}`);
  console.log(log[0]);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  for (let g = 1; g <= GENERATIONS; g++) {
    const eps = [...pop.map((p) => p.d)].sort((a, b) => a - b)[Math.floor(PARTICLES / 2)];
    const W = pop.reduce((a, p) => a + p.w, 0);
    const mean = lo.map((_, i) => pop.reduce((a, p) => a + p.w * p.x[i], 0) / W);
    const sd = lo.map((_, i) => Math.sqrt((2 * pop.reduce((a, p) => a + p.w * (p.x[i] - mean[i]) ** 2, 0)) / W));
    const next: typeof pop = [];
    let proposals = 0;
    while (next.length < PARTICLES && proposals < 20 * PARTICLES) {
      proposals++;
      let u = rng() * W, j = 0;
      while (j < pop.length - 1 && u >= pop[j].w) u -= pop[j++].w;
      const x = pop[j].x.map((v, i) => v + sd[i] * gauss());
      if (x.some((v, i) => v < lo[i] || v > hi[i])) continue;
      sims++;
      const d = dist(x);
      if (d > eps) continue;
      let k = 0;
      for (const p of pop) k += p.w * Math.exp(-0.5 * x.reduce((a, v, i) => a + ((v - p.x[i]) / sd[i]) ** 2, 0));
      next.push({ x, d, w: 1 / k });
    }
    const Wn = next.reduce((a, p) => a + p.w, 0);
    for (const p of next) p.w /= Wn;
    const ess = 1 / next.reduce((a, p) => a + p.w * p.w, 0);
    log.push(`generation ${g}: ε ${eps.toFixed(3)}, ${next.length}/${proposals} accepted, ESS ${ess.toFixed(1)}, best distance ${Math.min(...next.map((p) => p.d)).toFixed(3)}`);
    console.log(log[log.length - 1]);
    if (next.length < PARTICLES) {
      log.push(`generation ${g} abandoned (acceptance under 5 %): the posterior is generation ${g - 1}`);
      break;
    }
    pop = next;
  }
  return { pop, sims, log };
}

// ── bootstrap on the held-out trees ───────────────────────────────────────────

/**
 * KS distances of each sample to resamples of the held-out trees, and the paired differences of the
 * first sample (the model) from each other one: 90 % intervals, and how often the model is closer.
 */
function bootstrap(test: Real[], samples: Sample[], rng: Rng) {
  const d = samples.map(() => MEASURES.map(() => [] as number[]));
  for (let b = 0; b < BOOTSTRAP; b++) {
    const s = sample(Array.from(test, () => test[Math.floor(rng() * test.length)]));
    samples.forEach((x, k) => {
      const dk = ks(x, s);
      MEASURES.forEach((m, i) => d[k][i].push(dk[m]));
    });
  }
  const ci = (xs: number[]) => {
    const s = Float64Array.from(xs).sort();
    return [q(s, 0.05), q(s, 0.95)];
  };
  const diff = (k: number) => MEASURES.map((_, i) => d[0][i].map((x, b) => x - d[k][i][b]));
  return {
    ci: d.map((per) => per.map(ci)),
    diff: samples.map((_, k) => diff(k).map(ci)),
    wins: samples.map((_, k) => diff(k).map((xs) => xs.filter((x) => x < 0).length / BOOTSTRAP)),
  };
}

// ── main ──────────────────────────────────────────────────────────────────────

const { trees, notes } = readTrees();
const { train, test } = split(trees);
const minSize = Math.min(...train.map((t) => t.size));
const trainSample = sample(train), testSample = sample(test);
const rng = stream(masterKey(SEED));
console.log(notes[0]);
console.log(`training ${train.length} trees, held out ${test.length}; cascades conditioned on ≥ ${minSize} users`);

const gw = galtonWatson(train, minSize, 2000, rng);
console.log(`baseline: geometric offspring, mean ${gw.mean.toFixed(4)}; ${gw.trees.length} trees ≥ ${minSize} in ${gw.tries} draws`);

const fit = abc(trainSample, minSize, rng);
const post = fit.pop;
const postStats = NAMES.map((_, i) => {
  const xs = post.map((p) => ({ v: Math.exp(p.x[i]), w: p.w })).sort((a, b) => a.v - b.v);
  const at = (pr: number) => {
    let c = 0;
    for (const x of xs) if ((c += x.w) >= pr) return x.v;
    return xs[xs.length - 1].v;
  };
  return { mean: xs.reduce((a, x) => a + x.w * x.v, 0), p5: at(0.05), p50: at(0.5), p95: at(0.95) };
});

// Posterior predictive on fresh worlds (replicates past the training ones): on each world, PER θ drawn from the posterior by weight.
const PER = 3;
const predicted: TreeMeasures[] = [];
let predictedAll = 0;
for (let v = 0; v < PREDICTIVE; v++) {
  for (let k = 0; k < PER; k++) {
    let u = rng(), j = 0;
    while (j < post.length - 1 && u >= post[j].w) u -= post[j++].w;
    const m = cascade(post[j].x.map(Math.exp) as Theta, WORLDS + v);
    predictedAll++;
    if (m.size >= minSize) predicted.push(m);
  }
  worldCache.delete(WORLDS + v);
}
// The two-law baseline draws from its own stream, so adding it left every other figure as it was.
const gw2 = galtonWatson2(train, minSize, 2000, stream(hashString(masterKey(SEED), "two-law baseline")));
const modelSample = sample(predicted), baseSample = sample(gw.trees), base2Sample = sample(gw2.trees);
const kModel = ks(modelSample, testSample), kBase = ks(baseSample, testSample), kBase2 = ks(base2Sample, testSample), kHalves = ks(trainSample, testSample);
const boot = bootstrap(test, [modelSample, baseSample, base2Sample], rng);
const seconds = (performance.now() - started) / 1000;
const loadAfter = loadavg();

const f = (x: number, d = 3) => x.toFixed(d);
const quart = (s: Float64Array, d = 1) => `${f(q(s, 0.25), d)} / ${f(q(s, 0.5), d)} / ${f(q(s, 0.75), d)} / ${f(q(s, 0.9), d)}`;
const lines = [
  `npx tsx bench/twitter16.ts --seed ${SEED} --worlds ${WORLDS} --particles ${PARTICLES} --generations ${GENERATIONS} --predictive ${PREDICTIVE} --bootstrap ${BOOTSTRAP}`,
  `${cpus().length} CPU(s), load average ${loadBefore.map((x) => x.toFixed(1)).join(" ")} at the start, ${loadAfter.map((x) => x.toFixed(1)).join(" ")} at the end; ${f(seconds, 0)} s`,
  "",
  `Data: ${notes[0]}.`,
  `Split: ${train.length} training trees, ${test.length} held out (within each label, by a hash of seed and tree id). Cascades compared: those of at least ${minSize} users (the training half's smallest).`,
  "",
  `Baseline: Galton–Watson, geometric offspring with mean ${f(gw.mean, 4)} (maximum likelihood on the training trees' ${train.reduce((a, t) => a + t.size, 0)} out-degrees); ${gw.trees.length} trees of ≥ ${minSize} users kept of ${gw.tries} drawn.`,
  `Two-law baseline: Galton–Watson whose root has its own geometric law, mean ${f(gw2.rootMean, 1)} (the training roots' mean out-degree), and every other node one of mean ${f(gw2.mean, 4)}; ${gw2.trees.length} trees of ≥ ${minSize} users kept of ${gw2.tries} drawn.`,
  `Model: ${CIRCLES} circles × ${CIRCLE_SIZE} consumers, one account followed by all, one post at tick 0; ABC-SMC, ${PARTICLES} particles, ${fit.sims} parameter sets × ${WORLDS} training worlds (${fit.sims * WORLDS} simulations):`,
  "",
  "```text",
  ...fit.log,
  "```",
  "",
  "| parameter | prior (log-uniform) | posterior mean | median | 90 % interval |",
  "|---|---|---|---|---|",
  ...NAMES.map((n, i) => `| ${n} | ${PRIOR[i][0]} – ${PRIOR[i][1]} | ${f(postStats[i].mean, 4)} | ${f(postStats[i].p50, 4)} | ${f(postStats[i].p5, 4)} – ${f(postStats[i].p95, 4)} |`),
  "",
  `Posterior predictive: ${PREDICTIVE} fresh worlds × ${PER} posterior draws = ${predictedAll} cascades, ${predicted.length} of them ≥ ${minSize} users.`,
  "",
  `Held-out KS distances (${test.length} real trees against ${predicted.length} model cascades and ${gw.trees.length} trees of each baseline; 90 % bootstrap intervals over the held-out trees, ${BOOTSTRAP} resamples; smaller is better):`,
  "",
  "| measure | model | baseline (Galton–Watson) | model − baseline | model better in | training half vs held-out half |",
  "|---|---|---|---|---|---|",
  ...MEASURES.map((m, i) => `| ${m} | ${f(kModel[m])} [${f(boot.ci[0][i][0])}, ${f(boot.ci[0][i][1])}] | ${f(kBase[m])} [${f(boot.ci[1][i][0])}, ${f(boot.ci[1][i][1])}] | ${f(kModel[m] - kBase[m])} [${f(boot.diff[1][i][0])}, ${f(boot.diff[1][i][1])}] | ${f(100 * boot.wins[1][i], 0)} % of resamples | ${f(kHalves[m])} |`),
  "",
  "Against the two-law baseline:",
  "",
  "| measure | model | two-law Galton–Watson | model − two-law | model better in |",
  "|---|---|---|---|---|",
  ...MEASURES.map((m, i) => `| ${m} | ${f(kModel[m])} | ${f(kBase2[m])} [${f(boot.ci[2][i][0])}, ${f(boot.ci[2][i][1])}] | ${f(kModel[m] - kBase2[m])} [${f(boot.diff[2][i][0])}, ${f(boot.diff[2][i][1])}] | ${f(100 * boot.wins[2][i], 0)} % of resamples |`),
  "",
  "The bootstrap resamples the held-out trees with replacement; a resample's KS distance is biased upward (its repeated trees make a coarser distribution function), so a point estimate may sit at or below its interval's lower end: the paired difference (model − baseline, same resample) is the comparison to read. The last column is the distance between the two real halves: the noise floor of 48 against 52 trees.",
  "",
  "Quartiles and 90th percentile (p25 / p50 / p75 / p90):",
  "",
  "| measure | held-out trees | training trees | model | baseline | two-law baseline |",
  "|---|---|---|---|---|---|",
  ...MEASURES.map((m) => `| ${m} | ${[testSample, trainSample, modelSample, baseSample, base2Sample].map((x) => quart(x[m], m === "virality" ? 2 : 0)).join(" | ")} |`),
];
console.log(lines.join("\n"));
if (MD) writeFileSync(resolve(MD), ["# Twitter16: held-out cascade shapes, model vs Galton–Watson", "", "Made by `bench/twitter16.ts` (docs/calibration.md, \"Real cascades: Twitter16\").", "", "```text", ...lines.slice(0, 2), "```", "", ...lines.slice(3), ""].join("\n"));
