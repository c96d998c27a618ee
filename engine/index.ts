/**
 * Circlecast's public API, for Node and browsers alike (docs/api.md). A test pins this list of
 * exports. Node-only helpers (reading files and the library, the CLI's writers) are in
 * `circlecast/node` (engine/node/api.ts).
 */
export { parseScenario, loadScenario } from "../scenarios/parse.ts";
export type { Scenario, ScenarioInput } from "../scenarios/schema/scenario.ts";
export { ScenarioError, EngineError } from "./errors.ts";
export { buildWorld, type World } from "./core/world.ts";
export { runPlan, CancelledError, type RunResult, type RunOptions, type CancelSignal } from "./core/run.ts";
export { column, type Series } from "./core/collect/collector.ts";
export { stat, type Stat } from "./core/collect/summary.ts";
export { runReplicates, type Progress, type ReplicateOptions } from "./experiment/replicates.ts";
export { summarize, type PlanSummary } from "./experiment/summarize.ts";
export { simulate, simulateAsync, type SimulateOptions, type Simulation } from "./experiment/simulate.ts";
export { pairedComparisons, pairedDifference, type PairedDifference } from "./experiment/compare.ts";
export { prepareSweep, type PreparedSweep, type SweepSource } from "./experiment/sweep.ts";
export { sweepRuns, type SweepRunResult } from "./experiment/sweep-local.ts";
export { prepareOptimization, optimisedScenario, type PreparedOptimization } from "./experiment/optimize-file.ts";
export { optimize, localEvaluator, type Evaluator, type OptimizationResult } from "./experiment/optimize.ts";
export { calibrate, type CalibrationResult, type CalibrateOptions } from "./experiment/calibrate.ts";
export { prepareCalibration, type PreparedCalibration, type CalibrationSource } from "./experiment/calibrate-prepare.ts";
export type { Calibration, CalibrationInput } from "../scenarios/schema/calibrate.ts";
export { formatCsv, formatSummaryCsv } from "./format/csv.ts";
export { METRIC_LABELS } from "./format/labels.ts";
export { masterKey, replicateKey, RNG_SCHEME } from "./core/rng/seed.ts";
export { MODEL_VERSION } from "./version.ts";
export { importNetwork, type FileAccess, type NetworkSpec } from "./networks/import/load.ts";
export type { ImportedGraph, ImportReport } from "../scenarios/schema/imported-graph.ts";
export { fitGenerator, compareStats, fragment, type GeneratorFit } from "./networks/fit.ts";
