/**
 * Scale runs of the social model: the standard campaign (bench/scenario.ts) at 100k, 1M and,
 * when memory allows, 5M consumers, about 20 ties each, 100 ticks.
 *
 * Each size runs in a fresh child process (so peak RSS belongs to that size alone), and a child
 * plays `replicates` replicates the way runReplicates does: buildWorld(s, r) then runPlan, one
 * after the other in the same process, with no forced collection between them (a full gc() before
 * each replicate, as this bench once did, made the next ones run at half speed: 100 k, 5 replicates,
 * 61–68 ms a run against 28–34 ms). Per replicate it records
 *   - generation: buildWorld (population draws + circle network + CSR), wall clock;
 *   - run: runPlan over ticks 0 … horizon, wall clock (memory is sampled every 10th tick inside it);
 *   - exposures: the run's final reportedImpressions (= exposures delivered);
 * and once per size: the engine's memory, counted exactly from the typed arrays of Population and
 * CSR plus the per-run state (the typed arrays a fresh createDynamics object holds; for a model that
 * keeps its state in closures, estimated from socialDynamics' column list), peak RSS (the OS
 * high-water mark, process.resourceUsage().maxRSS) and the sampled peak of heapUsed + arrayBuffers.
 *
 *   npx tsx bench/scale.ts [--quick] [--sizes 100000,1000000] [--replicates 3]
 */
import "./like-the-cli.ts";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildWorld, column, replicateKey, runPlan, type Scenario, type World } from "../engine/index.ts";
import { createDynamics } from "../engine/core/run.ts";
import { buildPopulation } from "../engine/core/population.ts";
import { INLINE_CASES, RECORD_BYTES } from "../engine/core/models/social-state.ts";
import { kernelExtraBytes } from "../engine/core/models/delivery-kernel.ts";
import { deriveKey, Purpose } from "../engine/core/rng/seed.ts";
import { HORIZON, MEAN_DEGREE, standardScenario } from "./scenario.ts";
import { consume, gc, int, machineInfo, MemoryPeak, median, mib, ms, si, sink } from "./util.ts";

export interface EngineBytes {
  /** Population columns (circleStart, circle, kind, trust, skepticism, activity, threshold). */
  population: number;
  /** CSR offsets (per agent). */
  csrOffsets: number;
  /** CSR targets + weights (per tie). */
  csrTies: number;
  /** Account lists (opinion leaders, big accounts). */
  worldOther: number;
  /**
   * Per-run agent state of the social model. "counted": the byteLength of every typed array the
   * run object holds (world arrays excluded); "estimated" (when the run keeps its state in
   * closures): from models/social-state.ts, a 32-byte record per agent, a u16 pair of touches, and
   * one u8 per agent per case beyond the record's four.
   * Event queues, which grow with the shares scheduled, are not included either way.
   */
  runState: number;
  runStateMethod: "counted" | "estimated";
  /** The column-list estimate, for comparison when runState was counted. */
  runStateEstimate: number;
  /** Bytes per run-object field, when counted. */
  runStateArrays: Record<string, number>;
  total: number;
  /** (population + offsets + run state) / agents. */
  perAgent: number;
  /** (targets + weights) / ties. */
  perTie: number;
  /** total / agents, ties included. */
  allInPerAgent: number;
  /** arrayBuffers growth measured across buildWorld (a cross-check of population + CSR). */
  measuredWorldArrayBuffers: number;
  /** arrayBuffers growth measured across createDynamics (a cross-check of the run state). */
  measuredRunArrayBuffers: number;
}

export interface ReplicateTiming {
  replicate: number;
  generationMs: number;
  runMs: number;
  wallMs: number;
  /** process.cpuUsage() (user + system, all threads: GC helpers included) over generation and over the run. */
  generationCpuMs: number;
  runCpuMs: number;
  exposures: number;
  realImpressions: number;
  shares: number;
  reach: number;
  customers: number;
}

export interface ScaleResult {
  consumers: number;
  agents: number;
  ties: number;
  meanOutDegree: number;
  circles: number;
  cases: number;
  horizon: number;
  ticks: number;
  replicates: ReplicateTiming[];
  /** buildPopulation alone, timed once after the replicates (replicate 0's key). */
  populationMs: number;
  bytes: EngineBytes;
  memory: {
    baselineRss: number;
    peakRss: number;
    sampledPeakRss: number;
    sampledPeakHeapPlusArrayBuffers: number;
    samples: number;
  };
  summary: ScaleSummary;
  checksum: number;
}

