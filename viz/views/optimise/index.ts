/**
 * The "Optimise" tab: search one plan's levers for the best objective, in the page, with
 * `circlecast optimize`'s search (engine/experiment/optimize.ts: CMA-ES on common random numbers, the
 * leaders confirmed on more worlds, a paired verdict). Pick the plan, the objective and the levers
 * with their ranges; the plans evaluated fill a spend-against-objective chart as they come, with the
 * frontier drawn through them; click a plan to see its values, and load it into Compare next to the
 * plans as written. The optimisation file it runs is the CLI's ("Download file").
 */
import {
  infeasible, optimisedScenario, optimize, prepareOptimization, ScenarioError,
  type Evaluator, type OptimizationResult, type PreparedOptimization, type Scenario, type SweepRunRequest,
} from "../../../engine/viewer.ts";
import { fmtExact, unitLabel, type Unit } from "../../charts/format.ts";
import { h } from "../../dom.ts";
import { spawnEngineWorker } from "../../engine.ts";
import { download, slug } from "../../export/download.ts";
import { issueText } from "../../panels/issue-text.ts";
import type { AppState, Store } from "../../state.ts";
import { sweepCandidates, suggest, type Candidate } from "../sweep/candidates.ts";
import { workerCount } from "../sweep/pool.ts";
import { whileShown, type View } from "../view.ts";
import { drawFrontier, type FrontierPoint } from "./frontier.ts";

const OBJECTIVES: { metric: string; label: string; unit: Unit }[] = [
  { metric: "conversions", label: "Conversions", unit: "people" },
  { metric: "revenue", label: "Revenue", unit: "money" },
  { metric: "roi", label: "Return on spend", unit: "ratio" },
  { metric: "reach", label: "Real reach", unit: "people" },
];
/** An evaluator on `n` engine workers of this page, kept for the whole search (each keeps its worlds). */
function pageEvaluator(prep: PreparedOptimization, n: number, onResult: (id: number, final: Record<string, number>) => void) {
  const workers = Array.from({ length: n }, (_, i) => spawnEngineWorker(`circlecast-optimise-${i}`));
  // Cancel ends the search at once: the workers go, and the calls they owed are answered with this.
  let cancel!: (e: Error) => void;
  const cancelled = new Promise<never>((_, reject) => (cancel = reject));
  cancelled.catch(() => undefined);
  const signal = { cancelled: false };
  const evaluate: Evaluator = async (tasks) => {
    const out: Record<string, number>[] = new Array(tasks.length);
    let next = 0;
    await Promise.all(workers.map(async (w) => {
      while (next < tasks.length) {
        if (signal.cancelled) throw new Error("cancelled");
        const k = next++;
        const t = tasks[k];
        const req: SweepRunRequest = { scenario: t.scenario, seed: prep.base.seed, replicate: t.replicate, plans: [prep.plan], reuseWorlds: true, circleFinals: prep.circleFinals };
        const r = await Promise.race([w.api.sweepRun(req), cancelled]);
        // A plan the scenario rules refuse (over its budget) is infeasible, not fatal, as in the CLI.
        out[k] = r.ok ? r.plans[0].final : r.issues.length ? infeasible(prep) : (() => { throw new Error(r.message); })();
        onResult(t.id, out[k]);
      }
    }));
    return out;
  };
  const close = () => workers.forEach((w) => w.terminate());
  return { evaluate, close, cancel: () => { signal.cancelled = true; close(); cancel(new Error("cancelled")); }, signal };
}

