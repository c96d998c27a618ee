/**
 * Sobol indices of a finished Saltelli sweep: per plan and output, the point values are the means
 * over the point's replicates, in design order (docs/sweeps.md, "Sobol sensitivity").
 */
import { sobolIndices, type SobolIndex } from "./sobol.ts";
import { bootstrapKey } from "./sweep-seeds.ts";
import type { PreparedSweep } from "./sweep.ts";

export interface SensitivityRow {
  plan: string;
  output: string;
  parameter: string;
  index: SobolIndex;
}

/** `means(plan, output)` gives the per-point mean (length = points; NaN where missing). */
export function sweepSensitivity(prep: PreparedSweep, outputs: readonly string[], means: (plan: string, output: string) => Float64Array): SensitivityRow[] {
  const d = prep.sweep.design;
  if (d.kind !== "sobol") return [];
  const k = prep.parameters.length;
  const key = bootstrapKey(prep.sweep.seed);
  const rows: SensitivityRow[] = [];
  for (const plan of prep.plans)
    for (const output of outputs) {
      const y = means(plan, output);
      const usable = y.every(Number.isFinite);
      const idx = usable ? sobolIndices(y, k, d.bootstrap, key) : null;
      prep.parameters.forEach((p, i) =>
        rows.push({ plan, output, parameter: p.name, index: idx ? idx[i] : { S1: NaN, S1conf: NaN, ST: NaN, STconf: NaN } }),
      );
    }
  return rows;
}
