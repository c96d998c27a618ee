/**
 * The social kernel, this checkout against another (a refactor's before and after): ns per exposure
 * of runPlan on the standard campaign (bench/scenario.ts), one world built once per size and run by
 * both checkouts' engines in one process, in rounds A B, B A, … so load changes hit both alike.
 * Reports medians, the median of the paired ratios A/B and their range, and the load average; the
 * two runs of a round must give the same series, or the bench stops. Without --vs it times this
 * checkout alone.
 *
 *   mkdir /tmp/before && git archive <commit> | tar -x -C /tmp/before && ln -s "$PWD/node_modules" /tmp/before/
 *   npx tsx bench/kernel.ts --vs /tmp/before [--sizes 100000,1000000] [--rounds 20]
 *
 * A sits first in even rounds and second in odd ones; a checkout against itself reads within about
 * ±2% on a shared 2-core machine (2026-12), so smaller ratios are noise there.
 */
import "./like-the-cli.ts";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { arg, median } from "./util.ts";

const sizes = (arg("--sizes") ?? "100000,1000000").split(",").map(Number);
const rounds = Number(arg("--rounds") ?? 20);
const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const other = arg("--vs");

interface Engine {
  // The two checkouts' types may differ: only these calls are used.
  runPlan(world: unknown, plan: unknown): { series: { metrics: readonly string[]; rows: number; values: Float64Array; circleValues: Float64Array } };
  buildWorld(scenario: unknown, replicate: number): unknown;
  standardScenario(n: number): { plans: unknown[] };
}

async function engine(root: string): Promise<Engine> {
  const load = (file: string) => import(pathToFileURL(path.join(root, file)).href);
  const [{ runPlan }, { buildWorld }, { standardScenario }] = await Promise.all([load("engine/core/run.ts"), load("engine/core/world.ts"), load("bench/scenario.ts")]);
  return { runPlan, buildWorld, standardScenario };
}

const A = await engine(here);
const B = other ? await engine(path.resolve(other)) : undefined;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

for (const n of sizes) {
  const s = A.standardScenario(n);
  const world = A.buildWorld(s, 0);
  const time = (e: Engine) => {
    const c0 = cpuMs(), t0 = performance.now();
    const r = e.runPlan(world, s.plans[0]);
    return { wall: performance.now() - t0, cpu: cpuMs() - c0, series: r.series };
  };
  // Reported impressions at the last tick: every delivery of the run.
  const reported = ({ series: s }: ReturnType<typeof time>) => s.values[(s.metrics.indexOf("reportedImpressions") + 1) * s.rows - 1];
  const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, j) => Object.is(v, y[j]));
  time(A);
  if (B) time(B);
  const a: ReturnType<typeof time>[] = [], b: ReturnType<typeof time>[] = [];
  for (let k = 0; k < rounds; k++) {
    for (const e of !B ? [A] : k % 2 === 0 ? [A, B] : [B, A]) (e === A ? a : b).push(time(e));
    const x = a[k], y = b[k];
    if (y && !(same(x.series.values, y.series.values) && same(x.series.circleValues, y.series.circleValues)))
      throw new Error(`${n} consumers: the two checkouts' series differ`);
  }
  const exposures = reported(a[0]);
  const ns = (xs: number[]) => ({ median: +((median(xs) * 1e6) / exposures).toFixed(1), min: +((Math.min(...xs) * 1e6) / exposures).toFixed(1) });
  const ratio = (pick: (r: ReturnType<typeof time>) => number) => {
    const r = a.map((x, k) => pick(x) / pick(b[k]));
    return { median: +median(r).toFixed(3), min: +Math.min(...r).toFixed(3), max: +Math.max(...r).toFixed(3) };
  };
  console.log(JSON.stringify({
    consumers: n, exposures, rounds,
    nsPerExposure: { A: { wall: ns(a.map((r) => r.wall)), cpu: ns(a.map((r) => r.cpu)) }, ...(B && { B: { wall: ns(b.map((r) => r.wall)), cpu: ns(b.map((r) => r.cpu)) } }) },
    ...(B && { ratioAB: { wall: ratio((r) => r.wall), cpu: ratio((r) => r.cpu) } }),
    loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
  }));
}
