/**
 * Micro-benchmarks (tinybench, fixed iteration counts: time budgets are 0, so every task runs
 * exactly `warmupIterations` + `iterations` times):
 *   - RNG draws: the engine's counter-based murmur3 `uniform`, its sfc32 setup stream, and
 *     seedrandom's default (ARC4) and alea generators for comparison (Math.random as reference);
 *   - one tick of the social model on the standard campaign at 10k and 100k consumers: a fresh
 *     run is played to tick T untimed (beforeEach), then tick T alone is timed; plus whole runs
 *     (ticks 0 … horizon) divided by the tick count;
 *   - CSR neighbour iteration over the 100k world: a scan of every tie (targets + weights), and the
 *     same scan gathering a per-agent column at each target (the access pattern of delivery).
 * Every task folds its result into a sink whose final value is reported, so no work is dead.
 *
 *   npx tsx bench/micro.ts [--quick]
 */
import "./like-the-cli.ts";
import seedrandom from "seedrandom";
import { Bench, type Task } from "tinybench";
import { buildWorld, column, runPlan, type World } from "../engine/index.ts";
import { createDynamics } from "../engine/core/run.ts";
import type { Dynamics } from "../engine/core/dynamics.ts";
import { uniform } from "../engine/core/rng/hash.ts";
import { stream } from "../engine/core/rng/stream.ts";
import { standardScenario } from "./scenario.ts";
import { consume, si, sink, ms } from "./util.ts";
import { pathToFileURL } from "node:url";

export interface MicroResult {
  group: "rng" | "tick" | "csr";
  name: string;
  /** What one iteration does, in words. */
  measures: string;
  iterations: number;
  warmupIterations: number;
  /** Latency of one iteration, ms. */
  meanMs: number;
  p50Ms: number;
  minMs: number;
  maxMs: number;
  /** Relative margin of error of the mean, %. */
  rme: number;
  /** Units of work in one iteration (draws, ties, exposures, ticks). */
  unitsPerIteration: number;
  unit: string;
  /** unitsPerIteration / mean latency. */
  unitsPerSecond: number;
  /** Extra figures (e.g. exposures in the timed tick). */
  extra?: Record<string, number>;
}

export interface MicroReport {
  results: MicroResult[];
  checksum: number;
}

interface TaskSpec {
  group: MicroResult["group"];
  name: string;
  measures: string;
  units: number;
  unit: string;
  fn: () => void;
  beforeEach?: () => void;
  afterEach?: () => void;
  extra?: () => Record<string, number>;
}

async function runGroup(specs: TaskSpec[], iterations: number, warmupIterations: number, log: (s: string) => void): Promise<MicroResult[]> {
  const bench = new Bench({ iterations, time: 0, warmupIterations, warmupTime: 0, throws: true });
  for (const s of specs)
    bench.add(s.name, s.fn, {
      async: false, // skips tinybench's detection call, which would run the task once outside its hooks
      ...(s.beforeEach ? { beforeEach: s.beforeEach } : {}),
      ...(s.afterEach ? { afterEach: s.afterEach } : {}),
    });
  await bench.run();
  return bench.tasks.map((task: Task, k) => {
    const s = specs[k];
    const r = task.result;
    if (r.state !== "completed") throw new Error(`micro-benchmark "${s.name}" did not complete (${r.state})`);
    const l = r.latency;
    const out: MicroResult = {
      group: s.group,
      name: s.name,
      measures: s.measures,
      iterations: l.samplesCount,
      warmupIterations,
      meanMs: l.mean,
      p50Ms: l.p50,
      minMs: l.min,
      maxMs: l.max,
      rme: l.rme,
      unitsPerIteration: s.units,
      unit: s.unit,
      unitsPerSecond: s.units / (l.mean / 1000),
      ...(s.extra ? { extra: s.extra() } : {}),
    };
    log(`  ${s.name}: ${ms(out.meanMs)}/iteration ±${out.rme.toFixed(1)}%, ${si(out.unitsPerSecond)} ${s.unit}/s`);
    return out;
  });
}

function rngTasks(draws: number): TaskSpec[] {
  const key = 0x9e3779b9;
  const sfc = stream(key);
  const arc4 = seedrandom("circlecast-bench");
  const alea = seedrandom.alea("circlecast-bench");
  let t = 0;
  const measures = `${si(draws)} draws summed`;
  return [
    {
      group: "rng", name: "uniform (murmur3 counter, engine)", measures: `${measures}; uniform(key, t, k, 3) over k`, units: draws, unit: "draws",
      fn: () => {
        let acc = 0;
        t++;
        for (let k = 0; k < draws; k++) acc += uniform(key, t, k, 3);
        consume(acc);
      },
    },
    {
      group: "rng", name: "sfc32 stream (engine setup)", measures, units: draws, unit: "draws",
      fn: () => {
        let acc = 0;
        for (let k = 0; k < draws; k++) acc += sfc();
        consume(acc);
      },
    },
    {
      group: "rng", name: "seedrandom ARC4 (default)", measures, units: draws, unit: "draws",
      fn: () => {
        let acc = 0;
        for (let k = 0; k < draws; k++) acc += arc4();
        consume(acc);
      },
    },
    {
      group: "rng", name: "seedrandom alea", measures, units: draws, unit: "draws",
      fn: () => {
        let acc = 0;
        for (let k = 0; k < draws; k++) acc += alea();
        consume(acc);
      },
    },
    {
      group: "rng", name: "Math.random (reference, unseeded)", measures, units: draws, unit: "draws",
      fn: () => {
        let acc = 0;
        for (let k = 0; k < draws; k++) acc += Math.random();
        consume(acc);
      },
    },
  ];
}