export const optimiseView: View = {
  id: "optimise",
  label: "Optimise",
  available: (s) => s.scenario.model.kind === "social",
  mount(root, store: Store) {
    let scenario: Scenario | undefined;
    let candidates: Candidate[] = [];
    let running: { cancel(): void } | undefined;
    let prep: PreparedOptimization | undefined;
    let result: OptimizationResult | undefined;
    let picked: number | undefined;
    // Live sums per evaluated plan (id): spend and the objective's metric, over its runs so far.
    let live = new Map<number, { spend: number; value: number; n: number }>();

    const planSelect = h("select", { "data-field": "opt-plan", "aria-label": "Plan to optimise", onchange: () => levers() });
    const objective = h("select", { "data-field": "opt-objective", "aria-label": "Objective" }, OBJECTIVES.map((o) => h("option", { value: o.metric }, o.label)));
    /** The objective chosen in the form. */
    const goal = () => OBJECTIVES.find((x) => x.metric === objective.value)!;
    const risk = h("select", { "data-field": "opt-risk", "aria-label": "Risk attitude" },
      h("option", { value: "mean" }, "mean over worlds"), h("option", { value: "p10" }, "p10 (a bad world)"));
    const num = (field: string, label: string, value: number) => h("label", { class: "field" }, label, h("input", { type: "number", "data-field": field, value, min: 1, step: 1 }));
    const evaluations = num("opt-evaluations", "Plans to evaluate", 30);
    const replicates = num("opt-replicates", "Worlds per plan", 4);
    const confirm = num("opt-confirm", "Worlds to confirm the leaders", 12);
    const leverBox = h("div", { class: "opt-levers", "data-opt-levers": "" });
    const issues = h("ul", { class: "form-issues", "aria-live": "polite" });
    const runBtn = h("button", { type: "button", class: "primary", "data-action": "run-optimise", onclick: () => void run() }, "Optimise");
    const cancelBtn = h("button", { type: "button", "data-action": "cancel-optimise", disabled: true, onclick: () => stop() }, "Cancel");
    const fileBtn = h("button", { type: "button", "data-action": "download-optimise", onclick: () => { const f = fileJson(); if (f) download(`${slug(String(f.name))}.json`, new Blob([JSON.stringify(f, null, 2) + "\n"], { type: "application/json" })); } }, "Download file");
    const status = h("p", { class: "opt-status", "data-opt-status": "idle", "aria-live": "polite" });
    const chart = h("div", { class: "opt-chart" });
    const verdict = h("div", { class: "opt-verdict", "data-opt-verdict": "" });
    const detail = h("div", { class: "opt-detail", "data-opt-detail": "" });
    root.append(h("section", { class: "view-section", "data-section": "optimise" },
      h("h2", {}, "Optimise a plan"),
      h("div", { class: "card wide" },
        h("p", { class: "hint" }, "Pick the levers of one plan and their ranges, and what to maximise. Every plan is scored on the same worlds (common random numbers); the best few are scored again on more worlds before a winner is named, with how sure that is. The same search as circlecast optimize: Download file gives the CLI the same numbers."),
        h("div", { class: "field-row" }, h("label", { class: "field" }, "Plan", planSelect), h("label", { class: "field" }, "Maximise", objective), h("label", { class: "field" }, "Risk", risk), evaluations, replicates, confirm),
        leverBox, issues,
        h("div", { class: "form-actions" }, runBtn, cancelBtn, fileBtn), status),
      h("div", { class: "card wide" }, h("h3", {}, "Plans evaluated: spend against the objective"),
        h("p", { class: "hint" }, "Each point is a plan (mean over its worlds); darker: later in the search; dashed: the frontier (no plan spends less and gets more). Ringed orange: the plan as written; black: the winner. Click a point for its values."),
        chart, verdict, detail)));

    function levers(): void {
      if (!scenario) return;
      const plan = planSelect.value;
      const mine = candidates.filter((c) => c.group === `Plan ${plan}` && typeof c.path === "string" && !c.budget);
      leverBox.replaceChildren(h("table", { class: "data" },
        h("thead", {}, h("tr", {}, ["Lever", "now", "min", "max"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, mine.map((c, k) => {
          const sug = suggest(scenario!, c);
          const row = h("tr", { "data-opt-lever": c.path as string, "data-integer": String(sug.integer) },
            h("th", { scope: "row" }, h("label", {}, h("input", { type: "checkbox", checked: k < 3, "data-use": "" }), ` ${c.label}`)),
            h("td", { class: "num" }, c.current === undefined ? "–" : String(c.current)),
            h("td", {}, h("input", { type: "number", "data-bound": "min", value: sug.min, step: sug.integer ? 1 : "any" })),
            h("td", {}, h("input", { type: "number", "data-bound": "max", value: sug.max, step: sug.integer ? 1 : "any" })));
          return row;
        }))));
    }

    /** The optimisation file of the form: the scenario on screen inline, so the file stands alone. */
    function fileJson(): Record<string, unknown> | undefined {
      const s = store.get();
      const variables = [...leverBox.querySelectorAll<HTMLTableRowElement>("tr[data-opt-lever]")]
        .filter((r) => r.querySelector<HTMLInputElement>("[data-use]")!.checked)
        .map((r) => ({ path: r.dataset.optLever!, min: Number(r.querySelector<HTMLInputElement>("[data-bound=min]")!.value), max: Number(r.querySelector<HTMLInputElement>("[data-bound=max]")!.value), integer: r.dataset.integer === "true" }));
      const R = Number((replicates.querySelector("input") as HTMLInputElement).value);
      return {
        name: `${s.scenario.name}-${planSelect.value}-optimise`,
        scenario: structuredClone(s.raw),
        plan: planSelect.value,
        variables,
        objective: { metric: objective.value, risk: risk.value },
        evaluations: Number((evaluations.querySelector("input") as HTMLInputElement).value),
        replicates: R,
        confirm: { top: 3, replicates: Math.max(R, Number((confirm.querySelector("input") as HTMLInputElement).value)) },
        seed: 1,
      };
    }

    function setStatus(kind: string, text: string): void {
      status.dataset.optStatus = kind;
      status.textContent = text;
    }

    function points(): FrontierPoint[] {
      if (result && prep) {
        const m = prep.metric;
        return result.searched.map((sc) => ({
          id: sc.candidate.id, spend: sc.mean.spend, value: sc.mean[m], generation: sc.candidate.generation,
          role: sc.candidate.id === result!.best.candidate.id ? "best" : sc.candidate.id === result!.asWritten.candidate.id ? "as-written" : undefined,
          picked: sc.candidate.id === picked,
        }));
      }
      return [...live].map(([id, v]) => ({ id, spend: v.spend / v.n, value: v.value / v.n, generation: id, role: id === 0 ? "as-written" : undefined }));
    }

    function redraw(): void {
      const o = goal();
      drawFrontier(chart, points(), { width: Math.max(360, Math.floor(chart.clientWidth || 900)), metricLabel: o.label, unit: o.unit, money: unitLabel("money", store.get().scenario.currency), onPick: pick });
    }

    function pick(id: number): void {
      if (!prep || !result) return;
      picked = id;
      const sc = result.searched.find((x) => x.candidate.id === id) ?? result.confirmed.find((x) => x.candidate.id === id);
      if (!sc) return;
      const o = goal();
      detail.replaceChildren(
        h("h4", {}, `Plan ${id}${id === result.best.candidate.id ? " (the winner)" : id === result.asWritten.candidate.id ? " (as written)" : ""}`),
        h("table", { class: "data", "data-table": "opt-plan" }, h("tbody", {},
          prep.columns.map((col, k) => h("tr", {}, h("th", { scope: "row" }, col), h("td", { class: "num", "data-value": String(sc.candidate.values[k]) }, String(sc.candidate.values[k])))),
          h("tr", {}, h("th", { scope: "row" }, `${o.label}, mean over ${sc.replicates} worlds`), h("td", { class: "num" }, fmtExact(sc.mean[prep.metric], o.unit))),
          h("tr", {}, h("th", { scope: "row" }, "Spend"), h("td", { class: "num" }, fmtExact(sc.mean.spend, "money"))))),
        h("button", { type: "button", "data-action": "load-optimised", onclick: () => load(sc.candidate.values as never) }, "Load into Compare"));
      redraw();
    }

    function load(values: readonly unknown[]): void {
      if (!prep) return;
      const s = store.get();
      store.load(optimisedScenario(prep, values as never), s.source, { edited: true, origin: "optimise" });
      document.querySelector<HTMLElement>("#tab-compare")?.click();
    }

    async function run(): Promise<void> {
      issues.replaceChildren();
      const file = fileJson();
      if (!file) return;
      try {
        prep = prepareOptimization(file, { source: "optimisation" });
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        issues.replaceChildren(...e.issues.map((i) => h("li", { "data-path": i.path }, h("code", {}, i.path), " ", issueText(i))));
        return setStatus("invalid", "Fix the problems above to run.");
      }
      result = undefined;
      picked = undefined;
      live = new Map();
      detail.replaceChildren();
      verdict.replaceChildren();
      const metric = prep.metric;
      const ev = pageEvaluator(prep, workerCount(100, navigator.hardwareConcurrency, 4), (id, final) => {
        const v = live.get(id) ?? { spend: 0, value: 0, n: 0 };
        if (Number.isFinite(final[metric])) live.set(id, { spend: v.spend + final.spend, value: v.value + final[metric], n: v.n + 1 });
      });
      running = ev;
      runBtn.disabled = true;
      cancelBtn.disabled = false;
      setStatus("running", "Starting…");
      try {
        result = await optimize(prep, ev.evaluate, (p) => {
          setStatus("running", `${p.stage === "search" ? "Searching" : "Confirming the leaders"}: ${p.evaluations} of ${p.budget} plans · best so far ${Number.isFinite(p.best) ? fmtExact(p.best, goal().unit) : "–"}`);
          redraw();
        });
        const o = goal();
        const g = result.versusRunnerUp, a = result.versusAsWritten;
        const sure = g.objectiveLow > 0;
        verdict.replaceChildren(
          h("p", { class: `verdict-headline ${sure ? "clear" : "unclear"}` }, `Best plan: ${fmtExact(result.best.objective, o.unit)} (${o.label.toLowerCase()}), against ${fmtExact(result.asWritten.objective, o.unit)} for the plan as written: ${fmtExact(a.objective, o.unit)} more (95 % interval ${fmtExact(a.objectiveLow, o.unit)} to ${fmtExact(a.objectiveHigh, o.unit)}) over ${a.n} matched worlds.`),
          h("p", { class: "verdict-line" }, sure ? `It beats the runner-up by ${fmtExact(g.objective, o.unit)} (${fmtExact(g.objectiveLow, o.unit)} to ${fmtExact(g.objectiveHigh, o.unit)}).` : `It is not clearly better than the runner-up: ${fmtExact(g.objective, o.unit)} more, 95 % interval ${fmtExact(g.objectiveLow, o.unit)} to ${fmtExact(g.objectiveHigh, o.unit)}, which includes no difference.`),
          h("button", { type: "button", class: "primary", "data-action": "load-best", onclick: () => load(result!.best.candidate.values) }, "Load the best plan into Compare"));
        setStatus("done", `Done: ${result.searched.length} plans searched, ${result.confirmed.length} confirmed.`);
        redraw();
        pick(result.best.candidate.id);
      } catch (e) {
        if (ev.signal.cancelled) setStatus("cancelled", "Cancelled.");
        else setStatus("failed", `The search failed: ${(e as Error).message}`);
      } finally {
        ev.close();
        running = undefined;
        runBtn.disabled = false;
        cancelBtn.disabled = true;
      }
    }

    function stop(): void {
      running?.cancel();
    }

    /** The levers of the scenario on screen, worked out when the tab is shown (a scenario of thousands of contents has many). */
    function sync(s: AppState): void {
      if (s.scenario === scenario) return;
      scenario = s.scenario;
      const spend: Record<string, number> = {};
      for (const p of s.simulation?.plans ?? []) if (p.final.spend) spend[p.plan] = p.final.spend.mean;
      candidates = sweepCandidates(s.scenario, spend);
      planSelect.replaceChildren(...s.scenario.plans.map((p) => h("option", { value: p.name }, p.name)));
      levers();
    }
    return whileShown(store, sync);
  },
};
