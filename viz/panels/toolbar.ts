/**
 * Share and export the whole run: a link that restores scenario and seed exactly, the per-tick series
 * and final values as the CLI writes them, and the scenario JSON (runnable with `circlecast run`).
 */
import { h } from "../dom.ts";
import { seriesCsv, summaryCsv } from "../export/csv.ts";
import { download } from "../export/download.ts";
import type { Store } from "../state.ts";
import { encodeScenarioHash, MAX_URL_CHARS } from "../url.ts";

export function toolbar(store: Store): HTMLElement {
  const link = h("input", { type: "text", readonly: true, class: "share-url", "aria-label": "Share link", hidden: true, "data-share-url": "" });
  const copied = h("span", { class: "copied", "aria-live": "polite" });
  const stem = () => {
    const s = store.get().simulation!;
    return `${s.scenario.name}-seed${s.provenance.seed}`;
  };
  const needSim = (act: () => void) => () => {
    if (store.get().simulation) act();
  };
  const share = async () => {
    const s = store.get();
    const raw = s.simulationRaw ?? s.raw;
    const url = new URL(location.href);
    url.hash = await encodeScenarioHash(raw);
    if (url.href.length > MAX_URL_CHARS) {
      // Too long to open in a browser: the scenario goes in a file instead (it loads with "Open a file").
      link.hidden = true;
      download(`${stem()}.json`, new Blob([JSON.stringify(raw, null, 2) + "\n"], { type: "application/json" }));
      copied.textContent = `This scenario is too large for a link (${(url.href.length / 2 ** 20).toFixed(1)} MiB; browsers open at most 2 MiB): it was saved as a file to share instead`;
      return;
    }
    history.replaceState(null, "", url);
    link.value = url.href;
    link.hidden = false;
    link.select();
    try {
      await navigator.clipboard.writeText(url.href);
      copied.textContent = "Link copied";
    } catch {
      copied.textContent = "Copy the link above";
    }
  };
  const buttons = [
    h("button", { type: "button", "data-action": "share", onclick: () => void share() }, "Share link"),
    h("button", { type: "button", "data-export": "series-csv", title: "Per-tick series of every metric, as `circlecast run --out series.csv` writes it",
      onclick: needSim(() => download(`${stem()}-series.csv`, new Blob([seriesCsv(store.get().simulation!)], { type: "text/csv" }))) }, "Series CSV"),
    h("button", { type: "button", "data-export": "summary-csv", title: "Final values per plan, as `circlecast compare --format csv` prints them",
      onclick: needSim(() => download(`${stem()}-summary.csv`, new Blob([summaryCsv(store.get().simulation!)], { type: "text/csv" }))) }, "Summary CSV"),
    h("button", { type: "button", "data-export": "scenario-json", title: "The scenario as run (seed and replicates included)",
      onclick: needSim(() => download(`${stem()}.json`, new Blob([JSON.stringify(store.get().simulationRaw, null, 2) + "\n"], { type: "application/json" }))) }, "Scenario JSON"),
  ];
  const el = h("div", { class: "toolbar", role: "toolbar", "aria-label": "Share and export" }, buttons, link, copied);
  const sync = () => {
    const has = !!store.get().simulation;
    for (const b of buttons) b.disabled = !has;
  };
  store.subscribe((s, prev) => {
    if (s.simulation !== prev.simulation) {
      sync();
      link.hidden = true;
      copied.textContent = "";
    }
  });
  sync();
  return el;
}
