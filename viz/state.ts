/**
 * The app's single state: which scenario is shown, its parsed form, the run in progress and the last
 * results. Every run starts here (run()), so there is one place that talks to the engine client.
 */
import { consumerCount, costIssues, DEFAULT_MAX_WORK, estimateCost, parseScenario, type Limits, type Scenario } from "../engine/viewer.ts";
import type { EngineClient, Progress, RunHandle, ScenarioIssue, Simulation } from "./engine.ts";

export type Source = { kind: "library"; name: string } | { kind: "file"; name: string } | { kind: "link" };

export type RunStatus =
  | { status: "idle" }
  | { status: "running"; progress: Progress }
  | { status: "done"; ms: number; threads: number; workers: number; note?: string }
  | { status: "cancelled" }
  | { status: "failed"; message: string };

export interface Rejection {
  /** What was rejected: a file name, "link", or "run" (issues found by the engine, e.g. over budget). */
  source: string;
  issues: ScenarioIssue[];
}

export interface AppState {
  readonly source: Source;
  readonly edited: boolean;
  /** The scenario JSON as given and edited: what runs, and what a share link carries. */
  readonly raw: Record<string, unknown>;
  readonly scenario: Scenario;
  readonly run: RunStatus;
  /** Runs started so far: the run status shows it, so that whoever started a run can wait for that one to end. */
  readonly runs: number;
  /** The last finished results and the JSON that produced them. */
  readonly simulation?: Simulation;
  readonly simulationRaw?: Record<string, unknown>;
  /** The simulation holds the first replicates of the run still going (they tighten as more arrive). */
  readonly simulationPartial?: boolean;
  readonly rejected?: Rejection;
  /** Threads per run: a number, or "auto" (several for large populations, where the page can share memory). */
  readonly threads: Threads;
}

export type Threads = "auto" | number;

/** Large enough that splitting a run pays for starting its workers. */
export const AUTO_SPLIT_CONSUMERS = 100_000;

/** The viewer's limits: the CLI's default work, and what one tab's memory holds. */
export const VIEWER_LIMITS: Limits = { work: DEFAULT_MAX_WORK, memory: 4 * 2 ** 30 };

/** Most engine workers a run's replicates are spread over. */
export const MAX_SPREAD_WORKERS = 8;

/**
 * The engine workers a run of `s` spreads its replicates over: under "auto", one per core, at most one
 * per replicate and as many as the tab's memory holds a world each; a number of threads picked keeps
 * the replicates on one worker, one after another. Whole replicates side by side scale with the
 * cores, where a run split across threads gained at most 1.2× on 2 (docs/sweeps.md).
 */
export function workersFor(setting: Threads, s: Scenario, cores: number): number {
  if (setting !== "auto" || s.replicates < 2) return 1;
  const world = estimateCost(s, { replicates: 1 }).bytes;
  return Math.max(1, Math.min(MAX_SPREAD_WORKERS, cores, s.replicates, Math.floor(VIEWER_LIMITS.memory / world)));
}

/**
 * The threads a run of `s` gets: "auto" splits a large social or IC run over up to 4 of the spare
 * cores when its replicates do not spread over workers (one replicate, or one core).
 */
export function threadsFor(setting: Threads, s: Scenario, cores: number): number {
  if (setting !== "auto") return setting;
  if (workersFor(setting, s, cores) > 1) return 1;
  const consumers = consumerCount(s.population);
  return (s.model.kind === "social" || s.model.kind === "ic") && consumers >= AUTO_SPLIT_CONSUMERS && globalThis.crossOriginIsolated ? Math.max(1, Math.min(4, cores - 1)) : 1;
}

export type Listener = (s: AppState, prev: AppState) => void;

export interface Store {
  get(): AppState;
  subscribe(fn: Listener): () => void;
  /** Validate and show a scenario, then run it; an invalid one is rejected and nothing else changes. */
  load(raw: unknown, source: Source, opts?: { edited?: boolean; origin?: string }): boolean;
  /** Reject input that never became a scenario (unreadable JSON, a damaged link). */
  reject(r: Rejection): void;
  dismiss(): void;
  run(): void;
  cancel(): void;
  /** Threads for the next runs. */
  setThreads(t: Threads): void;
}

