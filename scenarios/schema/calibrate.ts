/**
 * The calibration file (docs/calibration.md): the scenario that reproduces a past campaign, the
 * campaign's CSV export and how its columns map to the engine's metrics, the parameters to fit (by
 * the same paths as sweeps) with their priors, the summary statistics and distance, the ABC-SMC
 * budget and a seed. Rules that need the scenario or the CSV (paths exist, plans and metrics are
 * real, rows parse) are checked by engine/experiment/calibrate-prepare.ts and observed.ts.
 */
import { z } from "zod";
import { FORBIDDEN_KEYS, NonNegativeInt, PositiveInt } from "./common.ts";

const Name = z
  .string()
  .min(1)
  .refine((n) => !FORBIDDEN_KEYS.has(n), { message: `expected a name other than ${[...FORBIDDEN_KEYS].join(", ")}` });

/** Prior distributions of a fitted parameter. */
export const Prior = z.discriminatedUnion("kind", [
  /** Uniform on [min, max]. */
  z.strictObject({ kind: z.literal("uniform"), min: z.number(), max: z.number() }),
  /** Uniform in log(value) on [min, max] (min > 0): rates and sizes spanning decades; perturbed on the log scale. */
  z.strictObject({ kind: z.literal("log-uniform"), min: z.number().positive(), max: z.number() }),
  /** Beta(alpha, beta) stretched onto [min, max] (default [0, 1]): probabilities and shares. */
  z.strictObject({ kind: z.literal("beta"), alpha: z.number().positive(), beta: z.number().positive(), min: z.number().default(0), max: z.number().default(1) }),
  /** Normal(mean, sd) truncated to [min, max]. */
  z.strictObject({ kind: z.literal("normal"), mean: z.number(), sd: z.number().positive(), min: z.number(), max: z.number() }),
]);
export type Prior = z.infer<typeof Prior>;

export const FitParameter = z
  .strictObject({
    /** Where the value goes (sweep paths: `circles[*].fatigueRate`, `dynamics.persuasion`); several paths take the same value. */
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Column name in the outputs (default: the (first) path). */
    name: Name.optional(),
    prior: Prior,
    /** Round the value to a whole number when it is set (counts such as touchesToConvert.min). */
    integer: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (!(p.prior.min < p.prior.max)) ctx.addIssue({ code: "custom", path: ["prior", "max"], message: `expected a number > min (${p.prior.min})`, input: p.prior.max });
  });
export type FitParameter = z.infer<typeof FitParameter>;

/** Engine metrics that observed columns may name: any per-tick series of the plan, or revenue (purchases × product price). */
export const ObservedMetric = z.strictObject({
  /** The CSV column. */
  column: z.string().min(1),
  /** The engine's per-tick metric it measures (`purchases`, `reach`, `realImpressions`, `spend`, `shares`, `revenue`, …). */
  metric: z.string().min(1),
  /**
   * The column is this metric of one circle of the scenario (by name) rather than of the whole
   * campaign: then `metric` is a per-circle metric (`reach`, `customers`), for planners with
   * per-segment numbers who fit per-circle parameters.
   */
  circle: z.string().min(1).optional(),
  /** "daily": the row's value is what happened that day (summed over days within a tick); "cumulative": the running total to date. */
  values: z.enum(["daily", "cumulative"]).default("daily"),
  /** Leave out of the distance (loaded and shown in the predictive check only). */
  fit: z.boolean().default(true),
});

export const Observed = z.strictObject({
  /** The CSV export: a path relative to the calibration file. */
  file: z.string().min(1),
  /** The time column: ISO dates (YYYY-MM-DD, tick = days since `start` / tickDays) or tick numbers. */
  time: z.strictObject({
    column: z.string().min(1),
    kind: z.enum(["date", "tick"]).default("date"),
    /** The date of tick 0 (default: the earliest date in the file). */
    start: z.iso.date().optional(),
  }),
  /**
   * A channel column and what each channel value is in the scenario: a plan (rows of channels mapped to
   * the same plan are summed). Without it every row is the plan named by `plan`.
   */
  channel: z.strictObject({ column: z.string().min(1), plans: z.record(z.string(), z.string().min(1)) }).optional(),
  /** The plan the rows are (without a channel column; default the scenario's first plan). */
  plan: z.string().min(1).optional(),
  metrics: z.array(ObservedMetric).min(1),
});
export type Observed = z.infer<typeof Observed>;

