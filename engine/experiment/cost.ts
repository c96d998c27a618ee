/**
 * The cost of a simulation, estimated from the scenario before anything is built or allocated
 * (docs/limits.md): agents × ticks × plans × replicates, ties drawn per
 * replicate's world, and the per-event draws whose counts a scenario sets directly (ad impressions,
 * club recruits). Work is counted in agent-tick equivalents; the weights are measured ratios on the
 * 2-core reference machine (a tie built ≈ 30 agent-ticks, a block of a circles network's mixing
 * matrix ≈ 100, an ad impression ≈ 10, a recruit ≈ 5).
 * Above a limit, callers refuse with the estimate and the flag that raises it.
 */
import type { Scenario } from "../../scenarios/schema/scenario.ts";
import type { BaseStrategy, Strategy } from "../../scenarios/schema/strategies.ts";
import type { Plan } from "../../scenarios/schema/plans.ts";
import { networkSize } from "../../scenarios/schema/network.ts";
import { consumerCount } from "../../scenarios/schema/population.ts";
import { lastTick, type Schedule } from "../../scenarios/schema/common.ts";
import { ScenarioError } from "../errors.ts";
import { kernelExtraBytes } from "../core/models/delivery-kernel.ts";
import type { ScenarioIssue } from "../../scenarios/issues.ts";

const TIE_UNITS = 30;
/** A block of a circles network's C × C mixing matrix: its own random stream, twice (≈ 1 µs). */
const BLOCK_UNITS = 100;
const IMPRESSION_UNITS = 10;
const RECRUIT_UNITS = 5;
/** Agent-tick equivalents per second of one core (≈ 11 ns each, measured on a loaded 2-core machine: rounded down). */
export const UNITS_PER_SECOND = 5e7;
/** Default work limit: 10^12 agent-tick equivalents, about 5.6 CPU-hours. */
export const DEFAULT_MAX_WORK = 1e12;
/** Engine state per agent and per tie (bench/results.md), and per C × C mixing entry of a circles network. */
const BYTES_PER_AGENT = 57;
const BYTES_PER_TIE = 5; // target (Int32) and weight class (byte); a run's wasm deliveries copy the ties where they fit (kernelExtraBytes)
/** Per-tick series kept per plan and replicate: about 16 scalar metrics and 3 per circle, as doubles. */
const SERIES_METRICS = 16;
const CIRCLE_METRICS = 3;

export interface Cost {
  /** Consumers and accounts of one world. */
  agents: number;
  /** Directed ties of one world (expected). */
  ties: number;
  ticks: number;
  plans: number;
  replicates: number;
  /** Ad impressions and club recruits per replicate, all plans together. */
  draws: number;
  /** Work in agent-tick equivalents. */
  units: number;
  /** Peak memory: one world, plus the per-tick results kept for every replicate. */
  bytes: number;
  /** A sweep: its runs (each one replicate of a point; `replicates` is then the runs too). */
  runs?: number;
}

export interface CostOptions {
  replicates?: number;
  /** Plans that run (default: all). */
  plans?: readonly string[];
}

const count = (s: Schedule) => (typeof s === "number" ? 1 : (s.count ?? 1));

/** Draws of one strategy per run, in agent-tick equivalents (the other strategies' work is per agent and tick). */
function strategyDraws(s: Strategy | BaseStrategy, horizon: number, consumers: number): number {
  switch (s.type) {
    case "repeatCase":
      return s.waves * strategyDraws(s.strategy, horizon, consumers);
    case "socialAds":
      return (s.budget / s.cpm) * 1000 * IMPRESSION_UNITS;
    case "creativeContent":
      return s.promotion ? s.pieces * s.promotion.impressions * IMPRESSION_UNITS : 0;
    case "fanManagement": {
      // Members in all, as the compiler counts them (strategies/fans.ts); each takes up to 4 draws.
      const events = Math.ceil(Math.min(s.duration, horizon + 1) / s.eventsEvery);
      const members = s.budget === undefined || s.costPerRecruit === 0 ? s.recruitPerEvent * events : Math.max(0, s.budget - events * s.costPerEvent) / s.costPerRecruit;
      return Math.min(members, consumers) * 4 * RECRUIT_UNITS;
    }
    default:
      return 0;
  }
}

function planDraws(p: Plan, horizon: number, consumers: number): number {
  let d = 0;
  for (const a of p.actions) if (a.type === "ads" && lastTick(a.at) <= horizon) d += a.impressions * count(a.at) * IMPRESSION_UNITS;
  for (const s of p.strategies) d += strategyDraws(s, horizon, consumers);
  return d;
}