export interface ScaleSummary {
  generationMs: number;
  runMs: number;
  generationCpuMs: number;
  runCpuMs: number;
  firstRunMs: number;
  /** Median over replicates after the first (NaN with one replicate). */
  laterRunMs: number;
  msPerTick: number;
  ticksPerSecond: number;
  exposuresPerRun: number;
  exposuresPerSecond: number;
  wallMsPerReplicate: number;
}

export interface ScalePlanEntry {
  consumers: number;
  replicates: number;
}

export interface ScaleReport {
  horizon: number;
  meanDegree: number;
  results: ScaleResult[];
  skipped: { consumers: number; reason: string }[];
}

const RESULT_MARK = "@@scale-result@@";

function bytesOf(...arrays: ArrayBufferView[]): number {
  return arrays.reduce((a, x) => a + x.byteLength, 0);
}

function isView(x: unknown): x is ArrayBufferView {
  return ArrayBuffer.isView(x);
}

/** Distinct cases of the scenario's contents (pieces of one case share a repetition counter). */
function caseCount(s: Scenario): number {
  return new Set(s.contents.map((c) => c.case ?? c.id)).size;
}

/** Typed arrays held by a run object (two levels deep), minus those of the world; null if it holds none (closures). */
function runObjectArrays(d: object, exclude: Set<ArrayBufferLike>): Record<string, number> | null {
  const seen = new Set<ArrayBufferLike>(exclude);
  const out: Record<string, number> = {};
  const visit = (v: unknown, name: string, depth: number): void => {
    if (isView(v)) {
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        out[name] = (out[name] ?? 0) + v.buffer.byteLength;
      }
    } else if (depth < 2 && v !== null && typeof v === "object" && !("pop" in v && "net" in v)) {
      if (Array.isArray(v)) v.forEach((x) => visit(x, `${name}[]`, depth + 1));
      else for (const [k, x] of Object.entries(v)) visit(x, `${name}.${k}`, depth + 1);
    }
  };
  for (const [k, v] of Object.entries(d)) visit(v, k, 0);
  return Object.keys(out).length > 0 ? out : null;
}

/** Exact bytes of the world's typed arrays, and the per-run state (counted, else estimated). */
function engineBytes(s: Scenario, w: World, measuredWorldArrayBuffers: number): EngineBytes {
  const p = w.pop;
  const g = w.net.csr;
  const worldViews = [p.circleStart, p.circle, p.kind, p.trust, p.skepticism, p.activity, p.threshold, g.offsets, g.targets, g.tieClass, g.classWeight, w.net.accounts.bigAccounts, ...w.net.accounts.kolsByCircle];
  const population = bytesOf(p.circleStart, p.circle, p.kind, p.trust, p.skepticism, p.activity, p.threshold);
  const csrOffsets = bytesOf(g.offsets);
  const csrTies = bytesOf(g.targets, g.tieClass);
  const worldOther = bytesOf(w.net.accounts.bigAccounts, ...w.net.accounts.kolsByCircle);
  const runStateEstimate = p.n * (RECORD_BYTES + 4) + p.n * Math.max(0, caseCount(s) - INLINE_CASES) + kernelExtraBytes(p.n, g.targets.length);
  gc();
  gc();
  const before = process.memoryUsage().arrayBuffers;
  const d = createDynamics(w, s.plans[0]);
  const measuredRunArrayBuffers = process.memoryUsage().arrayBuffers - before;
  const arrays = runObjectArrays(d, new Set(worldViews.map((v) => v.buffer)));
  const counted = arrays ? Object.values(arrays).reduce((a, b) => a + b, 0) : null;
  const runState = counted ?? runStateEstimate;
  const total = population + csrOffsets + csrTies + worldOther + runState;
  return {
    population, csrOffsets, csrTies, worldOther, runState,
    runStateMethod: counted === null ? "estimated" : "counted",
    runStateEstimate, runStateArrays: arrays ?? {}, total,
    perAgent: (population + csrOffsets + runState) / p.n,
    perTie: g.targets.length > 0 ? csrTies / g.targets.length : NaN,
    allInPerAgent: total / p.n,
    measuredWorldArrayBuffers,
    measuredRunArrayBuffers,
  };
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}

