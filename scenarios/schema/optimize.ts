/**
 * The optimisation file (docs/optimize.md): a scenario, one of its plans, decision variables addressed
 * by path (the sweep's paths, docs/sweeps.md) with bounds, whole-number and choice types, budget
 * shares that always add up to a total, an objective with its risk attitude, and an evaluation budget.
 * Rules that need the scenario (paths exist and lie in the plan, values are valid) are checked by
 * engine/experiment/optimize-file.ts.
 */
import { z } from "zod";
import { FORBIDDEN_KEYS, NonNegative, NonNegativeInt, PositiveInt } from "./common.ts";

const Name = z
  .string()
  .min(1)
  .refine((n) => !FORBIDDEN_KEYS.has(n), { message: `expected a name other than ${[...FORBIDDEN_KEYS].join(", ")}` });

/** A number in [min, max] (whole with `integer`), or one of `values`. */
export const Variable = z
  .strictObject({
    path: z.string().min(1),
    /** Column name in the outputs (default: the path). */
    name: Name.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().default(false),
    /** A choice among these values (any JSON) instead of a range. */
    values: z.array(z.json()).min(2).optional(),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string, input?: unknown) => ctx.addIssue({ code: "custom", path: [path], message, input });
    const range = v.min !== undefined || v.max !== undefined;
    if (v.values && range) issue("values", "expected either values or min/max, not both", v.values);
    if (!v.values && !range) issue("values", "expected values, or min and max", v.values);
    if (range) {
      if (v.min === undefined) issue("min", "expected a number (the range needs both min and max)", v.min);
      if (v.max === undefined) issue("max", "expected a number (the range needs both min and max)", v.max);
      if (v.min !== undefined && v.max !== undefined && !(v.min < v.max)) issue("max", `expected a number > min (${v.min})`, v.max);
      if (v.integer && v.min !== undefined && !Number.isInteger(v.min)) issue("min", "expected an integer (integer: true)", v.min);
      if (v.integer && v.max !== undefined && !Number.isInteger(v.max)) issue("max", "expected an integer (integer: true)", v.max);
    }
    if (v.values && v.integer) issue("integer", "expected integer only with min and max", v.integer);
  });
export type Variable = z.infer<typeof Variable>;

/** Budgets at these paths that split `total` between them (whole units of money, adding up exactly). */
export const Shares = z.strictObject({
  name: Name,
  shares: z.array(z.string().min(1)).min(2),
  /** What the shares add up to (default: the plan's budget). */
  total: NonNegative.optional(),
  /** Smallest share each path gets, as a fraction of the total. */
  minShare: z.number().min(0).max(0.5).default(0),
});
export type Shares = z.infer<typeof Shares>;

export const Objective = z.strictObject({
  /** conversions (customers), revenue, roi, reach, or any final metric a run of the plan reports. */
  metric: z.string().min(1),
  /** With reach or customers: count only this circle's consumers. */
  circle: z.string().min(1).optional(),
  /** mean; p10 (the 10th percentile across replicates); meanMinusSd (mean − lambda · sd). */
  risk: z.enum(["mean", "p10", "meanMinusSd"]).default("mean"),
  lambda: NonNegative.default(1),
});
export type Objective = z.infer<typeof Objective>;

export const Optimization = z.strictObject({
  $schema: z.string().optional(),
  name: Name,
  description: z.string().optional(),
  /** The scenario: inline, a path relative to this file, or `library:NAME`. */
  scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  /** The plan to optimise (default: the scenario's first). Every variable lies in it. */
  plan: z.string().min(1).optional(),
  variables: z.array(z.union([Shares, Variable])).min(1).max(64),
  objective: Objective,
  /** Distinct plans evaluated by the search (each on `replicates` worlds). */
  evaluations: PositiveInt.max(100_000).default(120),
  /** Replicates per plan during the search: the same worlds for every plan (common random numbers). */
  replicates: PositiveInt.max(10_000).default(8),
  /** The leaders re-evaluated on more worlds before a winner is declared. */
  confirm: z.strictObject({ top: z.number().int().min(2).max(50).default(4), replicates: PositiveInt.max(10_000).default(32) }).prefault({}),
  /** Candidates per generation of the search (default: 4 + ⌊3 ln d⌋ for d search coordinates). */
  population: z.number().int().min(2).max(1000).optional(),
  /** The search's seed; the worlds are the scenario's (its seed). */
  seed: NonNegativeInt.max(2 ** 32 - 1).default(1),
});
export type Optimization = z.infer<typeof Optimization>;
export type OptimizationInput = z.input<typeof Optimization>;

export function isShares(v: Variable | Shares): v is Shares {
  return "shares" in v;
}