/** The cost of simulating `s` (all its replicates and plans unless told otherwise), from its parameters alone. */
export function estimateCost(s: Scenario, o: CostOptions = {}): Cost {
  const { agents, ties } = networkSize(s.population.circles, s.network);
  const C = s.population.circles.length;
  const mixing = s.network.kind === "circles" ? C * C : 0;
  const plans = s.model.kind === "social" ? s.plans.filter((p) => !o.plans || o.plans.includes(p.name)) : [s.plans[0]];
  const replicates = o.replicates ?? s.replicates;
  const ticks = s.horizon + 1;
  const draws = s.model.kind === "social" ? plans.reduce((a, p) => a + planDraws(p, s.horizon, consumerCount(s.population)), 0) : 0;
  const perWorld = ties * TIE_UNITS + mixing * BLOCK_UNITS + plans.length * agents * ticks + draws;
  const series = plans.length * (SERIES_METRICS + CIRCLE_METRICS * C) * ticks * 8;
  return {
    agents, ties, ticks, plans: plans.length, replicates, draws,
    units: replicates * perWorld,
    bytes: agents * BYTES_PER_AGENT + ties * BYTES_PER_TIE + kernelExtraBytes(agents, ties) + mixing * 8 + replicates * series,
  };
}

/** Work limits: agent-tick equivalents and bytes, each with the flag that raises it. */
export interface Limits {
  work: number;
  memory: number;
}

const sci = (x: number) => (x < 1e6 ? String(Math.round(x)) : x.toExponential(1).replace("e+", "e"));
const MIB = 1 << 20, GIB = 1 << 30;
const bytes = (b: number) => (b < GIB ? `${Math.max(1, Math.round(b / MIB))} MiB` : `${(b / GIB).toFixed(1)} GiB`);

/** "≈ 3 CPU-minutes", "≈ 10 CPU-years": seconds of one core, in the largest fitting unit. */
export function cpuTime(units: number): string {
  const s = units / UNITS_PER_SECOND;
  const steps: [number, string][] = [[365.25 * 86400, "year"], [86400, "day"], [3600, "hour"], [60, "minute"], [1, "second"]];
  for (const [size, name] of steps)
    if (s >= size) {
      const v = s / size;
      return `≈ ${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en-US")} CPU-${name}${v >= 1.05 ? "s" : ""}`;
    }
  return "under a CPU-second";
}

/** One line: what the estimate is made of, the work and the memory. */
export function describeCost(c: Cost): string {
  const draws = c.draws > 0 ? `, ${sci(c.draws)} draws (impressions, recruits)` : "";
  const times = c.runs !== undefined ? `${sci(c.runs)} run(s)` : `${sci(c.replicates)} replicate(s)`;
  return `${sci(c.agents)} agents × ${sci(c.ticks)} ticks × ${c.plans} plan(s) × ${times}, ${sci(c.ties)} ties${draws}: ` +
    `about ${sci(c.units)} agent-tick equivalents (${cpuTime(c.units)}), ≈ ${bytes(c.bytes)} of memory`;
}

/** The problems of a cost above the limits, each naming the command-line flag that raises its limit. */
export function costIssues(c: Cost, limits: Limits): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (c.units > limits.work)
    issues.push({ path: "--max-work", message: `expected at most ${sci(limits.work)} agent-tick equivalents (${cpuTime(limits.work)}); this needs ${describeCost(c)}. Reduce it, or raise the limit with --max-work ${sci(c.units * 1.01)}` });
  if (c.bytes > limits.memory)
    issues.push({ path: "--max-memory", message: `expected at most ${bytes(limits.memory)} of memory; this needs ${describeCost(c)}. Reduce it, or raise the limit with --max-memory ${Math.ceil(c.bytes / GIB)} (GiB)` });
  return issues;
}

/** Refuse work above the limits (exit 2): the message gives the estimate and the flag that raises it. */
export function checkCost(c: Cost, limits: Limits, source: string): void {
  const issues = costIssues(c, limits);
  if (issues.length) throw new ScenarioError(issues, source, `${source} is too large to start`);
}

/** A sweep run's fixed work beside the simulation (parse, compile, messages: ≈ 2 ms), and a point's check (a parse). */
const RUN_UNITS = 1e5;
const POINT_UNITS = 2e4;
/** Memory of one run's final metrics kept until the data files are written (plans × metrics × ~24 bytes). */
const RECORD_BYTES = 24 * SERIES_METRICS;

/**
 * The cost of a sweep: `runs` runs of one replicate each, every one at most as costly as `worst`
 * (the base scenario with each parameter at its costliest value), plus each point's check.
 */
export function sweepCost(worst: Cost, points: number, runs: number, perTickValues: number): Cost {
  return {
    ...worst,
    replicates: runs,
    runs,
    draws: worst.draws,
    units: runs * (worst.units + RUN_UNITS) + points * POINT_UNITS,
    bytes: worst.bytes + runs * worst.plans * (RECORD_BYTES + perTickValues * 8),
  };
}