function summarise(reps: ReplicateTiming[], ticks: number): ScaleSummary {
  const runMs = median(reps.map((r) => r.runMs));
  const exposuresPerRun = median(reps.map((r) => r.exposures));
  return {
    generationMs: median(reps.map((r) => r.generationMs)),
    runMs,
    generationCpuMs: median(reps.map((r) => r.generationCpuMs)),
    runCpuMs: median(reps.map((r) => r.runCpuMs)),
    firstRunMs: reps[0].runMs,
    laterRunMs: median(reps.slice(1).map((r) => r.runMs)),
    msPerTick: runMs / ticks,
    ticksPerSecond: ticks / (runMs / 1000),
    exposuresPerRun,
    exposuresPerSecond: median(reps.map((r) => r.exposures / (r.runMs / 1000))),
    wallMsPerReplicate: median(reps.map((r) => r.wallMs)),
  };
}

/** The measurement itself; runs inside the child process. */
export function measureScale(consumers: number, replicates: number, horizon = HORIZON, log: (s: string) => void = () => {}): ScaleResult {
  const s = standardScenario(consumers, { horizon });
  const plan = s.plans[0];
  const peak = new MemoryPeak();
  gc();
  const baselineRss = peak.sample().rss;
  const reps: ReplicateTiming[] = [];
  let bytes: EngineBytes | undefined;
  let shape = { agents: 0, ties: 0, cases: 0 };
  for (let r = 0; r < replicates; r++) {
    if (r === 0) gc(); // the engine's bytes are counted from replicate 0's world
    const before = process.memoryUsage().arrayBuffers;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let world: World | undefined = buildWorld(s, r);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const afterBuild = peak.sample().arrayBuffers;
    if (r === 0) {
      // Counted before the first run, so no earlier run state is still being freed; untimed.
      bytes = engineBytes(s, world, afterBuild - before);
      shape = { agents: world.pop.n, ties: world.net.csr.targets.length, cases: caseCount(s) };
      gc();
    }
    const c1r = process.cpuUsage();
    const t1r = performance.now();
    let result: ReturnType<typeof runPlan> | undefined = runPlan(world, plan, { onTick: (t) => void (t % 10 === 0 && peak.sample()) });
    const t2 = performance.now();
    const c2 = process.cpuUsage(c1r);
    peak.sample();
    const last = (name: string) => column(result!.series, name)[horizon];
    const rep: ReplicateTiming = {
      replicate: r,
      generationMs: t1 - t0,
      runMs: t2 - t1r,
      wallMs: t1 - t0 + (t2 - t1r),
      generationCpuMs: cpuMs(c1) - cpuMs(c0),
      runCpuMs: cpuMs(c2),
      exposures: last("reportedImpressions"),
      realImpressions: last("realImpressions"),
      shares: last("shares"),
      reach: last("reach"),
      customers: last("customers"),
    };
    consume(rep.exposures + rep.customers + result.tables.frequency[0]);
    reps.push(rep);
    log(`  ${si(consumers)} replicate ${r}: generation ${ms(rep.generationMs)}, run ${ms(rep.runMs)}, ${int(rep.exposures)} exposures`);
    world = undefined;
    result = undefined;
  }
  gc();
  const tp = performance.now();
  const pop = buildPopulation(s, deriveKey(replicateKey(s.seed, 0), Purpose.population));
  const populationMs = performance.now() - tp;
  consume(pop.trust[pop.n >> 1]);
  const ticks = horizon + 1;
  return {
    consumers,
    agents: shape.agents,
    ties: shape.ties,
    meanOutDegree: shape.ties / shape.agents,
    circles: s.population.circles.length,
    cases: shape.cases,
    horizon,
    ticks,
    replicates: reps,
    populationMs,
    bytes: bytes!,
    memory: {
      baselineRss,
      peakRss: process.resourceUsage().maxRSS * 1024,
      sampledPeakRss: peak.rss,
      sampledPeakHeapPlusArrayBuffers: peak.heapPlusBuffers,
      samples: peak.samples,
    },
    summary: summarise(reps, ticks),
    checksum: sink(),
  };
}

/** Rough upper bound of a size's memory: engine state, generation temporaries, ties. */
export function estimateBytes(consumers: number): number {
  const ties = consumers * (MEAN_DEGREE + 0.6); // friendship ties plus account followers
  return consumers * (16 + 20 + 4 + 40) + ties * 8 + 200 * 1024 * 1024;
}

