/**
 * The `circlecast` command line. Exit codes: 0 success, 1 model/runtime error, 2 bad input.
 * User mistakes print readable messages on stderr, never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { EngineError, ScenarioError } from "../errors.ts";
import { simulate, type Simulation } from "../experiment/simulate.ts";
import { buildWorld } from "../core/world.ts";
import { compilePlan } from "../core/strategies/compile.ts";
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import { format, formatFromPath, formatTable, type Format } from "./format.ts";
import { libraryNames, readScenario, readScenarioSource } from "./load.ts";
import { simulateOnWorkers } from "./replicate-pool.ts";
import { PACKAGE_VERSION } from "./package-info.ts";
import { progressBar } from "./progress.ts";
import { Interrupted } from "./signals.ts";
import { checkSplittable } from "../split/replicates.ts";
import { simulateSplit } from "../split/node-threads.ts";
import { consumerCount } from "../../scenarios/schema/population.ts";
import { writeOutput } from "./files.ts";
import { printable, printableLine } from "../format/printable.ts";
import { checkCost, cpuTime, DEFAULT_MAX_WORK, describeCost, estimateCost } from "../experiment/cost.ts";
import { checkThreads, limitsOf, type LimitFlags } from "./limits.ts";
import { fitCommand } from "./fit.ts";
import type { SweepFlags } from "./commands/sweep.ts";
import type { OptimizeFlags } from "./commands/optimize.ts";
import type { CalibrateFlags } from "./commands/calibrate.ts";

// Commands that `run` and `compare` do not need are loaded when called. Their modules (the sweep,
// optimiser and calibration machinery, Parquet writing, the JSON Schema's field docs) were a quarter of
// the files every `circlecast` call loaded at start. Loaded so, they need mainAsync.
const sweepCommand = async (file: string, flags: SweepFlags) => (await import("./commands/sweep.ts")).sweepCommand(file, flags);
const mergeCommand = async (dirs: string[], flags: { out: string }) => (await import("./commands/merge.ts")).mergeCommand(dirs, flags);
const optimizeCommand = async (file: string, flags: OptimizeFlags) => (await import("./commands/optimize.ts")).optimizeCommand(file, flags);
const calibrateCommand = async (file: string, flags: CalibrateFlags) => (await import("./commands/calibrate.ts")).calibrateCommand(file, flags);
const posteriorCompare = async (...args: Parameters<typeof import("./commands/posterior-compare.ts").posteriorCompare>) =>
  (await import("./commands/posterior-compare.ts")).posteriorCompare(...args);

function intOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name}: got "${value}", expected an integer from ${min} to ${max}`);
    return n;
  };
}

/** A confidence level strictly between 0 and 1. */
function levelOption(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !(x > 0 && x < 1))
    throw new InvalidArgumentError(`--ci: got "${value}", expected a confidence level between 0 and 1 (e.g. 0.95)`);
  return x;
}

/** A positive number flag that may be written in exponent form (--max-work 1e13). */
function numberOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+(\.\d*)?(e\+?\d+)?\s*$/i.test(value) || !(n > 0) || !Number.isFinite(n))
      throw new InvalidArgumentError(`${name}: got "${value}", expected a positive number (such as 1e13)`);
    return n;
  };
}

/** The options that bound the work a command may start (engine/node/limits.ts). */
function limitOptions(c: Command): Command {
  return c
    .option("--max-work <n>", `refuse runs estimated above n agent-tick equivalents (default ${DEFAULT_MAX_WORK.toExponential(0).replace("e+", "e")}, ${cpuTime(DEFAULT_MAX_WORK)})`, numberOption("--max-work"))
    .option("--max-memory <GiB>", "refuse runs estimated to need more memory (default: this machine's memory)", numberOption("--max-memory"))
    .option("--oversubscribe", "allow more threads or workers than this machine has cores");
}

const formatOption = () =>
  new Option("-f, --format <format>", "output on stdout").choices(["table", "md", "csv", "json"]).default("table");

interface RunFlags extends LimitFlags {
  seed?: number;
  replicates?: number;
  format: Format;
  out?: string;
  threads?: number;
  workers?: number;
  ci?: number;
  bom?: boolean;
  posterior?: string;
  draws?: number;
}

