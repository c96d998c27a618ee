/**
 * Benchmark entry point.
 *   npm run bench         full run: micro-benchmarks, then scale runs at 100k, 1M and (memory
 *                         allowing) 5M consumers; writes bench/results.md and bench/results.json.
 *   npm run bench:quick   tiny sizes, a few seconds: only checks that every benchmark works (CI);
 *                         writes bench/out/results.md and bench/out/results.json (gitignored).
 * Options: --only micro|scale|peers (the other sections are kept from the last results.json),
 * --sizes 100000,1000000, --replicates N, --out DIR.
 * No timing is asserted anywhere; the run fails only if a benchmark throws or delivers nothing.
 */
import "./like-the-cli.ts";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MODEL_VERSION } from "../engine/index.ts";
import { runMicro, type MicroReport } from "./micro.ts";
import { runScale, type ScaleReport } from "./scale.ts";
import { runPeers, type PeersReport } from "./peers/harness.ts";
import { HORIZON, MEAN_DEGREE, standardScenarioInput } from "./scenario.ts";
import { commitInfo, gib, int, machineInfo, mdTable, mib, ms, si, type MachineInfo } from "./util.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

interface Results {
  mode: "full" | "quick";
  command: string;
  machine: MachineInfo;
  modelVersion: string;
  scenario: { horizon: number; meanDegree: number; example: unknown };
  micro?: MicroReport;
  scale?: ScaleReport;
  peers?: PeersReport;
  durationMs: number;
  /** os.loadavg() when the bench ended. */
  loadAverageAtEnd: number[];
  /** Commit (and dirty note) when the bench ended: differs from machine.commit if the code changed meanwhile. */
  commitAtEnd: string | null;
}

function fmtLoad(l: number[]): string {
  return l.map((x) => x.toFixed(2)).join(" / ");
}

/** The 5-minute load average at either end exceeds a quarter of the cores. */
function busy(r: Results): boolean {
  return Math.max(r.machine.loadAverage[1] ?? 0, r.loadAverageAtEnd[1] ?? 0) > r.machine.cores / 4;
}

function machineSection(r: Results): string {
  const m = r.machine;
  return mdTable(
    ["", ""],
    [
      ["CPU", m.cpu],
      ["Cores", String(m.cores)],
      ["Memory", `${gib(m.totalMemoryBytes)} total, ${gib(m.freeMemoryBytes)} free at start`],
      ["OS", m.platform],
      ["Node", `${m.node} (V8 ${m.v8})`],
      ["Date", m.date],
      ["Commit", `${m.commit ?? "unknown"}${r.commitAtEnd !== m.commit ? ` (at the end: ${r.commitAtEnd ?? "unknown"}; the code changed during the run)` : ""}`],
      ["Load average (1/5/15 min)", `${fmtLoad(m.loadAverage)} at start, ${fmtLoad(r.loadAverageAtEnd)} at end${busy(r) ? " (other work was running: timings are pessimistic)" : ""}`],
      ["Model version", r.modelVersion],
      ["Mode", `${r.mode} (\`${r.command}\`), ${ms(r.durationMs)} in all`],
    ],
    ["l", "l"],
  );
}

