/**
 * The "Fit" tab: fit the scenario on screen to a past campaign, in the page, with `circlecast
 * calibrate`'s ABC-SMC (docs/calibration.md). Load a CSV export (or the bakery example), say what each
 * column is (guessed from the headers; checked by the CLI's reader, bad cells named inline), pick the
 * parameters and their priors and a budget, and run it on the page's workers: the marginals narrow
 * generation by generation, then the pair plot, the generations' tolerance, acceptance and ESS, and
 * the posterior predictive check. Forecast every plan over the posterior (`compare --posterior`).
 * Downloads: the posterior CSV and the calibration file that reruns the same fit in the CLI.
 */
import {
  bandCoverage, loadObserved, posteriorSummary, posteriorTable, prepareCalibration, readCsv, CsvSyntaxError, ScenarioError, toCsv,
  type CalibrationResult, type CalibrationStep, type Forecast, type GenerationStats, type PopulationView, type PreparedCalibration, type Prior, type Scenario, type ScenarioIssue, type SweepRunRequest,
} from "../../../engine/viewer.ts";
import exampleCsv from "../../../docs/examples/bakery-campaign.csv?raw";
import exampleScenarioText from "../../../docs/examples/bakery-scenario.json?raw";
import { fmtShort } from "../../charts/format.ts";
import { fill, h } from "../../dom.ts";
import { spawnEngineWorker } from "../../engine.ts";
import { download, slug } from "../../export/download.ts";
import { issueText } from "../../panels/issue-text.ts";
import type { AppState, Store } from "../../state.ts";
import { progressText, workerCount, type PoolProgress } from "../sweep/pool.ts";
import { whileShown, type View } from "../view.ts";
import { drawMarginals, drawPairs, drawPredictive, type FitParam } from "./charts.ts";
import { CIRCLE_METRICS, guessMapping, METRIC_CHOICES, observedOf, type Mapping } from "./mapping.ts";
import { PARAMETER_CHOICES, PRIOR_KINDS, priorFields, switchPrior, type PriorKind } from "./params.ts";
import { runFit, runForecast, type FitHandle } from "./run.ts";

const EXAMPLE_CSV = "bakery-campaign.csv";
const exampleScenario = JSON.parse(exampleScenarioText) as Record<string, unknown>;
const PREVIEW_ROWS = 5;

interface ParamRow {
  name: string;
  path: string;
  label: string;
  on: boolean;
  prior: Prior;
  /** Added by path (any sweep path the calibration schema takes), with its rounding. */
  custom?: { integer: boolean };
}

const spawn = (i: number) => {
  const w = spawnEngineWorker(`circlecast-fit-${i}`);
  return { sweepRun: (req: SweepRunRequest) => w.api.sweepRun(req), terminate: w.terminate };
};

function seconds(s: number): string {
  return s < 60 ? `${Math.max(1, Math.round(s))} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, "0")} s`;
}

const metricLabel = (metric: string) => METRIC_CHOICES.find((m) => m.metric === metric)?.label ?? metric;