export function scalePlan(quick: boolean, freeBytes: number, override?: { sizes?: number[]; replicates?: number }): { plan: ScalePlanEntry[]; skipped: ScaleReport["skipped"] } {
  const wanted: ScalePlanEntry[] = override?.sizes
    ? override.sizes.map((n) => ({ consumers: n, replicates: override.replicates ?? 2 }))
    : quick
      ? [{ consumers: 5_000, replicates: 2 }, { consumers: 20_000, replicates: 2 }]
      : [{ consumers: 100_000, replicates: 5 }, { consumers: 1_000_000, replicates: 3 }, { consumers: 5_000_000, replicates: 2 }];
  if (override?.replicates) for (const w of wanted) w.replicates = override.replicates;
  const plan: ScalePlanEntry[] = [];
  const skipped: ScaleReport["skipped"] = [];
  for (const w of wanted) {
    const need = estimateBytes(w.consumers);
    if (w.consumers >= 5_000_000 && freeBytes < 2 * need)
      skipped.push({ consumers: w.consumers, reason: `needs about ${mib(need)}, twice that must be free (free: ${mib(freeBytes)})` });
    else plan.push(w);
  }
  return { plan, skipped };
}

const SELF = fileURLToPath(import.meta.url);

/**
 * One scale measurement in a fresh child process (same loader flags as this one, plus --expose-gc and
 * `nodeArgs`): its result, or why it did not finish (exit status or signal: an out-of-memory child dies).
 */
export function scaleChild(consumers: number, replicates: number, nodeArgs: string[] = []): { result: ScaleResult } | { failed: string } {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, "--expose-gc", ...nodeArgs, SELF, "--child", String(consumers), "--replicates", String(replicates)],
    { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  process.stderr.write(child.stderr);
  if (child.status !== 0) {
    // The child's own words, where it said why (a scenario issue, an out-of-memory message).
    const why = child.stderr.split("\n").find((l) => /expected|out of memory|heap limit/i.test(l))?.trim();
    return { failed: `exit status ${child.status}${child.signal ? `, signal ${child.signal}` : ""}${why ? `: ${why}` : ""}` };
  }
  const line = child.stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
  if (!line) return { failed: "printed no result" };
  return { result: JSON.parse(line.slice(RESULT_MARK.length)) as ScaleResult };
}

/** Run each planned size in a fresh child process. */
export function runScale(quick: boolean, override?: { sizes?: number[]; replicates?: number }, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): ScaleReport {
  const { plan, skipped } = scalePlan(quick, machineInfo().freeMemoryBytes, override);
  for (const s of skipped) log(`scale: skipping ${si(s.consumers)} consumers: ${s.reason}`);
  const results: ScaleResult[] = [];
  for (const p of plan) {
    log(`scale: ${int(p.consumers)} consumers × ${p.replicates} replicates (child process)`);
    const child = scaleChild(p.consumers, p.replicates);
    if ("failed" in child) throw new Error(`scale child for ${p.consumers} consumers failed (${child.failed})`);
    const r = child.result;
    if (!(r.summary.exposuresPerRun > 0)) throw new Error(`scale run of ${p.consumers} consumers delivered no exposures`);
    results.push(r);
  }
  return { horizon: HORIZON, meanDegree: MEAN_DEGREE, results, skipped };
}

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

export function printScale(rep: ScaleReport): void {
  for (const r of rep.results) {
    const s = r.summary;
    console.log(
      `${si(r.consumers).padStart(7)} consumers, ${int(r.agents)} agents, ${int(r.ties)} ties: ` +
        `generation ${ms(s.generationMs)}, run ${ms(s.runMs)} (first ${ms(s.firstRunMs)}), ${ms(s.msPerTick)}/tick, ` +
        `${si(s.exposuresPerRun)} exposures, ${si(s.exposuresPerSecond)} exposures/s, wall ${ms(s.wallMsPerReplicate)}/replicate, ` +
        `state ${mib(r.bytes.total)} (${r.bytes.perAgent.toFixed(1)} B/agent + ${r.bytes.perTie.toFixed(1)} B/tie), peak RSS ${mib(r.memory.peakRss)}`,
    );
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const child = arg("--child");
  if (child !== undefined) {
    const r = measureScale(Number(child), Number(arg("--replicates") ?? 1), Number(arg("--horizon") ?? HORIZON), (s) => process.stderr.write(`${s}\n`));
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(r)}\n`);
  } else {
    const sizes = arg("--sizes")?.split(",").map(Number);
    const replicates = arg("--replicates") ? Number(arg("--replicates")) : undefined;
    printScale(runScale(process.argv.includes("--quick"), { sizes, replicates }));
  }
}