function scaleSection(s: ScaleReport): string {
  const rows = s.results.map((r) => {
    const x = r.summary;
    return [
      int(r.consumers),
      int(r.agents),
      int(r.ties),
      String(r.replicates.length),
      ms(x.generationMs),
      ms(r.populationMs),
      ms(x.runMs),
      `${ms(x.firstRunMs)} / ${Number.isNaN(x.laterRunMs) ? "–" : ms(x.laterRunMs)}`,
      `${ms(x.generationCpuMs)} / ${ms(x.runCpuMs)}`,
      ms(x.msPerTick),
      si(x.ticksPerSecond),
      si(x.exposuresPerRun),
      si(x.exposuresPerSecond),
      ms(x.wallMsPerReplicate),
    ];
  });
  const timing = mdTable(
    ["Consumers", "Agents", "Ties (directed)", "Reps", "Generation", "of which population", "Run", "Run first / later", "CPU gen / run", "Per tick", "Ticks/s", "Exposures/run", "Exposures/s", "Wall/replicate"],
    rows,
  );
  const memRows = s.results.map((r) => {
    const b = r.bytes;
    return [
      int(r.consumers),
      mib(b.population),
      mib(b.csrOffsets),
      mib(b.csrTies),
      mib(b.runState),
      mib(b.total),
      `${mib(b.measuredWorldArrayBuffers)}`,
      b.perAgent.toFixed(1),
      b.perTie.toFixed(2),
      b.allInPerAgent.toFixed(1),
      mib(r.memory.peakRss),
      mib(r.memory.baselineRss),
      mib(r.memory.sampledPeakHeapPlusArrayBuffers),
    ];
  });
  const memory = mdTable(
    ["Consumers", "Population", "CSR offsets", "CSR targets+weights", "Run state", "Engine total", "arrayBuffers Δ buildWorld", "B/agent", "B/tie", "B/agent all-in", "Peak RSS", "RSS before", "Peak heapUsed+arrayBuffers"],
    memRows,
  );
  const perRep = s.results
    .map((r) => `- ${int(r.consumers)}: ` + r.replicates.map((p) => `r${p.replicate} gen ${ms(p.generationMs)} (CPU ${ms(p.generationCpuMs)}), run ${ms(p.runMs)} (CPU ${ms(p.runCpuMs)}), ${int(p.exposures)} exposures (${int(p.realImpressions)} seen, ${int(p.shares)} shares, ${int(p.reach)} reached, ${int(p.customers)} customers)`).join("; "))
    .join("\n");
  const big = s.results[s.results.length - 1];
  const columns = big
    ? Object.entries(big.bytes.runStateArrays)
        .filter(([, b]) => b >= big.agents)
        .map(([k, b]) => `${k === "f32" ? "the wasm deliveries' memory (agent records, read through f32, i32, u16, u8 views, a copy of the ties, the run's constants)" : k} ${(b / big.agents).toFixed(0)} B`)
        .join(", ")
    : "";
  const runNote = big
    ? big.bytes.runStateMethod === "counted"
      ? `\nRun state is counted from the run object's typed arrays (world arrays excluded; event-queue buckets, which fill during the run, not included). Per-agent columns: ${columns}. The layout's estimate (a 32-byte record and 4 B of touches per agent, 1 B per case beyond four, and 4 B per tie for the copy of the targets beside the records: engine/core/models/delivery-kernel.ts) gives ${mib(big.bytes.runStateEstimate)} at ${int(big.consumers)} consumers against ${mib(big.bytes.runState)} counted; ${mib(big.bytes.measuredRunArrayBuffers)} of arrayBuffers were measured across createDynamics.\n`
      : "\nRun state is estimated from socialDynamics' column list (its arrays live in closures): 16 B per agent plus 1 B per agent per case.\n"
    : "";
  const skipped = s.skipped.length ? `\nSkipped: ${s.skipped.map((k) => `${int(k.consumers)} consumers (${k.reason})`).join("; ")}.\n` : "";
  return `### Time\n\n${timing}\n\n### Memory\n\n${memory}\n${runNote}${skipped}\n### Per replicate\n\n${perRep}\n`;
}

function microSection(m: MicroReport): string {
  const rows = m.results.map((r) => {
    const extra = r.extra
      ? Object.entries(r.extra)
          .filter(([, v]) => Number.isFinite(v))
          .map(([k, v]) => `${k} ${k.startsWith("ns") ? v.toFixed(0) : si(v)}`)
          .join(", ")
      : "";
    return [r.group, r.name, `${r.iterations} (+${r.warmupIterations})`, ms(r.meanMs), ms(r.p50Ms), `±${r.rme.toFixed(1)}%`, `${si(r.unitsPerSecond)} ${r.unit}/s`, extra];
  });
  const table = mdTable(["Group", "Benchmark", "Iterations (+warm-up)", "Mean", "Median", "RME", "Throughput", "Notes"], rows, ["l", "l", "r", "r", "r", "r", "r", "l"]);
  const what = m.results.map((r) => `- **${r.name}**: ${r.measures}.`).join("\n");
  return `${table}\n\nWhat one iteration is:\n\n${what}\n\nChecksum of consumed results: ${m.checksum}\n`;
}