export const Summaries = z.strictObject({
  /** Each statistic is a metric's increase over a window of this many ticks (7: weekly totals). */
  window: PositiveInt.default(7),
  /** Variance-stabilising transform of each window's total before scaling ("sqrt" suits counts). */
  transform: z.enum(["none", "sqrt"]).default("sqrt"),
  /**
   * Scale of each statistic: its median absolute deviation over generation 0's simulations (the prior
   * predictive: "mad"), over the previous generation's simulations, accepted or not ("adaptive", Prangle
   * 2017: statistics that still discriminate near the posterior keep their weight), or none.
   */
  scale: z.enum(["mad", "adaptive", "none"]).default("mad"),
});

export const Abc = z.strictObject({
  /** Accepted particles per generation. */
  particles: PositiveInt.max(100_000).default(200),
  /** Generations after the prior's (generation 0). */
  generations: PositiveInt.max(1000).default(8),
  /** Each generation's tolerance: this weighted quantile of the previous population's distances (Del Moral et al. 2012). */
  quantile: z.number().gt(0).lt(1).default(0.5),
  /** Stop when a generation accepts fewer than this share of its proposals. */
  minAcceptance: z.number().gt(0).lt(1).default(0.02),
  /** Most simulations in all (the predictive check's not included). */
  maxSimulations: PositiveInt.max(100_000_000).default(20_000),
  /** Simulations from the posterior for the predictive check (0: none). */
  predictive: NonNegativeInt.max(100_000).default(100),
  /**
   * Early rejection by a nearest-neighbour emulator (a history-matching screen): from generation 2 on,
   * a proposal whose `neighbours` nearest simulated parameter sets (in the perturbation kernel's metric)
   * all lie beyond `margin` × the tolerance is rejected without being simulated. Off unless given.
   */
  screen: z
    .strictObject({
      /** Simulated parameter sets consulted per proposal. */
      neighbours: PositiveInt.max(100).default(8),
      /** A neighbour closer than this multiple of the tolerance lets the proposal be simulated. */
      margin: z.number().gt(1).max(100).default(1.5),
    })
    .optional(),
});

export const Calibration = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    /** The scenario that reproduces the campaign: inline, a path relative to this file, or `library:NAME`. */
    scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    observed: Observed,
    parameters: z.array(FitParameter).min(1).max(32),
    summaries: Summaries.default({ window: 7, transform: "sqrt", scale: "mad" }),
    /** Distance between scaled statistics: root mean square ("euclidean") or mean absolute ("manhattan"). */
    distance: z.enum(["euclidean", "manhattan"]).default("euclidean"),
    abc: Abc.default({ particles: 200, generations: 8, quantile: 0.5, minAcceptance: 0.02, maxSimulations: 20_000, predictive: 100 }),
    /**
     * "per-particle": every simulation draws its own world and events; "common": all particles run on
     * the same worlds and draws (common random numbers: less noise between particles, but the posterior
     * is then conditioned on one realisation of chance).
     */
    randomNumbers: z.enum(["per-particle", "common"]).default("per-particle"),
    seed: NonNegativeInt.max(2 ** 32 - 1).default(1),
  })
  .superRefine((c, ctx) => {
    const names = c.parameters.map(fitParameterName);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: ["parameters", i, "name"], message: `expected a unique parameter name ("${n}" is used by parameters[${names.indexOf(n)}])`, input: n });
    });
    if (c.observed.channel && c.observed.plan !== undefined)
      ctx.addIssue({ code: "custom", path: ["observed", "plan"], message: "expected either a channel column or one plan, not both", input: c.observed.plan });
    if (!c.observed.metrics.some((m) => m.fit)) ctx.addIssue({ code: "custom", path: ["observed", "metrics"], message: "expected at least one metric with fit: true" });
  });
export type Calibration = z.infer<typeof Calibration>;
export type CalibrationInput = z.input<typeof Calibration>;

export function fitParameterName(p: Pick<FitParameter, "name" | "path">): string {
  return p.name ?? (Array.isArray(p.path) ? p.path[0] : p.path);
}
