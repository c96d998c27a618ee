/**
 * One social run split across worker threads (engine/split/social-part.ts) against the same
 * run in one thread: the standard campaign (bench/scenario.ts) at each size, one world built once
 * (network in SharedArrayBuffers), then rounds of [plain runPlan, split over 1, 2, … W threads],
 * interleaved so load changes on a shared machine hit every variant alike. Times are the run alone
 * (generation excluded), median over rounds; each split result is checked equal to the plain one.
 *
 *   npx tsx bench/split-social.ts [--sizes 100000,1000000] [--threads 1,2] [--rounds 3] [--out bench/out/split-social.md]
 */
import "./like-the-cli.ts";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildWorld, runPlan } from "../engine/index.ts";
import { sharedArrays } from "../engine/core/memory.ts";
import { layoutSocial, mergeParts, partImbalance } from "../engine/split/social-part.ts";
import { compilePlan } from "../engine/core/strategies/compile.ts";
import { startPool } from "../engine/split/node-threads.ts";
import { runSocialParts } from "../engine/split/replicates.ts";
import { standardScenario } from "./scenario.ts";
import { arg, machineInfo, mdTable, median, ms, si } from "./util.ts";

const sizes = (arg("--sizes") ?? "100000,1000000").split(",").map(Number);
const threads = (arg("--threads") ?? "1,2").split(",").map(Number);
const rounds = Number(arg("--rounds") ?? 3);
const out = arg("--out") ?? "bench/out/split-social.md";

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, k) => Object.is(v, b[k]));

const rows: string[][] = [];
for (const n of sizes) {
  const s = standardScenario(n);
  const t0 = performance.now();
  const world = buildWorld(s, 0, { alloc: sharedArrays });
  const generation = performance.now() - t0;
  const compiled = [compilePlan(world, s.plans[0], 0)];
  const pools = await Promise.all(threads.map((w) => startPool(w)));
  const layouts = threads.map((w) => layoutSocial(world, w, compiled));
  const times: number[][] = [[], ...threads.map(() => [])];
  const imbalance: number[] = threads.map(() => 1);
  let exposures = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const plain = runPlan(world, s.plans[0]);
    times[0].push(performance.now() - t);
    exposures = plain.series.values[plain.series.rows - 1]; // reportedImpressions: the deliveries made
    for (let k = 0; k < threads.length; k++) {
      t = performance.now();
      const job = { world, planIndex: 0 };
      const parts = await runSocialParts(pools[k], job, layouts[k], undefined, r === 0);
      const split = mergeParts(job, parts);
      times[k + 1].push(performance.now() - t);
      imbalance[k] = partImbalance(parts); // the same in every round: the runs are
      if (!same(split.series.values, plain.series.values) || !same(split.series.circleValues, plain.series.circleValues))
        throw new Error(`split over ${threads[k]} threads differs from the plain run at ${n} consumers`);
    }
    process.stderr.write(`${n}: round ${r + 1}/${rounds}\n`);
  }
  await Promise.all(pools.map((p) => p.close()));
  const plain = median(times[0]);
  rows.push([si(n), si(world.net.csr.targets.length), si(exposures), ms(generation), ms(plain), "1.00×", "–", "", ""]);
  threads.forEach((w, k) => {
    const m = median(times[k + 1]);
    rows.push(["", "", "", "", ms(m), `${(plain / m).toFixed(2)}×`, `${w} thread${w > 1 ? "s" : ""}`, imbalance[k].toFixed(3), `${(w / imbalance[k]).toFixed(2)}×`]);
  });
}

const info = machineInfo();
const md = [
  "# One social run split across threads",
  "",
  `${info.cpu}, ${info.cores} cores, Node ${info.node}; load ${info.loadAverage.map((l) => l.toFixed(1)).join(" ")}. \`npx tsx bench/split-social.ts ${process.argv.slice(2).join(" ")}\``,
  `The standard campaign (bench/scenario.ts), ${rounds} rounds, median run time (generation excluded); every split result equals the plain run's, value for value.`,
  "Imbalance: Σ_t max_w work / Σ_t mean_w work, work = a part's deliveries + seen exposures (engine/split/social-part.ts partImbalance): counted, so load does not move it; W ÷ imbalance bounds the speed-up.",
  "",
  mdTable(["consumers", "ties", "exposures", "generation", "run", "speed-up", "split", "imbalance", "bound W ÷ imbalance"], rows, ["r", "r", "r", "r", "r", "r", "l", "r", "r"]),
  "",
].join("\n");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);
process.stdout.write(md);