export function createStore(engine: EngineClient, initial: { raw: Record<string, unknown>; source: Source }): Store {
  const parsed = parseScenario(initial.raw);
  if (!parsed.ok) throw new Error(`initial scenario is invalid: ${parsed.issues.map((i) => i.path).join(", ")}`);
  let state: AppState = { source: initial.source, edited: false, raw: initial.raw, scenario: parsed.scenario, run: { status: "idle" }, runs: 0, threads: "auto" };
  const listeners = new Set<Listener>();
  let handle: RunHandle | undefined;
  // The results of the last run that finished (what a cancelled or failed run leaves on screen).
  let previous: Pick<AppState, "simulation" | "simulationRaw"> = {};

  const set = (patch: Partial<AppState>) => {
    const prev = state;
    state = { ...state, ...patch };
    for (const fn of listeners) fn(state, prev);
  };

  const store: Store = {
    get: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    load(raw, source, opts = {}) {
      const edited = opts.edited ?? false;
      const r = parseScenario(raw);
      const name = opts.origin ?? (source.kind === "link" ? "link" : source.name);
      if (!r.ok) {
        set({ rejected: { source: name, issues: r.issues } });
        return false;
      }
      // The CLI's cost check: a scenario that would run for days is refused before a worker starts.
      const tooLarge = costIssues(estimateCost(r.scenario), VIEWER_LIMITS);
      if (tooLarge.length) {
        set({ rejected: { source: name, issues: tooLarge } });
        return false;
      }
      set({ raw: raw as Record<string, unknown>, scenario: r.scenario, source, edited, rejected: undefined });
      store.run();
      return true;
    },
    reject(r) {
      set({ rejected: r });
    },
    dismiss() {
      set({ rejected: undefined });
    },
    run() {
      const raw = state.raw;
      const cores = navigator.hardwareConcurrency || 1;
      const threads = threadsFor(state.threads, state.scenario, cores);
      const workers = workersFor(state.threads, state.scenario, cores);
      const mine = engine.run(raw, (progress) => {
        if (handle === mine && state.run.status === "running") set({ run: { status: "running", progress } });
      }, {
        threads,
        spread: workers > 1 ? { workers, scenario: state.scenario } : undefined,
        // Draw what is there: results of the first 1, 2, 4, … replicates, which tighten as more arrive.
        onPartial: (simulation) => {
          if (handle === mine && state.run.status === "running") set({ simulation, simulationRaw: raw, simulationPartial: true });
        },
      });
      handle = mine;
      // A run that is cancelled or fails leaves the last finished results on screen, not its first replicates.
      const finished = state.simulationPartial ? previous : { simulation: state.simulation, simulationRaw: state.simulationRaw };
      previous = finished;
      set({ run: { status: "running", progress: { done: 0, total: state.scenario.replicates * state.scenario.plans.length } }, runs: state.runs + 1 });
      void mine.result.then((o) => {
        if (handle !== mine) return;
        handle = undefined;
        // A finished run answers only the engine's own rejection of the last run; a rejected file or
        // link stays listed until it is dismissed.
        if (o.ok) set({ run: { status: "done", ms: o.ms, threads: o.threads, workers: o.workers, note: o.note }, simulation: o.simulation, simulationRaw: raw, simulationPartial: false, rejected: state.rejected?.source === "run" ? undefined : state.rejected });
        else if (o.cancelled) set({ run: { status: "cancelled" }, ...finished, simulationPartial: false });
        else if (o.issues.length) set({ run: { status: "failed", message: "the engine rejected the scenario (the problems are listed below)" }, rejected: { source: "run", issues: o.issues }, ...finished, simulationPartial: false });
        else set({ run: { status: "failed", message: o.message }, ...finished, simulationPartial: false });
      });
    },
    cancel() {
      handle?.cancel();
    },
    setThreads(threads) {
      set({ threads });
    },
  };
  return store;
}

/** Results on screen that do not answer the scenario as it stands: another scenario's (or the same before an edit), or the last run's while a new one has not drawn yet. */
export function staleResults(state: AppState): boolean {
  return !!state.simulation && (state.simulationRaw !== state.raw || (state.run.status === "running" && !state.simulationPartial));
}
