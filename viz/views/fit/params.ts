/**
 * The parameters the Fit tab offers to fit: common paths of the calibration schema (sweep paths, read
 * against the scenario with its defaults), each with a sensible prior (docs/calibration.md,
 * "Parameters and priors"); the first four are the worked example's. Pure.
 */
import type { Prior } from "../../../engine/viewer.ts";

export interface ParameterChoice {
  name: string;
  path: string;
  label: string;
  prior: Prior;
  /** Ticked when the tab opens. */
  on: boolean;
}

export const PARAMETER_CHOICES: readonly ParameterChoice[] = [
  { name: "persuasion", path: "dynamics.persuasion", label: "Persuasion (λ, global)", prior: { kind: "uniform", min: 0.1, max: 1 }, on: true },
  { name: "conversionRate", path: "product.conversionRate", label: "Conversion rate", prior: { kind: "beta", alpha: 2, beta: 8, min: 0, max: 1 }, on: true },
  { name: "sharePropensity", path: "circles[*].sharePropensity", label: "Share propensity (every circle)", prior: { kind: "log-uniform", min: 0.005, max: 0.3 }, on: true },
  { name: "fatigueRate", path: "circles[*].fatigueRate", label: "Fatigue rate (every circle)", prior: { kind: "normal", mean: 0.15, sd: 0.1, min: 0, max: 0.6 }, on: true },
  { name: "fatigueRecovery", path: "circles[*].fatigueRecovery", label: "Fatigue recovery (every circle)", prior: { kind: "uniform", min: 0.01, max: 0.5 }, on: false },
  { name: "productAffinity", path: "circles[*].productAffinity", label: "Product affinity (every circle)", prior: { kind: "uniform", min: 0.05, max: 0.95 }, on: false },
  { name: "repetitionDecay", path: "circles[*].repetitionDecay", label: "Repetition decay (every circle)", prior: { kind: "uniform", min: 0.1, max: 0.9 }, on: false },
  { name: "kolReach", path: "circles[*].kolReach", label: "KOL reach (every circle)", prior: { kind: "log-uniform", min: 0.01, max: 0.5 }, on: false },
  { name: "fanProbability", path: "product.fanProbability", label: "Fan probability", prior: { kind: "beta", alpha: 2, beta: 8, min: 0, max: 1 }, on: false },
  { name: "fanPostRate", path: "product.fanPostRate", label: "Fan post rate", prior: { kind: "log-uniform", min: 0.001, max: 0.1 }, on: false },
  { name: "shareDelay", path: "dynamics.shareDelay", label: "Share delay (ticks)", prior: { kind: "uniform", min: 1, max: 5 }, on: false },
];

export type PriorKind = Prior["kind"];
export const PRIOR_KINDS: readonly PriorKind[] = ["uniform", "log-uniform", "beta", "normal"];

/** The fields of a prior of `kind`, in the order the form shows them. */
export function priorFields(kind: PriorKind): ("min" | "max" | "alpha" | "beta" | "mean" | "sd")[] {
  switch (kind) {
    case "uniform":
    case "log-uniform":
      return ["min", "max"];
    case "beta":
      return ["alpha", "beta", "min", "max"];
    case "normal":
      return ["mean", "sd", "min", "max"];
  }
}

/**
 * A prior of another kind over the same range, for when the user switches kinds: a beta keeps the
 * range and is flat (α = β = 1); a normal sits in the middle with a quarter of the range as sd; a
 * log-uniform needs a positive lower bound.
 */
export function switchPrior(p: Prior, kind: PriorKind): Prior {
  const { min, max } = p;
  switch (kind) {
    case "uniform":
      return { kind, min, max };
    case "log-uniform":
      return { kind, min: min > 0 ? min : Math.min(max, 1) / 100, max };
    case "beta":
      return { kind, alpha: 1, beta: 1, min, max };
    case "normal":
      return { kind, mean: (min + max) / 2, sd: (max - min) / 4, min, max };
  }
}
