/**
 * The Sweep tab: define a grid over one or two parameters of the scenario on screen, run it on a pool
 * of engine workers with the CLI's points and seeds (so the same sweep file gives the same numbers
 * with `circlecast sweep`), watch the heatmap fill in, export it, download the sweep file and the
 * runs.csv; or load the output of a `circlecast sweep` and draw it the same way.
 */
import { consumerCount, METRIC_ORDER, planMetrics, runOf, runRequest, type PreparedSweep, type Scenario } from "../../../engine/viewer.ts";
import { hideTooltip } from "../../charts/tooltip.ts";
import { h } from "../../dom.ts";
import { spawnEngineWorker } from "../../engine.ts";
import { VERSION } from "../../export/csv.ts";
import { download } from "../../export/download.ts";
import { libraryScenario } from "../../library.ts";
import type { AppState } from "../../state.ts";
import type { View } from "../view.ts";
import { sweepCandidates, suggest, type Candidate, type Suggestion } from "./candidates.ts";
import type { RunRow, SweepData } from "./data.ts";
import { defineForm } from "./define.ts";
import { sweepLoader } from "./loader.ts";
import { doneText, progressText, runPool, workerCount, type PoolHandle, type PoolProgress } from "./pool.ts";
import { orderMetrics, resultsCard } from "./results.ts";
import { runsCsv, valueCell, type BrowserRun } from "./runs-csv.ts";
import { candidateLocations, checkSweep, schemaIssues, sweepJson, untouchedPlans, type SweepBase } from "./sweep-file.ts";
import "./sweep.css";

/** Above this many consumers the full check (it builds a world) waits for Run instead of following each keystroke. */
const LIVE_CHECK_CONSUMERS = 60_000;

const loadBase = (ref: string) => libraryScenario(ref.replace(/^library:/, ""));

/**
 * The parameters a sweep starts with: one that every plan feels, product affinity in every circle (or
 * in the only circle), and no second axis. Not a budget: a plan's budget is often only a cap above what
 * its schedule buys, and a sweep of it leaves every cell the same.
 */
function defaultParams(candidates: readonly Candidate[]): [string, string] {
  const affinity = candidates.find((c) => c.name === "all.productAffinity") ?? candidates.find((c) => c.group.startsWith("Circle ") && c.name.endsWith(".productAffinity"));
  return [affinity?.name ?? candidates[0]?.name ?? "", ""];
}

