/**
 * The run's progress (plan-runs done of all), a Cancel button while the worker runs, how the last run
 * ended, and how many threads each run is split across.
 */
import { h } from "../dom.ts";
import type { Store, Threads } from "../state.ts";

/** Threads per run: auto, then 1, 2, 4, … up to the cores the browser reports (at most 16). */
function threadsPicker(store: Store): HTMLElement {
  const cores = Math.min(16, navigator.hardwareConcurrency || 1);
  const counts = [1, 2, 4, 8, 16].filter((k) => k === 1 || k <= cores);
  const select = h("select", { "data-setting": "threads", "aria-label": "Threads per run",
    title: "Split each run (social model or Independent Cascade) across this many workers: the results are identical, large runs finish sooner. Auto: several threads per run from 100,000 consumers on; below that, the replicates run side by side on one worker per core.",
    onchange: () => store.setThreads((select.value === "auto" ? "auto" : Number(select.value)) as Threads) },
    h("option", { value: "auto" }, "auto"), counts.map((k) => h("option", { value: String(k) }, String(k)))) as HTMLSelectElement;
  select.value = String(store.get().threads);
  return h("label", { class: "threads" }, "Threads per run ", select);
}

export function runStatus(store: Store): HTMLElement {
  const bar = h("div", { class: "progress-fill" });
  const progress = h("div", { class: "progress", role: "progressbar", "aria-label": "Simulation progress", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 }, bar);
  const text = h("span", { class: "run-text", "aria-live": "polite" });
  const cancel = h("button", { type: "button", class: "cancel", "data-action": "cancel", onclick: () => store.cancel() }, "Cancel");
  const rerun = h("button", { type: "button", "data-action": "rerun", onclick: () => store.run() }, "Run again");
  const el = h("div", { class: "run-status", "data-status": "idle" }, progress, text, cancel, rerun, threadsPicker(store));
  const render = () => {
    const s = store.get();
    const r = s.run;
    el.dataset.status = r.status;
    el.dataset.run = String(s.runs);
    const running = r.status === "running";
    cancel.hidden = !running;
    rerun.hidden = running;
    progress.hidden = !running;
    if (r.status === "running") {
      const pct = r.progress.total ? (100 * r.progress.done) / r.progress.total : 0;
      bar.style.width = `${pct}%`;
      progress.setAttribute("aria-valuenow", String(Math.round(pct)));
      text.textContent = `Simulating… ${r.progress.done} of ${r.progress.total} plan-runs (${s.scenario.plans.length} plan${s.scenario.plans.length > 1 ? "s" : ""} × ${s.scenario.replicates} replicates)`;
    } else if (r.status === "done" && s.simulation) {
      const p = s.simulation.provenance;
      const split = r.threads > 1 ? ` on ${r.threads} threads per run` : r.workers > 1 ? ` on ${r.workers} workers` : "";
      text.textContent = `Computed in ${(r.ms / 1000).toFixed(1)} s${split} · seed ${p.seed} · ${p.replicates} replicates · model ${p.modelVersion}${r.note ? ` · ${r.note}` : ""}`;
    } else if (r.status === "cancelled") {
      const other = s.simulation && s.simulationRaw !== s.raw
        ? ` (${s.simulation.scenario.title ?? s.simulation.scenario.name}, seed ${s.simulation.provenance.seed}, ${s.simulation.provenance.replicates} replicates)` : "";
      text.textContent = s.simulation ? `Cancelled — showing the previous results${other}.` : "Cancelled.";
    }
    else if (r.status === "failed") text.textContent = `Run failed: ${r.message}`;
    else text.textContent = "";
  };
  store.subscribe(render);
  render();
  return el;
}