export const fitView: View = {
  id: "fit",
  label: "Fit",
  available: (s) => s.scenario.model.kind === "social",
  mount(root, store: Store) {
    let scenario: Scenario | undefined;
    let csv: { name: string; text: string } | undefined;
    let header: string[] = [];
    let rows: string[][] = [];
    let mapping: Mapping | undefined;
    let params: ParamRow[] = PARAMETER_CHOICES.map((c) => ({ name: c.name, path: c.path, label: c.label, on: c.on, prior: structuredClone(c.prior) }));
    let running: FitHandle | { cancel(): void } | undefined;
    let prep: PreparedCalibration | undefined;
    let result: CalibrationResult | undefined;
    let gens: PopulationView[] = [];
    let fitParams: FitParam[] = [];

    // 1. The campaign's data.
    const fileInput = h("input", { type: "file", accept: ".csv,text/csv", "data-field": "fit-csv", "aria-label": "Campaign CSV export", onchange: () => void readFile() });
    const exampleBtn = h("button", { type: "button", "data-action": "fit-example", onclick: () => useExample() }, "Use the example (the bakery's last quarter)");
    const fileNote = h("p", { class: "hint", "data-fit-file": "" }, "No campaign loaded yet.");
    const preview = h("div", { class: "fit-preview", "data-fit-preview": "" });
    // 2. Its columns.
    const mapBox = h("div", { class: "fit-mapping", "data-fit-mapping": "" });
    const csvIssues = h("ul", { class: "form-issues", "data-fit-csv-issues": "", "aria-live": "polite" });
    const csvStatus = h("p", { class: "hint", "data-fit-csv-status": "" });
    // 3. Parameters and budget.
    const paramBox = h("div", { class: "fit-params", "data-fit-params": "" });
    const num = (field: string, label: string, value: number, attrs: Record<string, string | number> = {}) =>
      h("label", { class: "field" }, label, h("input", { type: "number", "data-field": field, value, min: 1, step: 1, ...attrs }));
    const particles = num("fit-particles", "Particles", 100);
    const generations = num("fit-generations", "Generations", 4);
    const maxSims = num("fit-max", "Most simulations", 4000);
    const predictive = num("fit-predictive", "Predictive draws", 60, { min: 0 });
    const windowField = num("fit-window", "Window (ticks)", 7);
    const seed = num("fit-seed", "Seed", 7, { min: 0 });
    const workers = num("fit-workers", "Workers", workerCount(100, navigator.hardwareConcurrency, 4), { max: 16 });
    // abc.screen at the setting docs/calibration.md measured (a third fewer simulations in long fits).
    const screen = h("label", { class: "field check", title: "From generation 2 on, a proposal whose 4 nearest simulated parameter sets all missed the tolerance by more than 1.2 times is rejected without being simulated (abc.screen; docs/calibration.md, 'Saving simulations')." },
      h("input", { type: "checkbox", "data-field": "fit-screen" }), "Skip hopeless proposals");
    const screening = () => (screen.querySelector("input") as HTMLInputElement).checked;
    const value = (l: HTMLElement) => Number((l.querySelector("input") as HTMLInputElement).value);
    const issues = h("ul", { class: "form-issues", "data-fit-issues": "", "aria-live": "polite" });
    const runBtn = h("button", { type: "button", class: "primary", "data-action": "run-fit", onclick: () => void run() }, "Fit");
    const cancelBtn = h("button", { type: "button", class: "cancel", "data-action": "cancel-fit", disabled: true, onclick: () => running?.cancel() }, "Cancel");
    const fileBtn = h("button", { type: "button", "data-action": "download-calibration", onclick: () => downloadFile() }, "Download calibration file");
    const status = h("p", { class: "opt-status", "data-fit-status": "idle", "aria-live": "polite" });
    // Results.
    const summary = h("div", { "data-fit-summary": "" });
    const genTable = h("div", { class: "fit-table", "data-fit-generations": "" });
    const marginals = h("div", { class: "fit-chart" });
    const pairs = h("div", { class: "fit-chart" });
    const predictiveChart = h("div", { class: "fit-chart" });
    const postBtn = h("button", { type: "button", "data-action": "download-posterior", disabled: true, onclick: () => downloadPosterior() }, "Download posterior CSV");
    // Plans under the posterior.
    const draws = num("fit-draws", "Posterior draws", 50);
    const reps = num("fit-replicates", "Worlds per draw", 10);
    const forecastBtn = h("button", { type: "button", class: "primary", "data-action": "run-forecast", disabled: true, onclick: () => void forecast() }, "Compare plans under this posterior");
    const forecastStatus = h("p", { class: "opt-status", "data-fit-forecast-status": "idle", "aria-live": "polite" });
    const forecastBox = h("div", { class: "fit-table", "data-fit-forecast": "" });

    root.append(h("section", { class: "view-section fit", "data-section": "fit" },
      h("h2", {}, "Fit to my campaign"),
      h("div", { class: "card wide" },
        h("h3", {}, "1. Last campaign's numbers"),
        h("p", { class: "hint" }, "A CSV export of a past campaign, one row per day (or tick): a date, optionally a channel, and the numbers your dashboard shows. The scenario on screen must be the plan you ran; the example loads its own scenario."),
        h("div", { class: "form-actions fit-actions" }, fileInput, exampleBtn), fileNote, preview),
      h("div", { class: "card wide" },
        h("h3", {}, "2. What each column is"),
        h("p", { class: "hint" }, "Guessed from the headers. Daily: what happened that day; running: a total to date (reach, followers). Fitted columns count in the distance; the others show in the predictive check only (spend is set by the plan; revenue repeats orders)."),
        mapBox, csvStatus, csvIssues),
      h("div", { class: "card wide" },
        h("h3", {}, "3. What to fit, and how hard to try"),
        h("p", { class: "hint" }, "Tick the parameters the campaign should tell you; each gets a prior (what you believe before the data). Any other parameter goes in by its path, as in sweeps (docs/sweeps.md): circles.students.fatigueRate, plans.authentic.strategies.own account.quality. A fit of 100 particles and 4 generations takes a minute on a laptop. The same fit as circlecast calibrate: Download calibration file gives the CLI the same posterior."),
        paramBox,
        h("div", { class: "field-row" }, particles, generations, maxSims, predictive, windowField, seed, workers, screen),
        issues, h("div", { class: "form-actions fit-actions" }, runBtn, cancelBtn, fileBtn), status),
      h("div", { class: "card wide" },
        h("h3", {}, "Posterior: how the data narrowed each parameter"),
        h("p", { class: "hint" }, "Each generation's weighted density over the prior's range (a log scale for log-uniform priors): light the first (draws from the prior), dark the last (the posterior)."),
        marginals, summary, genTable,
        h("h4", {}, "Pairs in the last population"),
        h("p", { class: "hint" }, "Below the diagonal: the particles (darker: heavier); on it: weighted histograms; above it: weighted correlations."), pairs,
        h("h4", {}, "Posterior predictive check"),
        h("p", { class: "hint" }, "Simulations from the posterior (fresh random numbers each) against what happened: a good fit keeps most observed days inside the band."),
        predictiveChart, h("div", { class: "form-actions fit-actions" }, postBtn)),
      h("div", { class: "card wide" },
        h("h3", {}, "Compare plans under this posterior"),
        h("p", { class: "hint" }, "Every plan of the scenario on screen, run over posterior draws (each on the same worlds), as circlecast compare --posterior does: p5–p95 now hold what the campaign could not pin down as well as chance; the last column is the parameters' share of the spread."),
        h("div", { class: "field-row" }, draws, reps), h("div", { class: "form-actions fit-actions" }, forecastBtn), forecastStatus, forecastBox)));

    function setStatus(el: HTMLElement, kind: string, text: string): void {
      el.dataset[el === status ? "fitStatus" : "fitForecastStatus"] = kind;
      el.textContent = text;
    }

    // ------------------------------------------------------------ data and columns

    function useExample(): void {
      const s = store.get();
      if (s.scenario.name !== exampleScenario.name)
        store.load(structuredClone(exampleScenario), { kind: "file", name: "bakery-scenario.json" }, { origin: "bakery-scenario.json" });
      setCsv(EXAMPLE_CSV, exampleCsv);
    }

    async function readFile(): Promise<void> {
      const f = fileInput.files?.[0];
      if (f) setCsv(f.name, await f.text());
    }

    function setCsv(name: string, text: string): void {
      csv = { name, text };
      csvIssues.replaceChildren();
      try {
        const records = readCsv(text);
        header = records[0]?.fields.map((x) => x.trim()) ?? [];
        rows = records.slice(1).map((r) => r.fields);
      } catch (e) {
        if (!(e instanceof CsvSyntaxError)) throw e;
        header = [];
        rows = [];
        csvIssues.replaceChildren(h("li", {}, `${name}: ${e.message}`));
      }
      fileNote.textContent = `${name}: ${rows.length} row(s), ${header.length} column(s).`;
      preview.replaceChildren(h("table", { class: "data compact" },
        h("thead", {}, h("tr", {}, header.map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, rows.slice(0, PREVIEW_ROWS).map((r) => h("tr", {}, header.map((_, k) => h("td", {}, r[k] ?? "")))))));
      mapping = header.length ? guessMapping(header, rows, planWords(), scenario?.population.circles.map((c) => c.name) ?? []) : undefined;
      drawMapping();
    }

    function planWords() {
      return (scenario?.plans ?? []).map((p) => ({ name: p.name, words: [p.description ?? "", ...p.strategies.map((s) => `${s.name ?? ""} ${s.type}`)].join(" ") }));
    }

    function drawMapping(): void {
      if (!mapping) return void mapBox.replaceChildren();
      const m = mapping;
      const planNames = scenario?.plans.map((p) => p.name) ?? [];
      const roleSelect = (k: number) => {
        const c = m.columns[k];
        const sel = h("select", { "data-fit-role": c.column, "aria-label": `What column ${c.column} is`, onchange: () => {
          c.role = sel.value;
          c.fit = c.role !== "spend" && c.role !== "revenue";
          if (!CIRCLE_METRICS.includes(c.role)) delete c.circle;
          if (c.role === "channel") for (const v of new Set(rows.map((r) => (r[k] ?? "").trim()))) if (v) m.channelPlans[v] ??= planNames[0];
          drawMapping();
        } },
        h("option", { value: "ignore" }, "— not used"), h("option", { value: "date" }, "date"), h("option", { value: "tick" }, "tick number"), h("option", { value: "channel" }, "channel → plan"),
        METRIC_CHOICES.map((x) => h("option", { value: x.metric }, x.label)));
        sel.value = c.role;
        return sel;
      };
      const isMetric = (role: string) => METRIC_CHOICES.some((x) => x.metric === role);
      const channelCol = m.columns.findIndex((c) => c.role === "channel");
      const channels = channelCol >= 0 ? [...new Set(rows.map((r) => (r[channelCol] ?? "").trim()))].filter((v) => v) : [];
      fill(mapBox,
        h("table", { class: "data compact" },
          h("thead", {}, h("tr", {}, ["Column", "Is", "Values", "Fit"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, m.columns.map((c, k) => {
            const valuesSel = h("select", { "data-fit-values": c.column, "aria-label": `Daily or running values of ${c.column}`, disabled: !isMetric(c.role), onchange: () => { c.values = valuesSel.value as "daily" | "cumulative"; check(); } },
              h("option", { value: "daily" }, "daily"), h("option", { value: "cumulative" }, "running total"));
            valuesSel.value = c.values;
            const fit = h("input", { type: "checkbox", "data-fit-use": c.column, "aria-label": `Fit to ${c.column}`, checked: isMetric(c.role) && c.fit, disabled: !isMetric(c.role), onchange: () => { c.fit = fit.checked; check(); } });
            // Reach and customers can be one circle's (a per-segment export): a second menu under the first.
            const circleSel = CIRCLE_METRICS.includes(c.role)
              ? h("select", { class: "fit-circle", "data-fit-circle": c.column, "aria-label": `Whole campaign or one circle for ${c.column}`, onchange: () => { if (circleSel!.value) c.circle = circleSel!.value; else delete c.circle; check(); } },
                h("option", { value: "" }, "of all circles"), (scenario?.population.circles ?? []).map((x) => h("option", { value: x.name }, `of ${x.name}`)))
              : undefined;
            if (circleSel) circleSel.value = c.circle ?? "";
            return h("tr", {}, h("th", { scope: "row" }, c.column), h("td", {}, roleSelect(k), circleSel ?? null), h("td", {}, valuesSel), h("td", {}, fit));
          }))),
        channels.length ? h("div", { class: "fit-channels" }, h("h4", {}, "Channels"), h("table", { class: "data compact" }, h("tbody", {}, channels.map((v) => {
          const sel = h("select", { "data-fit-channel": v, "aria-label": `Plan of channel ${v}`, onchange: () => { m.channelPlans[v] = sel.value; check(); } }, planNames.map((p) => h("option", { value: p }, p)));
          sel.value = m.channelPlans[v] ?? planNames[0];
          m.channelPlans[v] = sel.value;
          return h("tr", {}, h("th", { scope: "row" }, v), h("td", {}, "is plan"), h("td", {}, sel));
        })))) : null);
      check();
    }

    /** The CSV under the mapping, read by the CLI's reader against the scenario on screen: every bad cell is listed. */
    function check(): boolean {
      csvIssues.replaceChildren();
      if (!csv || !mapping || !scenario) return false;
      const obs = observedOf(mapping, csv.name);
      const say = (text: string) => (csvIssues.replaceChildren(h("li", {}, text)), (csvStatus.textContent = ""), false);
      if (!obs.time.column) return say("Say which column holds the date (or the tick number).");
      if (obs.metrics.length === 0) return say("Say which columns hold the campaign's numbers.");
      if (!obs.metrics.some((x) => x.fit)) return say("Tick Fit for at least one column.");
      try {
        const o = loadObserved(csv.text, obs, { horizon: scenario.horizon, tickDays: scenario.tickDays, plans: scenario.plans.map((p) => p.name), source: csv.name });
        csvStatus.textContent = `Read: ${o.rows} row(s) on ticks ${o.firstTick}–${o.lastTick} of the scenario's ${scenario.horizon}; ${o.series.length} series, ${o.series.filter((s) => s.fit).length} fitted.`;
        return true;
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        csvStatus.textContent = "";
        csvIssues.replaceChildren(...e.issues.map((i) => h("li", { "data-issue": i.path }, h("code", {}, i.path), ": ", issueText(i))));
        return false;
      }
    }

    // ------------------------------------------------------------ parameters

    function drawParams(): void {
      paramBox.replaceChildren(h("table", { class: "data compact" },
        h("thead", {}, h("tr", {}, ["Parameter", "Prior"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, params.map((p) => {
          const kind = h("select", { "data-prior-kind": "", "aria-label": `Prior of ${p.name}`, onchange: () => { p.prior = switchPrior(p.prior, kind.value as PriorKind); drawParams(); } },
            PRIOR_KINDS.map((k) => h("option", { value: k }, k)));
          kind.value = p.prior.kind;
          const fields = priorFields(p.prior.kind).map((f) => h("label", { class: "prior-field" }, h("span", {}, f === "alpha" ? "α" : f === "beta" ? "β" : f),
            h("input", { type: "number", step: "any", "data-prior": f, value: (p.prior as Record<string, unknown>)[f] as number, onchange: (e: Event) => { (p.prior as Record<string, unknown>)[f] = Number((e.target as HTMLInputElement).value); } })));
          const use = h("input", { type: "checkbox", checked: p.on, "data-use": "", "aria-label": `Fit ${p.label}`, onchange: (e: Event) => { p.on = (e.target as HTMLInputElement).checked; } });
          const what = p.custom
            ? h("span", { class: "custom-path" }, use, h("input", { type: "text", "data-custom-path": "", value: p.path, placeholder: "circles.young-mothers.touchesToConvert.min", "aria-label": "Parameter path", oninput: (e: Event) => {
                const input = e.target as HTMLInputElement;
                p.path = p.name = p.label = input.value.trim();
                input.closest("tr")!.dataset.fitParam = p.path;
              } }),
              h("label", { title: "round to a whole number (counts)" }, h("input", { type: "checkbox", checked: p.custom.integer, "data-integer": "", onchange: (e: Event) => { p.custom!.integer = (e.target as HTMLInputElement).checked; } }), " whole"))
            : h("label", { title: p.path }, use, ` ${p.label}`);
          return h("tr", { "data-fit-param": p.path }, h("th", { scope: "row" }, what), h("td", { class: "prior-fields prior-cell" }, kind, fields));
        }))),
        h("button", { type: "button", "data-action": "fit-add-path", onclick: () => { params.push({ name: "", path: "", label: "", on: true, prior: { kind: "uniform", min: 0, max: 1 }, custom: { integer: false } }); drawParams(); } }, "Add a parameter by path"));
    }

    // ------------------------------------------------------------ the calibration file and the fit

    /** The calibration file of the form: the scenario on screen inline, the CSV by its name (save the two side by side). */
    function fileJson(): Record<string, unknown> | undefined {
      if (!csv || !mapping) return undefined;
      const s = store.get();
      return {
        name: `${s.scenario.name}-fit`,
        description: `Fitted in the viewer to ${csv.name}`,
        scenario: structuredClone(s.raw),
        observed: observedOf(mapping, csv.name),
        parameters: params.filter((p) => p.on).map((p) => ({ name: p.name, path: p.path, prior: p.prior, ...(p.custom?.integer ? { integer: true } : {}) })),
        summaries: { window: value(windowField), transform: "sqrt", scale: "mad" },
        distance: "euclidean",
        abc: { particles: value(particles), generations: value(generations), quantile: 0.5, minAcceptance: 0.03, maxSimulations: value(maxSims), predictive: value(predictive), ...(screening() ? { screen: { neighbours: 4, margin: 1.2 } } : {}) },
        seed: value(seed),
      };
    }

    function downloadFile(): void {
      const f = fileJson();
      if (!f) return void setStatus(status, "invalid", "Load a campaign's CSV first.");
      download(`${slug(String(f.name))}.json`, new Blob([JSON.stringify(f, null, 2) + "\n"], { type: "application/json" }));
    }

    function downloadPosterior(): void {
      if (!result || !prep) return;
      download(`${slug(prep.calibration.name)}-posterior.csv`, new Blob([toCsv(posteriorTable(result))], { type: "text/csv" }));
    }

    function showIssues(list: ScenarioIssue[]): void {
      issues.replaceChildren(...list.map((i) => h("li", { "data-path": i.path }, h("code", {}, i.path), " ", issueText(i))));
    }

    function busy(on: boolean): void {
      runBtn.disabled = on;
      cancelBtn.disabled = !on;
      forecastBtn.disabled = on || !result;
      exampleBtn.disabled = on;
      fileInput.disabled = on;
    }

    async function run(): Promise<void> {
      issues.replaceChildren();
      const file = fileJson();
      if (!file || !csv) return void setStatus(status, "invalid", "Load a campaign's CSV first.");
      if (!check()) return void setStatus(status, "invalid", "Fix the columns above to fit.");
      const text = csv.text;
      try {
        prep = prepareCalibration(file, { source: "calibration", readObserved: () => text });
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        showIssues(e.issues);
        return setStatus(status, "invalid", "Fix the problems above to fit.");
      }
      const p = prep;
      fitParams = p.parameters.map((x) => ({ name: x.name, prior: x.spec.prior }));
      result = undefined;
      gens = [];
      postBtn.disabled = true;
      forecastBox.replaceChildren();
      setStatus(forecastStatus, "idle", "");
      [summary, genTable, marginals, pairs, predictiveChart].forEach((el) => el.replaceChildren());
      const n = Math.max(1, Math.min(16, value(workers)));
      const started = performance.now();
      const handle = runFit(p, n, spawn, {
        onStep: (step) => showStep(step),
        onProgress: (step, pr) => setStatus(status, "running", progressLine(step, pr, p, (performance.now() - started) / 1000)),
      });
      running = handle;
      busy(true);
      setStatus(status, "running", "Starting the workers…");
      const end = await handle.done;
      running = undefined;
      busy(false);
      if (end.status === "cancelled") return setStatus(status, "cancelled", `Cancelled after ${gens.length ? `generation ${gens[gens.length - 1].generation}` : "no generation"}.`);
      if (end.status === "failed") return setStatus(status, "failed", `The fit failed: ${end.message}`);
      result = end.result;
      const last: PopulationView = { generation: result.generations[result.generations.length - 1].generation, values: result.particles.map((x) => x.values), weights: result.particles.map((x) => x.weight), distances: result.particles.map((x) => x.distance) };
      if (gens[gens.length - 1]?.generation !== last.generation) gens.push(last);
      redraw();
      drawGenerations(result.generations);
      drawSummary(result);
      postBtn.disabled = false;
      forecastBtn.disabled = false;
      setStatus(status, "done", `Done: ${result.simulations} simulations + ${p.calibration.abc.predictive} predictive in ${end.seconds.toFixed(1)} s on ${n} worker(s); ${result.stopped}.`);
    }

    /** Where the fit stands; the whole fit's size is known only as it goes, so the budget left bounds its time. */
    function progressLine(step: CalibrationStep, pr: PoolProgress, p: PreparedCalibration, elapsed: number): string {
      const before = step.generations.length ? step.generations[step.generations.length - 1].simulations : 0;
      if (step.kind === "predictive") return `Predictive check: ${progressText(pr)}`;
      const done = before + pr.done;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const bound = rate > 0 ? ` · at most ${seconds((p.calibration.abc.maxSimulations - done + p.calibration.abc.predictive) / rate)} more for the whole budget` : "";
      const eps = Number.isFinite(step.tolerance) ? step.tolerance.toPrecision(3) : "∞";
      return `Generation ${step.generation} of ${p.calibration.abc.generations} · ε ${eps} · ${step.accepted} of ${step.needed} particles accepted before this batch · ${done} of at most ${p.calibration.abc.maxSimulations} simulations${bound} · this batch: ${progressText(pr)}`;
    }

    function showStep(step: CalibrationStep): void {
      drawGenerations(step.generations);
      if (step.population && gens[gens.length - 1]?.generation !== step.population.generation) {
        gens.push(step.population);
        redraw();
      }
    }

    function drawGenerations(list: readonly GenerationStats[]): void {
      genTable.replaceChildren(h("table", { class: "data compact", "data-table": "fit-generations" },
        h("thead", {}, h("tr", {}, ["Gen.", "Tolerance ε", "Proposals", "Accepted", "Rate", "Screened", "ESS", "Sims"].map((t) => h("th", { scope: "col", class: t === "Gen." ? "" : "num" }, t)))),
        h("tbody", {}, list.map((g) => h("tr", {},
          h("th", { scope: "row" }, String(g.generation)),
          h("td", { class: "num" }, Number.isFinite(g.tolerance) ? g.tolerance.toPrecision(4) : "∞"),
          h("td", { class: "num" }, String(g.proposals)), h("td", { class: "num" }, String(g.accepted)),
          h("td", { class: "num" }, `${(g.acceptanceRate * 100).toFixed(1)} %`), h("td", { class: "num" }, String(g.screened)), h("td", { class: "num" }, g.ess.toFixed(1)), h("td", { class: "num" }, String(g.simulations)))))));
    }

    function drawSummary(res: CalibrationResult): void {
      const s = posteriorSummary(res);
      const prior = (p: Prior) => p.kind === "beta" ? `Beta(${p.alpha}, ${p.beta}) on ${p.min}–${p.max}` : p.kind === "normal" ? `normal(${p.mean}, ${p.sd}) on ${p.min}–${p.max}` : `${p.kind} ${p.min}–${p.max}`;
      const cover = bandCoverage(res);
      fill(summary, h("table", { class: "data compact", "data-table": "fit-posterior" },
        h("thead", {}, h("tr", {}, ["Parameter", "Prior", "Mean", "90 % interval"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, s.map((x, j) => h("tr", { "data-param": x.name },
          h("th", { scope: "row" }, x.name), h("td", { class: "range" }, prior(fitParams[j].prior)),
          h("td", { class: "num", "data-mean": String(x.mean) }, x.mean.toPrecision(3)), h("td", { class: "num" }, `${x.p5.toPrecision(3)} – ${x.p95.toPrecision(3)}`))))),
        cover.length ? h("p", { class: "hint" }, `Observed values inside the predictive 5–95 % band: ${cover.map((c) => `${metricLabel(c.metric)} ${c.inside}/${c.known}`).join(", ")}.`) : null);
    }

    function width(el: HTMLElement): number {
      return Math.max(320, Math.floor((el.parentElement?.clientWidth ?? 640) - 28));
    }

    function redraw(): void {
      if (root.hidden || gens.length === 0) return; // a hidden tab is drawn when shown
      drawMarginals(marginals, fitParams, gens, width(marginals));
      drawPairs(pairs, fitParams, gens[gens.length - 1], Math.min(width(pairs), 620));
      if (result && prep && result.predictive.length) {
        const col = new Map(prep.observed.series.map((s) => [`${s.plan}/${s.metric}`, s]));
        drawPredictive(predictiveChart, result.predictive.map((b) => {
          const s = col.get(`${b.plan}/${b.metric}`);
          return { ...b, label: `${s?.column ?? metricLabel(b.metric)} (${b.values === "daily" ? "daily" : "running"})${prep!.plans.length > 1 ? ` · ${b.plan}` : ""}` };
        }), width(predictiveChart), prep.base.tickDays);
      }
    }

    // ------------------------------------------------------------ plans under the posterior

    async function forecast(): Promise<void> {
      if (!result || !prep) return;
      const s = store.get().scenario;
      const post = { parameters: prep.parameters.map((p) => ({ name: p.name, path: p.spec.path, integer: p.spec.integer })), particles: result.particles.map((x) => ({ values: x.values, weight: x.weight })) };
      const n = Math.max(1, Math.min(16, value(workers)));
      const job = runForecast(s, post, { draws: value(draws), replicates: value(reps), seed: s.seed }, n, spawn, (pr) => setStatus(forecastStatus, "running", `Forecasting: ${progressText(pr)}`));
      running = job;
      busy(true);
      setStatus(forecastStatus, "running", "Starting the workers…");
      const end = await job.done;
      running = undefined;
      busy(false);
      if (end.status === "cancelled") return setStatus(forecastStatus, "cancelled", "Cancelled.");
      if (end.status === "failed") return setStatus(forecastStatus, "failed", `The forecast failed: ${end.message}`);
      drawForecast(end.forecast);
      setStatus(forecastStatus, "done", `Over ${end.forecast.draws} posterior draws × ${end.forecast.replicates} worlds (the same worlds for every draw). In the CLI: circlecast compare ${slug(s.name)}.json --posterior DIR --draws ${end.forecast.draws} -r ${end.forecast.replicates}`);
    }

    function drawForecast(f: Forecast): void {
      const unit = (metric: string) => (metric === "revenue" || metric === "spend" || metric === "costPerConversion" ? "money" : metric === "roi" ? "ratio" : "count") as "money" | "ratio" | "count";
      forecastBox.replaceChildren(h("table", { class: "data compact", "data-table": "fit-forecast" },
        h("thead", {}, h("tr", {}, ["Plan", "Metric", "Mean", "p5 – p95", "From params"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, f.rows.map((r) => h("tr", { "data-plan": r.plan, "data-metric": r.metric },
          h("th", { scope: "row" }, r.plan), h("td", {}, r.metric),
          h("td", { class: "num", "data-mean": String(r.mean) }, fmtShort(r.mean, unit(r.metric))),
          h("td", { class: "num" }, `${fmtShort(r.p5, unit(r.metric))} – ${fmtShort(r.p95, unit(r.metric))}`),
          h("td", { class: "share", "data-share": String(r.parameterShare) }, h("span", { class: "share-bar" }, h("span", { style: `width:${(r.parameterShare * 100).toFixed(0)}%` })), ` ${(r.parameterShare * 100).toFixed(0)} %`))))));
    }

    // ------------------------------------------------------------ showing

    function sync(s: AppState): void {
      if (s.scenario === scenario) return;
      scenario = s.scenario;
      if (mapping) for (const [v, p] of Object.entries(mapping.channelPlans)) if (!scenario.plans.some((x) => x.name === p)) mapping.channelPlans[v] = scenario.plans[0].name;
      drawMapping();
    }
    drawParams();
    return whileShown(store, sync, redraw);
  },
};
