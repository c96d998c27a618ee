/**
 * World generation: where the time goes on one thread (population traits, degree propensities, alias
 * tables, the friendship ties' count and fill passes, the accounts' followers), and the whole build
 * on one thread (buildWorld) against the same build split across worker threads (buildWorldSplit),
 * in interleaved rounds so that load on a shared machine hits every variant alike. `--before DIR`
 * adds buildWorld from another checkout (e.g. `git worktree add /tmp/before <commit>`) to the same
 * rounds, for before/after ratios. Every split world is checked equal to the plain one.
 *
 *   npx tsx bench/generation.ts [--sizes 1000000] [--threads 1,2] [--rounds 3] [--before DIR] [--out bench/out/generation.md]
 */
import "./like-the-cli.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { buildWorld, replicateKey, type Scenario, type World } from "../engine/index.ts";
import type { CirclesNetwork } from "../scenarios/schema/network.ts";
import { accountOverlay } from "../engine/core/network/accounts.ts";
import { friendshipBlocks, friendshipKey, normalisePropensities, rawPropensities } from "../engine/core/network/circles.ts";
import { emitterPart, layoutCsr, Palette } from "../engine/core/network/csr.ts";
import { friendshipPart, planFriendships } from "../engine/core/network/friendships.ts";
import { buildPopulation } from "../engine/core/population.ts";
import { Purpose, deriveKey } from "../engine/core/rng/seed.ts";
import { startPool } from "../engine/split/node-threads.ts";
import { buildWorldSplit } from "../engine/split/world-split.ts";
import { standardScenario } from "./scenario.ts";
import { arg, machineInfo, mdTable, median, ms, si } from "./util.ts";

const sizes = (arg("--sizes") ?? "1000000").split(",").map(Number);
const threads = (arg("--threads") ?? "1,2").split(",").map(Number);
const rounds = Number(arg("--rounds") ?? 3);
const before = arg("--before");
const out = arg("--out") ?? "bench/out/generation.md";

type Build = (s: Scenario, r: number) => World;
const oldBuild: Build | undefined = before ? ((await import(pathToFileURL(resolve(before, "engine/core/world.ts")).href)) as { buildWorld: Build }).buildWorld : undefined;

/** The stages of buildWorld on one thread, timed one by one (the same work, in the same order). */
function stages(s: Scenario, r: number): Record<string, number> {
  const t: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    t[name] = now - t0;
    t0 = now;
  };
  const key = replicateKey(s.seed, r);
  const pop = buildPopulation(s, deriveKey(key, Purpose.population));
  lap("population traits");
  const net = s.network as CirclesNetwork;
  const nk = deriveKey(key, Purpose.network);
  const theta = new Float64Array(pop.consumers);
  rawPropensities(pop, net, nk, theta, 0, pop.consumers);
  normalisePropensities(theta, pop.circleStart);
  lap("degree propensities");
  const friends = planFriendships(theta, pop.circleStart, friendshipBlocks(s, net), net.weights, friendshipKey(nk));
  lap("alias tables");
  const overlay = accountOverlay(s, net, pop, nk, theta);
  lap("opinion leaders");
  const cursor = new Int32Array(pop.n);
  const friendships = friendshipPart(friends); // as buildWorld draws them: into a pair record, when it fits
  const palette = new Palette(); // the friendships' classes first, as buildWorld numbers them
  friendships.place(cursor, palette);
  lap("friendships: count");
  const followers = emitterPart(overlay.emit);
  const fc = new Int32Array(pop.n);
  followers.place(fc, palette);
  lap("followers: count");
  const csr = layoutCsr(pop.n, [cursor, fc], palette);
  lap("CSR layout");
  friendships.place(cursor, palette, csr.targets, csr.tieClass);
  lap("friendships: fill");
  followers.place(fc, palette, csr.targets, csr.tieClass);
  lap("followers: fill");
  return t;
}

const same = (a: World, b: World) =>
  (["offsets", "targets", "tieClass", "classWeight"] as const).every((k) => Buffer.compare(Buffer.from(a.net.csr[k].buffer, a.net.csr[k].byteOffset, a.net.csr[k].byteLength), Buffer.from(b.net.csr[k].buffer, b.net.csr[k].byteOffset, b.net.csr[k].byteLength)) === 0) &&
  (["trust", "activity", "threshold", "kind"] as const).every((k) => Buffer.compare(Buffer.from(a.pop[k].buffer, a.pop[k].byteOffset, a.pop[k].byteLength), Buffer.from(b.pop[k].buffer, b.pop[k].byteOffset, b.pop[k].byteLength)) === 0);

const timeRows: string[][] = [];
const stageRows: string[][] = [];
for (const n of sizes) {
  const s = standardScenario(n);
  const pools = await Promise.all(threads.map((w) => startPool(w)));
  const variants = ["buildWorld", ...(oldBuild ? ["buildWorld (before)"] : []), ...threads.map((w) => `split, ${w} thread${w > 1 ? "s" : ""}`)];
  const times: number[][] = variants.map(() => []);
  const stageTimes: Record<string, number[]> = {};
  let ties = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const plain = buildWorld(s, r);
    times[0].push(performance.now() - t);
    ties = plain.net.csr.targets.length;
    let k = 1;
    if (oldBuild) {
      t = performance.now();
      oldBuild(s, r);
      times[k++].push(performance.now() - t);
    }
    for (const pool of pools) {
      t = performance.now();
      const split = await buildWorldSplit(pool, s, r);
      times[k++].push(performance.now() - t);
      if (!same(split, plain)) throw new Error(`split generation over ${pool.workers} threads differs from buildWorld at ${n} consumers`);
    }
    for (const [name, v] of Object.entries(stages(s, r))) (stageTimes[name] ??= []).push(v);
    process.stderr.write(`${n}: round ${r + 1}/${rounds}\n`);
  }
  await Promise.all(pools.map((p) => p.close()));
  const base = median(times[0]);
  variants.forEach((v, k) => {
    const m = median(times[k]);
    timeRows.push([k === 0 ? si(n) : "", k === 0 ? si(ties) : "", v, ms(m), `${si(ties / (m / 1000))}/s`, `${(base / m).toFixed(2)}×`]);
  });
  const total = Object.values(stageTimes).reduce((a, v) => a + median(v), 0);
  for (const [name, v] of Object.entries(stageTimes)) stageRows.push([si(n), name, ms(median(v)), `${((100 * median(v)) / total).toFixed(1)} %`]);
}

const info = machineInfo();
const md = [
  "# World generation",
  "",
  `${info.cpu}, ${info.cores} cores, Node ${info.node}; load ${info.loadAverage.map((l) => l.toFixed(1)).join(" ")} at start. \`npx tsx bench/generation.ts ${process.argv.slice(2).join(" ")}\``,
  `The standard scenario (bench/scenario.ts: five circles, meanDegree 20, opinion leaders, big accounts, brand), ${rounds} interleaved rounds, median. Ties are directed CSR entries; ratios are against buildWorld on one thread in the same rounds.`,
  "",
  mdTable(["consumers", "ties", "build", "time", "ties/s", "vs buildWorld"], timeRows, ["r", "r", "l", "r", "r", "r"]),
  "",
  "Where one thread's time goes (bench/generation.ts `stages`, the same work as buildWorld):",
  "",
  mdTable(["consumers", "stage", "time", "share"], stageRows, ["r", "l", "r", "r"]),
  "",
].join("\n");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);
process.stdout.write(md);