/** The run's reportedImpressions so far (exposures delivered). */
function reported(d: Dynamics): number {
  const row = new Float64Array(d.metrics.length);
  d.read(row);
  return row[d.metrics.indexOf("reportedImpressions")];
}

/** Tick benchmarks on one world: the timed tick `at` after an untimed replay of ticks 0 … at−1. */
function tickTasks(world: World, label: string, ticksTimed: number[]): TaskSpec[] {
  const plan = world.scenario.plans[0];
  const specs: TaskSpec[] = [];
  for (const at of ticksTimed) {
    let d: Dynamics | undefined;
    let before = 0;
    let exposures = 0;
    specs.push({
      group: "tick",
      name: `tick ${at}, ${label}`,
      measures: `one d.tick(${at}) on a fresh run replayed to tick ${at - 1} (replay untimed)`,
      units: 1,
      unit: "ticks",
      beforeEach: () => {
        d = createDynamics(world, plan);
        for (let t = 0; t < at; t++) d.tick(t);
        before = reported(d);
      },
      fn: () => d!.tick(at),
      afterEach: () => {
        exposures = reported(d!) - before;
        consume(exposures);
        d = undefined;
      },
      extra: () => ({ exposuresInTick: exposures, nsPerExposure: NaN }),
    });
  }
  const H = world.scenario.horizon;
  let exposuresPerRun = 0;
  specs.push({
    group: "tick",
    name: `full run ÷ ${H + 1} ticks, ${label}`,
    measures: `runPlan over ticks 0 … ${H} (per-run state allocation, collection and finish included); figures per tick`,
    units: H + 1,
    unit: "ticks",
    fn: () => {
      const r = runPlan(world, plan);
      exposuresPerRun = column(r.series, "reportedImpressions")[H];
      consume(exposuresPerRun + r.tables.frequency[0]);
    },
    extra: () => ({ exposuresPerRun }),
  });
  return specs;
}

function csrTasks(world: World, label: string): TaskSpec[] {
  const { offsets, targets, tieClass, classWeight } = world.net.csr;
  const n = world.pop.n;
  const m = targets.length;
  const activity = world.pop.activity;
  return [
    {
      group: "csr", name: `scan all ties, ${label}`, measures: `for each agent j, for e in offsets[j] … offsets[j+1]: sum classWeight[tieClass[e]], xor targets[e] (${si(m)} ties)`,
      units: m, unit: "ties",
      fn: () => {
        let acc = 0;
        let x = 0;
        for (let j = 0; j < n; j++) {
          const end = offsets[j + 1];
          for (let e = offsets[j]; e < end; e++) {
            acc += classWeight[tieClass[e]];
            x ^= targets[e];
          }
        }
        consume(acc + x);
      },
    },
    {
      group: "csr", name: `scan + gather activity[target], ${label}`, measures: `as above, plus a random read of the Float32 activity column at each target (delivery's access pattern)`,
      units: m, unit: "ties",
      fn: () => {
        let acc = 0;
        for (let j = 0; j < n; j++) {
          const end = offsets[j + 1];
          for (let e = offsets[j]; e < end; e++) acc += classWeight[tieClass[e]] * activity[targets[e]];
        }
        consume(acc);
      },
    },
  ];
}

export async function runMicro(quick: boolean, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<MicroReport> {
  const results: MicroResult[] = [];
  const draws = quick ? 100_000 : 1_000_000;
  log(`micro: RNG (${si(draws)} draws per iteration)`);
  results.push(...(await runGroup(rngTasks(draws), quick ? 3 : 30, quick ? 1 : 5, log)));

  const sizes = quick ? [2_000] : [10_000, 100_000];
  const timedTicks = [50, 53]; // 50: opinion leaders post (publication tick); 53: reshares and conversions only
  let csrWorld: World | undefined;
  for (const n of sizes) {
    const world = buildWorld(standardScenario(n), 0);
    const label = `${si(n, 3)} consumers`;
    log(`micro: social model tick, ${label} (${world.pop.n} agents, ${world.net.csr.targets.length} ties)`);
    const tick = await runGroup(tickTasks(world, label, timedTicks), quick ? 3 : n >= 100_000 ? 20 : 40, quick ? 1 : 3, log);
    for (const r of tick) if (r.extra && "exposuresInTick" in r.extra) r.extra.nsPerExposure = r.extra.exposuresInTick > 0 ? (r.meanMs * 1e6) / r.extra.exposuresInTick : NaN;
    for (const r of tick) if (r.extra && "exposuresPerRun" in r.extra) r.extra.exposuresPerSecond = r.extra.exposuresPerRun / (r.meanMs / 1000);
    results.push(...tick);
    csrWorld = world;
  }
  const label = `${si(sizes[sizes.length - 1], 3)} consumers`;
  log(`micro: CSR neighbour iteration, ${label}`);
  results.push(...(await runGroup(csrTasks(csrWorld!, label), quick ? 3 : 50, quick ? 1 : 5, log)));
  return { results, checksum: sink() };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const rep = await runMicro(process.argv.includes("--quick"));
  console.log(`checksum ${rep.checksum}`);
}
