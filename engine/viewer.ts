/**
 * The viewer's door: everything viz/ takes from the engine and the scenario language, so that its
 * pages check, compute, name and write exactly what the CLI does. Names of the public API come from
 * their own modules, not through engine/index.ts, which also carries the network-file readers
 * (graphology, xmldom) that the page never runs. The package does not export this module: the names
 * beyond the public API make no promise to library users. Browser-safe (a test holds it to that).
 */
// Scenarios: parsing, their issues, sizes, sweep files.
export { MAX_JSON_BYTES, parseScenario } from "../scenarios/parse.ts";
export { formatPath, toIssues, type ScenarioIssue } from "../scenarios/issues.ts";
export { consumerCount } from "../scenarios/schema/population.ts";
export type { Scenario } from "../scenarios/schema/scenario.ts";
export { Sweep } from "../scenarios/schema/sweep.ts";
// The scenario's JSON Schema, with each field's documentation: the builder's form is generated from it.
export { default as SCENARIO_JSON_SCHEMA } from "../scenarios/scenario.schema.json";
export { EngineError, ScenarioError } from "./errors.ts";
// The engine's worker: its typed calls (the page starts it from engine/worker/browser.ts) and what they bring back.
export type { EngineApi, SimulateResponse, SweepRunRequest, SweepRunResponse, TraceRequest, TraceResponse } from "./worker/api.ts";
export type { Progress } from "./experiment/replicates.ts";
export { simulationOf, type ReplicatePieces, type Simulation } from "./experiment/simulate.ts";
export type { AgentTrace } from "./experiment/trace.ts";
// The cost guard: the page refuses the runs the CLI refuses.
export { costIssues, DEFAULT_MAX_WORK, estimateCost, type Limits } from "./experiment/cost.ts";
// Sweeps in the browser: points, paths into a scenario, seeds, each run's metrics.
export { pointScenario, prepareSweep, runOf, runRequest, type PreparedSweep } from "./experiment/sweep.ts";
// The optimiser in the browser: the file's checks, the search (an evaluator runs its plans on the page's workers), the winner as a scenario.
export { optimisedScenario, prepareOptimization, type PreparedOptimization } from "./experiment/optimize-file.ts";
export { infeasible, optimize, type Evaluator, type OptimizationResult, type OptimizeProgress, type Scored } from "./experiment/optimize.ts";
export { getAt, parsePath, PathError, resolvePath, setAt, type Location } from "./experiment/paths.ts";
export type { Json } from "./experiment/design.ts";
export { canonicalJson } from "./experiment/sweep-seeds.ts";
export { planMetrics, type PlanOutcome } from "./experiment/sweep-run.ts";
// Statistics and metrics, named and ordered as the CLI does.
export { NAN_STAT, quantileSorted, type Stat } from "./core/collect/summary.ts";
export { WAVE_METRICS } from "./experiment/summarize.ts";
export { pairedDifference, type PairedDifference } from "./experiment/compare.ts";
export { circleMetricInfo, finalMetricRows, labelWithCurrency, metricInfo, METRIC_LABELS, METRIC_ORDER } from "./format/labels.ts";
export type { Unit } from "./core/metrics.ts";
// CSV, byte for byte as the CLI writes it.
export { csvField, formatCsv, formatSummaryCsv } from "./format/csv.ts";
export { runsTable, type RunRow } from "./format/sweep-runs.ts";
export { toCsv } from "./format/table-csv.ts";
export type { Cell } from "./format/table.ts";
// Calibration in the browser ("Fit" tab): the CLI's file checks, CSV reader, fit driver, forecast and output tables.
export { readCsv, CsvSyntaxError } from "./experiment/csv-read.ts";
export { loadObserved, type ObservedData } from "./experiment/observed.ts";
export { prepareCalibration, type PreparedCalibration } from "./experiment/calibrate-prepare.ts";
export { abcSmc, answerOf, simulatedLevels, type Band, type CalibrationResult, type CalibrationStep, type GenerationStats, type PopulationView, type StepAnswer } from "./experiment/calibrate.ts";
export { forecastOf, FORECAST_METRICS, posteriorScenarios, type Forecast, type PosteriorSample } from "./experiment/posterior-forecast.ts";
export { bandCoverage, generationsTable, posteriorSummary, posteriorTable, predictiveTable, type ParameterSummary } from "./format/calibration-tables.ts";
export type { CalibrationInput, Observed, Prior } from "../scenarios/schema/calibrate.ts";
