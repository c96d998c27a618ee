/**
 * The sweep file (docs/sweeps.md): a base scenario, parameters addressed by path, a design that
 * expands them into points, replicates per point and a master seed. Rules that need the base
 * scenario (paths exist, values are valid there) are checked by engine/experiment/sweep.ts.
 */
import { z } from "zod";
import { FORBIDDEN_KEYS, NonNegativeInt, PositiveInt } from "./common.ts";

/** Largest number of runs (points × replicates) one sweep may hold. */
export const MAX_SWEEP_RUNS = 10_000_000;
/** Saltelli sampling uses 2k Sobol dimensions; the bundled direction numbers cover 32. */
export const MAX_SOBOL_PARAMETERS = 16;

export const Parameter = z
  .strictObject({
    /** Where the value goes: one path, or several that always take the same value. */
    path: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Column name in the outputs and key in the seed hash (default: the path, or the first path). */
    name: z
      .string()
      .min(1)
      .refine((n) => !FORBIDDEN_KEYS.has(n), { message: `expected a name other than ${[...FORBIDDEN_KEYS].join(", ")}` })
      .optional(),
    /** The values to take (any JSON value): every one in a grid, one drawn uniformly otherwise. */
    values: z.array(z.json()).min(1).optional(),
    /** A numeric range instead of a list: sampled uniformly, or `steps` evenly spaced values in a grid. */
    min: z.number().optional(),
    max: z.number().optional(),
    steps: z.number().int().min(2).max(MAX_SWEEP_RUNS).optional(),
    /** Sample whole numbers in [min, max]. */
    integer: z.boolean().default(false),
    /** Sample (or space grid steps) uniformly in log(value): for rates and sizes spanning decades. */
    log: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string, input?: unknown) => ctx.addIssue({ code: "custom", path: [path], message, input });
    const range = p.min !== undefined || p.max !== undefined;
    if (p.values && range) issue("values", "expected either values or min/max, not both", p.values);
    if (!p.values && !range) issue("values", "expected values, or min and max", p.values);
    if (range) {
      if (p.min === undefined) issue("min", "expected a number (the range needs both min and max)", p.min);
      if (p.max === undefined) issue("max", "expected a number (the range needs both min and max)", p.max);
      if (p.min !== undefined && p.max !== undefined && !(p.min < p.max)) issue("max", `expected a number > min (${p.min})`, p.max);
      if (p.log && p.min !== undefined && !(p.min > 0)) issue("min", "expected a number > 0 on a log scale", p.min);
      if (p.integer && p.min !== undefined && !Number.isInteger(p.min)) issue("min", "expected an integer (integer: true)", p.min);
      if (p.integer && p.max !== undefined && !Number.isInteger(p.max)) issue("max", "expected an integer (integer: true)", p.max);
    }
    if (p.integer && p.log) issue("log", "expected integer or log, not both", p.log);
    if (p.steps !== undefined && !range) issue("steps", "expected steps only with min and max", p.steps);
  });
export type Parameter = z.infer<typeof Parameter>;

export const Design = z.discriminatedUnion("kind", [
  /** Every combination of the parameters' values; the first parameter varies slowest. */
  z.strictObject({ kind: z.literal("grid") }),
  /** Independent uniform draws. */
  z.strictObject({ kind: z.literal("random"), points: PositiveInt }),
  /** Latin hypercube: each parameter's range cut into `points` strata, each stratum used once. */
  z.strictObject({ kind: z.literal("lhs"), points: PositiveInt }),
  /** Saltelli sampling for Sobol indices: samples × (parameters + 2) points. */
  z.strictObject({
    kind: z.literal("sobol"),
    samples: PositiveInt,
    /** Bootstrap resamples for the confidence intervals of the indices. */
    bootstrap: NonNegativeInt.max(100_000).default(1000),
  }),
]);
export type Design = z.infer<typeof Design>;

export const PerTick = z.strictObject({
  /** Keep every `every`-th tick (and always the last). */
  every: PositiveInt.default(1),
  /** Metrics to keep (default: the sweep's outputs, or every metric). */
  metrics: z.array(z.string().min(1)).min(1).optional(),
});

export const Sweep = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    /** The scenario every point starts from: inline, a path relative to the sweep file, or `library:NAME`. */
    base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    parameters: z.array(Parameter).min(1),
    design: Design,
    /** Runs per point, each on its own world. */
    replicates: PositiveInt.default(1),
    /** Master seed: every run's seed is derived from it, the point's values and the replicate. */
    seed: NonNegativeInt.max(2 ** 32 - 1).default(1),
    /**
     * "per-point": each point draws its own worlds and events (its seed hashes its values). "common":
     * every point runs on the same worlds with the same draws (common random numbers: the master seed is
     * every point's seed), so differences between points are the parameters' alone, and points that
     * vary only plan, product or dynamics parameters build each world once per worker.
     */
    randomNumbers: z.enum(["per-point", "common"]).default("per-point"),
    /** Plans to run (default: all the base scenario's plans). */
    plans: z.array(z.string().min(1)).min(1).optional(),
    /** Final metrics written per run (default: all of them). */
    outputs: z.array(z.string().min(1)).min(1).optional(),
    /** Also write per-tick values (true: every tick of the outputs). */
    perTick: z.union([z.boolean(), PerTick]).default(false),
  })
  .superRefine((s, ctx) => {
    const names = s.parameters.map((p) => parameterName(p));
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({ code: "custom", path: ["parameters", i, "name"], message: `expected a unique parameter name ("${n}" is used by parameters[${names.indexOf(n)}])`, input: n });
    });
    const d = s.design;
    if (d.kind === "grid")
      s.parameters.forEach((p, i) => {
        if (!p.values && p.steps === undefined)
          ctx.addIssue({ code: "custom", path: ["parameters", i, "steps"], message: "expected steps (a grid needs values, or min, max and steps)", input: p.steps });
      });
    if (d.kind === "sobol" && s.parameters.length > MAX_SOBOL_PARAMETERS)
      ctx.addIssue({ code: "custom", path: ["parameters"], message: `expected at most ${MAX_SOBOL_PARAMETERS} parameters in a sobol design`, input: s.parameters.length });
    if (d.kind !== "grid")
      s.parameters.forEach((p, i) => {
        if (p.steps !== undefined)
          ctx.addIssue({ code: "custom", path: ["parameters", i, "steps"], message: `expected no steps in a ${d.kind} design (steps are for grids)`, input: p.steps });
      });
  });
export type Sweep = z.infer<typeof Sweep>;
export type SweepInput = z.input<typeof Sweep>;

/** A parameter's column name: its `name`, else its (first) path. */
export function parameterName(p: Pick<Parameter, "name" | "path">): string {
  return p.name ?? (Array.isArray(p.path) ? p.path[0] : p.path);
}