const METHOD = `## Method

- **Scenario** (bench/scenario.ts): five circles (30/25/20/15/10 % of consumers), \`meanDegree\` ${MEAN_DEGREE}
  (degree-corrected SBM, 90 % of ties inside the circle), 5 opinion leaders per circle reaching 5 % of it,
  4 big accounts with 2 % of consumers as followers each (30 % zombies on top), brand account followed by 2 %.
  One plan over ${HORIZON} ticks: a launch film from the brand at tick 0, a cut-down of the same case every 7 ticks,
  3 opinion leaders per circle posting a review every 10 ticks, the big accounts posting a meme every 25 ticks.
  Generation and runs are deterministic: exposure counts are the same on every machine.
- **Scale**: each size runs in a fresh child process; replicates play back to back as \`runReplicates\` does
  (\`buildWorld(s, r)\` then \`runPlan\`). *Generation* = \`buildWorld\`; *of which population* = \`buildPopulation\`
  timed on its own afterwards. *Run* = \`runPlan\` over ticks 0 … ${HORIZON} (${HORIZON + 1} calls of \`tick\`),
  median over replicates; *first / later* splits the first replicate of the process from the median of the others
  (V8 specialises the first run's closures; later runs reflect a long-lived worker). *Exposures* = the run's final
  \`reportedImpressions\` (every delivery, seen or not); exposures/s = exposures ÷ run time, median over replicates.
  *Wall/replicate* = generation + run. *CPU* = \`process.cpuUsage()\` over the same spans (all threads, so GC
  helper threads count; less sensitive than wall time to other work on the machine).
- **Memory**: engine bytes are exact \`byteLength\` sums of the Population and CSR typed arrays; the per-run state
  is the sum over the typed arrays the run object holds (or, for a closure-based model, estimated from its column list:
  16 B per agent + 1 B per agent per case); event-queue buckets are not included. B/agent = (population + CSR offsets
  + run state) ÷ agents; B/tie = (targets + weights) ÷ ties; all-in = everything ÷ agents. *Peak RSS* is the process high-water mark (\`resourceUsage().maxRSS\`), which
  includes Node, tsx and zod (*RSS before* is the child's RSS before the first world). heapUsed + arrayBuffers is
  sampled before and after each build and every 10th tick.
- **Micro**: tinybench with time budgets 0, so each task runs exactly its warm-up + iteration counts. Tick
  benchmarks replay a fresh run to the tick before the timed one outside the timing (beforeEach).
`;

function markdown(r: Results): string {
  const parts = [`# Circlecast benchmarks${r.mode === "quick" ? " (quick check, not for comparison)" : ""}\n`, machineSection(r), "", METHOD];
  if (r.scale) parts.push(`## Scale: social model, ${r.scale.horizon} ticks, meanDegree ${r.scale.meanDegree}\n`, scaleSection(r.scale));
  if (r.peers) parts.push("## Peers: the same Independent Cascade in other implementations\n", peersSection(r.peers));
  if (r.micro) parts.push("## Micro-benchmarks\n", microSection(r.micro));
  return `${parts.join("\n")}\n`;
}

function peersSection(p: PeersReport): string {
  const rows = p.results.map((r) => [
    int(r.consumers), int(r.ties), r.name, String(r.replicates), ms(r.buildMs),
    r.bytesPerTie === null ? "–" : r.bytesPerTie.toFixed(0), `${r.meanSpread.toFixed(0)} ± ${r.sdSpread.toFixed(0)}`,
    `${r.z.toFixed(1)}${r.agrees ? "" : " (differs)"}`, si(r.tiesPerSecond), `${r.vsCirclecast.toFixed(2)}×`, r.vsC === null ? "–" : `${r.vsC.toFixed(2)}×`,
  ]);
  const share = p.bandwidthShare.map((b) => `${int(b.consumers)} consumers: ${(b.share * 100).toFixed(1)} %`).join("; ");
  return [
    "Same graph (a Circlecast circle network with mutual ties only, mean degree 20), p = 0.06, the same 10 seeds; each",
    "implementation builds its own structure and draws its own random numbers. *Spread* is the mean final number of active",
    "nodes ± SD; *z* is Welch's z of that mean against Circlecast's (|z| < 4: the same model). *Ties/s* = ties tried per",
    "second, median over replicates after the first. *Time vs* = time per tie relative to Circlecast and to the C reference",
    "(> 1: slower). *B/tie* = heap + array-buffer growth while building the graph ÷ ties (Circlecast and C: their CSR arrays).",
    "graphology and AgentScript run only at 100 k (minutes and gigabytes at 1 M).",
    "",
    mdTable(["Consumers", "Ties", "Implementation", "Reps", "Build", "B/tie", "Spread", "z", "Ties/s", "Time vs Circlecast", "Time vs C"], rows,
      ["r", "r", "l", "r", "r", "r", "r", "r", "r", "r", "r"]),
    "",
    `Memory bandwidth (64 MiB Float64Array copy, bytes read + written): ${p.bandwidthGBps.toFixed(1)} GB/s. Circlecast's tie stream`,
    `(8 B of CSR read per tie tried) as a share of it: ${share}.${p.gccAvailable ? "" : " gcc was not found: no C reference."}`,
    "",
    ...(p.split?.length ? splitNotes(p) : []),
  ].join("\n");
}