export const sweepView: View = {
  id: "sweep",
  label: "Sweep",
  available: () => true,
  mount(root) {
    let state: AppState | undefined;
    let candidates: Candidate[] = [];
    const suggestions = new Map<string, Suggestion>();
    let scenarioShown: Scenario | undefined;
    let pool: PoolHandle | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const suggestFor = (c: Candidate) => {
      let s = suggestions.get(c.name);
      if (!s) suggestions.set(c.name, (s = suggest(state!.scenario, c)));
      return s;
    };

    const base = (): SweepBase => {
      const s = state!;
      const ref = s.source.kind === "library" && !s.edited ? `library:${s.source.name}` : undefined;
      return { name: s.scenario.name, ref, raw: s.raw, allPlans: s.scenario.plans.map((p) => p.name) };
    };
    const current = () => sweepJson(form.read(), base(), candidates, (c) => suggestFor(c).integer);
    const locations = () => form.read().params.map((p) => candidateLocations(state!.scenario, candidates.find((c) => c.name === p.candidate)));

    // ---- the form, its checks, and the sweep file
    const form = defineForm({
      suggest: suggestFor,
      onInput: () => check(false),
      onRun: () => start(),
      onDownload: () => {
        const sweep = current();
        download(`${String(sweep.name)}.json`, new Blob([JSON.stringify(sweep, null, 2) + "\n"], { type: "application/json" }));
      },
      onMetric: (m) => results.setMetric(m),
    });

    /** The schema's check at once; the CLI's full check after a pause (or now, before a run). */
    function check(now: boolean): ReturnType<typeof checkSweep> | undefined {
      clearTimeout(timer);
      const sweep = current();
      const quick = schemaIssues(sweep);
      const swept = (sweep.parameters as { path: string }[]).map((p) => p.path);
      const left = untouchedPlans(swept, (sweep.plans as string[] | undefined) ?? state!.scenario.plans.map((p) => p.name));
      form.setUntouched(!left.length ? "" : sweep.randomNumbers === "common"
        ? `The swept parameters change only ${swept.length > 1 ? "their plans" : "one plan"}: ${left.join(", ")} stay${left.length > 1 ? "" : "s"} the same in every cell (common random numbers: every point on the same worlds).`
        : `The swept parameters change only ${swept.length > 1 ? "their plans" : "one plan"}: differences of ${left.join(", ")} between cells are chance alone (each point on its own worlds). Choose common random numbers to compare like with like.`);
      form.setCanDownload(quick.length === 0);
      form.showIssues(quick, locations());
      if (quick.length) {
        form.setSize("");
        return { ok: false, issues: quick };
      }
      const full = () => {
        const r = checkSweep(current(), loadBase);
        form.showIssues(r.ok ? [] : r.issues, locations());
        form.setCanDownload(r.ok);
        if (r.ok) {
          const p = r.prep;
          const dims = p.parameters.length > 1 ? `${new Set(p.points.map((x) => JSON.stringify(x[0]))).size} × ${new Set(p.points.map((x) => JSON.stringify(x[1]))).size} points` : `${p.points.length} points`;
          form.setSize(`${dims} × ${p.replicates} replicate${p.replicates > 1 ? "s" : ""} = ${p.runs} runs of ${p.plans.length} plan${p.plans.length > 1 ? "s" : ""}, on ${workerCount(p.runs, navigator.hardwareConcurrency)} workers`);
        } else form.setSize("");
        return r;
      };
      if (now) return full();
      if (consumerCount(state!.scenario.population) <= LIVE_CHECK_CONSUMERS) timer = setTimeout(full, 350);
      else form.setSize("the sweep is checked in full when it starts");
      return undefined;
    }

    // ---- progress and cancel
    const bar = h("div", { class: "progress-fill" });
    const progress = h("div", { class: "progress", role: "progressbar", "aria-label": "Sweep progress", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 }, bar);
    const statusText = h("span", { class: "sweep-text", "aria-live": "polite" });
    const cancelBtn = h("button", { type: "button", class: "cancel", "data-action": "cancel-sweep", onclick: () => pool?.cancel() }, "Cancel");
    const status = h("div", { class: "sweep-status", "data-status": "idle", hidden: true }, progress, statusText, cancelBtn);
    const setStatus = (s: "running" | "done" | "cancelled" | "failed", p: PoolProgress, text: string) => {
      status.hidden = false;
      status.dataset.status = s;
      status.dataset.done = String(p.done);
      status.dataset.total = String(p.total);
      const pct = p.total ? (100 * p.done) / p.total : 0;
      bar.style.width = `${pct}%`;
      progress.setAttribute("aria-valuenow", String(Math.round(pct)));
      progress.hidden = s !== "running";
      cancelBtn.hidden = s !== "running";
      statusText.textContent = text;
    };

    // ---- results of the browser sweep
    let prep: PreparedSweep | undefined;
    let runs: BrowserRun[] = [];
    let sweepFile: Record<string, unknown> | undefined;
    const runsBtn = h("button", { type: "button", class: "export", "data-export": "runs-csv", "aria-label": "Download runs.csv, as circlecast sweep writes it",
      onclick: () => { if (prep) download(`${prep.sweep.name}-runs.csv`, new Blob([runsCsv(prep, runs)], { type: "text/csv" })); } }, "runs.csv");
    const fileBtn = h("button", { type: "button", class: "export", "data-export": "sweep-file", "aria-label": "Download the sweep file of these results",
      onclick: () => { if (sweepFile) download(`${String(sweepFile.name)}.json`, new Blob([JSON.stringify(sweepFile, null, 2) + "\n"], { type: "application/json" })); } }, "Sweep file");
    const results = resultsCard({
      id: "sweep-heatmap", title: "Sweep results",
      note: "Two parameters: each cell is the mean of the metric over the cell's runs (replicates), viridis (colour-blind safe), hatched while its runs are pending. One parameter: a line per plan with the p5–p95 band of the runs. Hover or focus for exact values and n.",
      extra: [h("span", { class: "card-tools" }, runsBtn, fileBtn)],
    });
    const loaded = resultsCard({
      id: "sweep-loaded", title: "Sweep from the command line",
      note: "The output folder of circlecast sweep, drawn like a browser sweep: the mean of the metric over each cell's runs. With more than two parameters, a cell averages over the others.",
    });

    function start() {
      if (pool) return;
      const r = check(true);
      if (!r || !r.ok) return;
      const p = r.prep;
      prep = p;
      runs = [];
      sweepFile = current();
      const cand = (name: string) => candidates.find((c) => c.name === name);
      const data: SweepData = {
        title: p.sweep.name,
        params: p.parameters.map((x) => ({ name: x.name, label: cand(x.name)?.label, unit: cand(x.name) ? suggestFor(cand(x.name)!).unit : undefined })),
        points: p.points.map((pt) => pt.map(valueCell)),
        plans: p.plans,
        metrics: [],
        replicates: p.replicates,
        rows: [] as RunRow[],
        currency: state!.scenario.currency,
      };
      const baseName = typeof sweepFile.base === "string" ? sweepFile.base : state!.scenario.title ?? state!.scenario.name;
      const caption = `${p.sweep.name} · base ${baseName} · ${p.points.length} points × ${p.replicates} replicates · master seed ${p.sweep.seed} · mean over each cell's runs · circlecast ${VERSION}`;
      results.set(data, { stem: `${p.sweep.name}-seed${p.sweep.seed}`, caption }, form.metric());
      const workers = workerCount(p.runs, navigator.hardwareConcurrency);
      form.setBusy(true);
      const handle = runPool({
        runs: Array.from({ length: p.runs }, (_, k) => k),
        workers,
        spawn: (i) => {
          const w = spawnEngineWorker(`circlecast-sweep-${i}`);
          return { sweepRun: (req) => w.api.sweepRun(req), terminate: w.terminate };
        },
        request: (run) => runRequest(p, run),
        onResult: (run, res) => {
          const { point, replicate, seed } = runOf(p, run);
          runs.push({ run, point, replicate, seed, plans: res.plans.map((x) => ({ plan: x.plan, final: x.final })) });
          for (const x of res.plans) {
            data.rows.push({ run, point, replicate, plan: x.plan, values: x.final });
            if (data.metrics.length === 0) data.metrics = orderMetrics(Object.keys(x.final));
          }
          results.refresh();
        },
        onProgress: (pr) => setStatus("running", pr, `Running ${p.sweep.name}: ${progressText(pr)}`),
      });
      pool = handle;
      void handle.done.then((end) => {
        pool = undefined;
        form.setBusy(false);
        results.refresh();
        if (end.status === "done") setStatus("done", end.progress, `Done: ${doneText(end.progress)}. The sweep file gives the same numbers with circlecast sweep.`);
        else if (end.status === "cancelled") setStatus("cancelled", end.progress, `Cancelled after ${end.progress.done} of ${end.progress.total} runs; the finished runs are shown.`);
        else {
          const { point } = runOf(p, end.run);
          const where = p.parameters.map((x, i) => `${x.name} = ${JSON.stringify(p.points[point][i])}`).join(", ");
          const issues = end.response?.issues ?? [];
          setStatus("failed", end.progress, `Failed at run ${end.run}, point ${point} (${where}): ${issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join("; ") : end.message}`);
        }
      });
    }

    const define = h("section", { class: "card wide sweep-define", "data-card": "sweep-define", "aria-labelledby": "card-sweep-define" },
      h("header", { class: "card-head" },
        h("div", {},
          h("h3", { id: "card-sweep-define" }, "Define a sweep"),
          h("p", { class: "card-note", "data-scenario-note": "" }))),
      form.el);
    const note = define.querySelector<HTMLElement>("[data-scenario-note]")!;
    const loadSection = h("section", { class: "view-section", "data-section": "sweep-load" },
      h("h2", {}, "Load a sweep run by the command line"),
      h("div", { class: "grid" }, h("div", { class: "card wide" }, sweepLoader(loaded)), loaded.el));
    root.append(
      h("section", { class: "view-section", "data-section": "sweep-define" }, h("h2", {}, "Sweep the scenario on screen"), h("div", { class: "grid" }, define, status, results.el)),
      loadSection,
    );

    function syncScenario(s: AppState) {
      scenarioShown = s.scenario;
      suggestions.clear();
      const spend: Record<string, number> = {};
      for (const p of s.simulation?.plans ?? []) if (p.final.spend) spend[p.plan] = p.final.spend.mean;
      candidates = sweepCandidates(s.scenario, spend);
      form.setScenario(candidates, s.scenario.plans.map((p) => p.name), s.scenario.seed, defaultParams(candidates));
      // Metrics the runs will report: the comparison's (same scenario), else those of the plans compiled on a small world.
      const fromSim = s.simulation && s.simulationRaw === s.raw ? Object.keys(s.simulation.plans[0]?.final ?? {}) : [];
      let metrics = fromSim;
      if (!metrics.length) {
        try {
          metrics = consumerCount(s.scenario.population) <= LIVE_CHECK_CONSUMERS ? [...new Set(planMetrics(s.scenario).flatMap((p) => p.final))] : METRIC_ORDER;
        } catch {
          metrics = METRIC_ORDER;
        }
      }
      form.setMetrics(orderMetrics(metrics));
      const src = s.source.kind === "library" && !s.edited ? `built-in scenario library:${s.source.name}` : s.source.kind === "file" ? `file ${s.source.name}${s.edited ? " (edited)" : ""}` : s.edited ? "edited scenario" : "shared link";
      note.textContent = `A grid over one or two parameters of ${s.scenario.title ?? s.scenario.name} (${src}), on ${consumerCount(s.scenario.population).toLocaleString("en-US")} consumers. With common random numbers every point runs on the same worlds and draws, so a difference between cells is the parameters' alone; per point, each point's seed is derived from the master seed and its values. Either way the downloaded sweep file gives the same numbers with circlecast sweep.`;
      check(false);
    }

    let width = 0;
    new ResizeObserver(() => {
      const w = root.clientWidth;
      if (w === 0 || Math.abs(w - width) < 2) return;
      width = w;
      results.shown();
      loaded.shown();
    }).observe(root);

    // The tab's panel is hidden while another tab shows: catch up when it is shown.
    let stale = true;
    let everShown = false;
    return {
      update(s: AppState, prev: AppState | undefined) {
        state = s;
        const changed = s.scenario !== scenarioShown || (s.simulation !== prev?.simulation && s.simulationRaw === s.raw);
        if (!changed) return;
        if (root.hidden || !everShown) stale = true;
        else syncScenario(s);
      },
      shown() {
        if (state && (stale || state.scenario !== scenarioShown)) syncScenario(state);
        stale = false;
        everShown = true;
        hideTooltip();
        results.shown();
        loaded.shown();
      },
    };
  },
};