/** run: per-tick series for files; compare: the side-by-side final values. */
function simulateCommand(series: boolean) {
  // Synchronous unless --threads (worker threads start asynchronously): main() sees the errors of a plain run.
  return (ref: string, flags: RunFlags): void | Promise<void> => {
    const { raw, scenario } = readScenarioSource(ref);
    if (flags.posterior !== undefined) {
      const workers = flags.workers ?? flags.threads;
      if (workers !== undefined) checkThreads(flags.workers !== undefined ? "--workers" : "--threads", workers, flags);
      const replicates = flags.replicates ?? Math.min(scenario.replicates, 10);
      checkCost(estimateCost(scenario, { replicates: replicates * (flags.draws ?? 50) }), limitsOf(flags), ref);
      return posteriorCompare(scenario, flags.posterior, { draws: flags.draws ?? 50, replicates, seed: flags.seed ?? scenario.seed, out: flags.out, workers });
    }
    if (flags.threads !== undefined) {
      checkSplittable(scenario, `--threads ${flags.threads}`);
      checkThreads("--threads", flags.threads, flags);
      if (flags.workers !== undefined) throw new ScenarioError([{ path: "--workers", message: "expected --threads or --workers, not both: --threads splits each run across threads, --workers spreads the replicates over workers", received: String(flags.workers) }], ref, "--threads and --workers together");
    }
    if (flags.workers !== undefined) checkThreads("--workers", flags.workers, flags);
    const cost = estimateCost(scenario, { replicates: flags.replicates });
    checkCost(cost, limitsOf(flags), ref);
    const bar = progressBar(`${scenario.name} (${cpuTime(cost.units)})`);
    const started = performance.now();
    const opts = { seed: flags.seed, replicates: flags.replicates, ci: flags.ci, onProgress: bar.update };
    const shown = { ci: flags.ci !== undefined };
    // Excel reads a CSV as UTF-8 (names in Chinese, say) only when it starts with a byte-order mark.
    const bom = (f: Format) => (flags.bom && f === "csv" ? "\uFEFF" : "");
    const write = (sim: Simulation): void => {
      bar.end();
      const took = `${sim.plans.length} plan(s) × ${sim.provenance.replicates} replicates in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (flags.out) {
        const f = formatFromPath(flags.out) ?? "csv";
        writeOutput(flags.out, bom(f) + format(sim, f, series, shown));
        process.stdout.write(formatTable(sim, shown) + `\nwrote ${flags.out} (${f}) · ${took}\n`);
      } else {
        process.stdout.write(bom(flags.format) + format(sim, flags.format, series, shown));
        if (process.stderr.isTTY) process.stderr.write(`${took}\n`);
      }
    };
    if (flags.threads !== undefined) return simulateSplit(scenario, flags.threads, opts).then(write);
    const workers = Math.min(flags.workers ?? 0, flags.replicates ?? scenario.replicates);
    if (workers > 0) return simulateOnWorkers(raw, scenario, workers, opts).then(write);
    write(simulate(scenario, opts));
  };
}

/** Most work validate spends on building a world to compile the plans on (≈ 20 s). */
const VALIDATE_WORLD_UNITS = 1e9;

/** Compile every plan on the first replicate's world: budgets and other plan errors surface as in a run. */
function checkPlans(s: Scenario): void {
  if (s.model.kind !== "social") return;
  const world = buildWorld(s, 0);
  s.plans.forEach((plan, p) => compilePlan(world, plan, p));
}

export function program(): Command {
  const cli = new Command("circlecast")
    .description("Deterministic simulation of word-of-mouth and content diffusion through circles")
    .version(PACKAGE_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });

  for (const name of ["run", "compare"] as const) {
    cli
      .command(`${name} <scenario>`)
      .description(
        name === "run"
          ? "run a scenario (file or library:NAME); print a summary, write the per-tick series with --out"
          : "run every plan of a scenario on the same worlds and print them side by side",
      )
      .option("-s, --seed <n>", "master seed (overrides the scenario's)", intOption("--seed", 0, 2 ** 32 - 1))
      .option("-r, --replicates <n>", "replicates (overrides the scenario's)", intOption("--replicates", 1, 100_000))
      .addOption(formatOption())
      .option("-o, --out <file>", name === "run" ? "write the full output (.csv per-tick series, .json everything, .md table)" : "write the comparison (.csv final values per plan, .json everything, .md tables)")
      .option("--bom", "start CSV output with a byte-order mark, so that Excel reads non-Latin names")
      .option("--ci <level>", "confidence level of each mean's interval (default 0.95); tables then show it instead of p5–p95", levelOption)
      .option("-t, --threads <n>", 'split each run across n threads (model.kind "social" or "ic"; the output is identical to the unsplit run)', intOption("--threads", 1, 256))
      .option("-w, --workers <n>", "spread the replicates over n worker threads, identical output (default 0: this thread); each worker compiles the engine anew, so it pays for long runs with cores to spare", intOption("--workers", 0, 1024))
      .action(simulateCommand(name === "run"));
    if (name === "compare")
      cli.commands[cli.commands.length - 1]
        .option("--posterior <dir>", "forecast every plan over a calibration's posterior (circlecast calibrate --out DIR): p5–p95 include the parameters' uncertainty")
        .option("--draws <n>", "posterior draws with --posterior (default 50), each run for --replicates (default the scenario's, at most 10), on --workers workers (default one per core)", intOption("--draws", 1, 100_000));
    limitOptions(cli.commands[cli.commands.length - 1]);
  }

  cli
    .command("validate <scenario>")
    .description("check a scenario file and explain every problem")
    .action((ref: string) => {
      const s = readScenario(ref);
      // Plans compile on a built world: skipped (and said) when building one is itself a long job.
      const world = estimateCost(s, { replicates: 1, plans: [] });
      const compiled = world.units <= VALIDATE_WORLD_UNITS;
      if (compiled) checkPlans(s);
      const agents = consumerCount(s.population);
      process.stdout.write(`ok: ${printableLine(s.name)} — ${s.population.circles.length} circle(s), ${agents} consumers, ${s.plans.length} plan(s), model ${s.model.kind}\n`);
      process.stdout.write(`cost: ${describeCost(estimateCost(s))}\n`);
      if (!compiled) process.stdout.write(`plans not compiled: building a world takes ${cpuTime(world.units)}; run or compare compiles them\n`);
    });

  cli
    .command("fit <network>")
    .description("fit the circle generator to a network file; compare it with its synthetic twin; --out writes the scenario fragment")
    .addOption(new Option("--format <format>", "network file format").choices(["auto", "edgelist", "gexf", "graphml", "gml", "twitter-tree"]).default("auto"))
    .option("--directed", "ties have a direction (edge lists: \"u v\" means v hears from u)")
    .option("--reverse", "\"u v\" means u hears from v (follower lists, retweets)")
    .option("--header", "skip the first line of an edge list")
    .option("--circles <source>", "detect | none | attribute:NAME | a circle file (SNAP .circles or a node table: id, circle)", "detect")
    .addOption(new Option("--circles-format <format>", "circle file format").choices(["auto", "snap-circles", "table"]).default("auto"))
    .option("--resolution <r>", "Louvain resolution (with --circles detect)", (v: string) => {
      const r = Number(v);
      if (!(r > 0 && r <= 100)) throw new InvalidArgumentError(`--resolution: got "${v}", expected a number in (0, 100]`);
      return r;
    })
    .option("-s, --seed <n>", "seed of circle detection and of the twin", intOption("--seed", 0, 2 ** 32 - 1), 1)
    .option("--no-calibrate", "keep the maximum-likelihood fit (no correction by simulation)")
    .option("--pareto", "Pareto degree propensities from the fitted exponent instead of each circle's degree distribution")
    .option("--no-closure", "no triadic closure (do not calibrate it to the clustering)")
    .option("--json", "print the report, fit and comparison as JSON")
    .option("-o, --out <file>", "write the scenario fragment (JSON)")
    .action(fitCommand);

  cli
    .command("schema")
    .description("print the JSON Schema of scenario files")
    .action(async () => {
      process.stdout.write((await import("../../scenarios/json-schema.ts")).scenarioJsonSchemaText());
    });

  cli
    .command("sweep <sweep>")
    .description("run a sweep file (points × replicates) on a worker pool; resumable, shardable (docs/sweeps.md)")
    .option("-o, --out <dir>", "output folder: manifest, runs.csv, runs.parquet, runs.jsonl journal (a shard writes DIR/shard-i-of-n)")
    .option("-w, --workers <n>", "worker threads (default: one per core; 0 runs in this thread)", intOption("--workers", 0, 1024))
    .option("--shard <i/n>", "run shard i of n (from 0); also read from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
    .option("--shard-count <n>", "number of shards, for JOB_COMPLETION_INDEX (or set CIRCLECAST_SHARD_COUNT)", intOption("--shard-count", 1, 1_000_000))
    .option("--dry-run", "check the sweep file and print its size; run nothing")
    .option("--repair", "set damaged journal lines aside (in runs.jsonl.damaged) and run their runs again")
    .action(sweepCommand);
  limitOptions(cli.commands[cli.commands.length - 1]);

  cli
    .command("optimize <file>")
    .description("search a plan's levers for the best objective on a worker pool; resumable (docs/optimize.md)")
    .option("-o, --out <dir>", "output folder: best.json (for compare), frontier.csv/.parquet, result.json, journal.jsonl")
    .option("-w, --workers <n>", "worker threads (default: one per core; 0 runs in this thread)", intOption("--workers", 0, 1024))
    .option("--dry-run", "check the optimisation file; run nothing")
    .action(optimizeCommand);

  cli
    .command("calibrate <calibration>")
    .description("fit a scenario's parameters to a past campaign's CSV export by ABC-SMC; resumable (docs/calibration.md)")
    .option("-o, --out <dir>", "output folder: manifest, posterior.csv/.parquet, generations.csv, predictive.csv, simulations.jsonl journal")
    .option("-w, --workers <n>", "worker threads (default: one per core; 0 runs in this thread)", intOption("--workers", 0, 1024))
    .option("--dry-run", "check the calibration file, its scenario and its CSV; print the statistics and the cost; run nothing")
    .option("--shard <i/n>", "run shard i of n (from 0) of every batch; n processes sharing --out give one run's files (shard 0 writes them); also read from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
    .option("--shard-count <n>", "number of shards, for JOB_COMPLETION_INDEX (or set CIRCLECAST_SHARD_COUNT)", intOption("--shard-count", 1, 1_000_000))
    .action(calibrateCommand);
  limitOptions(cli.commands[cli.commands.length - 1]);

  cli
    .command("merge <dirs...>")
    .description("combine shard folders into the output of an unsharded sweep")
    .requiredOption("-o, --out <dir>", "output folder")
    .action(mergeCommand);

  cli
    .command("list")
    .description("list the built-in scenarios (run one with library:NAME)")
    .action(() => {
      for (const name of libraryNames()) {
        const s = readScenario(`library:${name}`);
        process.stdout.write(`${name.padEnd(24)} ${s.title ?? s.name}\n`);
      }
    });
  return cli;
}

/** Run the CLI on argv; returns the exit code instead of exiting (tests call this). Commands loaded when called (schema, sweep, merge, optimize, calibrate, compare --posterior) and those that run workers need mainAsync. */
export function main(argv: string[]): number {
  try {
    program().parse(argv, { from: "user" });
    return 0;
  } catch (e) {
    return exitCode(e);
  }
}

/** Run the CLI on argv, awaiting asynchronous commands; returns the exit code. */
export async function mainAsync(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    return exitCode(e);
  }
}

/** Print an error the way the CLI reports it and return its exit code. */
function exitCode(e: unknown): number {
  // Messages may quote names from the scenario: escape codes in them are shown, not obeyed.
  const say = (text: string) => process.stderr.write(`circlecast: ${printable(text)}\n`);
  if (e instanceof Interrupted) {
    say(e.message);
    return e.exitCode;
  }
  if (e instanceof CommanderError) {
    if (e.exitCode === 0) return 0; // --help, --version
    return 2; // commander already printed the message
  }
  if (e instanceof ScenarioError) {
    say(e.message);
    return 2;
  }
  if (e instanceof EngineError) {
    say(e.message);
    return 1;
  }
  say(`internal error: ${(e as Error).message}`);
  if (process.env.CIRCLECAST_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  return 1;
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly || process.argv[1]?.endsWith("circlecast") || process.argv[1]?.endsWith("circlecast.js")) {
  // A reader that stops early (`circlecast schema | head`) closes the pipe: stop quietly, as Unix tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(0);
  });
  void mainAsync(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