/** The split rows: how they are timed, and what the runs did (docs/sweeps.md, "Splitting one large run across workers"). */
function splitNotes(p: PeersReport): string[] {
  const rows = p.split!.map((d) => [
    int(d.consumers), String(d.workers), ms(d.sharedBuildMs), ms(d.layoutMs), ms(d.startMs), d.bytesPerAgent.toFixed(1),
    String(d.ticks), String(d.parkedPerRun), d.imbalance.toFixed(3), `${(d.requestShare * 100).toFixed(1)} %`, d.identical ? "yes" : "NO",
    d.pairedVsC === null ? "–" : `${d.pairedVsC.toFixed(2)}×`,
    d.rounds.map((x) => `${x.vsC === null ? "–" : x.vsC.toFixed(2)} (${x.load.toFixed(1)})`).join(", "),
  ]);
  return [
    "**Split rows.** One cascade split across W threads (this thread and W − 1 worker_threads) over SharedArrayBuffers",
    "(engine/split/): agents in W contiguous ranges with equal out-ties, one Atomics barrier per tick. The",
    "network is built straight into SharedArrayBuffers (no copy); threads are started once; a timed run is `pool.run`",
    "plus rebuilding the series. Each replicate's spread and attempts are checked equal to the one-thread Circlecast",
    "row's (same keys: the runs are bit-identical); *1 worker* is the split kernel alone (bitmap frontier scanned in",
    "index order, bitmap of active agents). *Ticks*: ticks run per cascade (the run stops on the first tick that",
    "activates nobody); *parked*: barrier waits per run that fell asleep in Atomics.wait after spinning; *imbalance*:",
    "Σ_t max_w attempts ÷ Σ_t mean_w attempts (every tick lasts as long as its busiest thread); *requests*: activations",
    "asked of another owner ÷ spread. The split rows and the C reference also run in rounds, interleaved (a few C cascades,",
    "then as many runs of each split variant): *paired vs C* is the median over rounds of the time-per-tie ratio within",
    "the round, robust to other work starting or stopping on the machine; *rounds* lists each round's ratio with the",
    "1-minute load average when it started.",
    "",
    mdTable(["Consumers", "Workers", "Shared build (generation)", "Layout", "Thread start", "Split B/agent", "Ticks", "Parked/run", "Imbalance", "Requests", "Identical", "Paired vs C", "Rounds: vs C (load)"], rows,
      ["r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "l", "r", "l"]),
    "",
  ];
}

const quick = process.argv.includes("--quick");
const only = arg("--only");
const outDir = path.resolve(arg("--out") ?? (quick ? path.join(here, "out") : here));
const t0 = performance.now();
const machine = machineInfo();
const log = (s: string) => process.stderr.write(`${s}\n`);
log(`Circlecast bench (${quick ? "quick" : "full"}): ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

const results: Results = {
  mode: quick ? "quick" : "full",
  command: `npm run ${quick ? "bench:quick" : "bench"}${process.argv.slice(2).filter((a) => a !== "--quick").length ? ` -- ${process.argv.slice(2).filter((a) => a !== "--quick").join(" ")}` : ""}`,
  machine,
  modelVersion: MODEL_VERSION,
  scenario: { horizon: HORIZON, meanDegree: MEAN_DEGREE, example: standardScenarioInput(100_000) },
  durationMs: 0,
  loadAverageAtEnd: [],
  commitAtEnd: null,
};
// With --only, the other sections are carried over from the previous results.json in the same folder.
const previousFile = path.join(outDir, "results.json");
const previous: Partial<Results> = only && existsSync(previousFile) ? JSON.parse(readFileSync(previousFile, "utf8")) : {};
const wants = (part: string) => !only || only === part;
results.micro = wants("micro") ? await runMicro(quick, log) : previous.micro;
if (wants("scale")) {
  const sizes = arg("--sizes")?.split(",").map(Number);
  const replicates = arg("--replicates") ? Number(arg("--replicates")) : undefined;
  results.scale = runScale(quick, { sizes, replicates }, log);
} else results.scale = previous.scale;
results.peers = wants("peers") ? await runPeers(quick, log) : previous.peers;
results.durationMs = performance.now() - t0;
results.loadAverageAtEnd = os.loadavg();
results.commitAtEnd = commitInfo();

mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(outDir, "results.md"), markdown(results));
log(`wrote ${path.relative(process.cwd(), path.join(outDir, "results.md"))} and results.json in ${ms(results.durationMs)}`);
