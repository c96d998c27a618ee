/**
 * Load a `circlecast sweep` output: pick or drop runs.csv, with points.csv and manifest.json from the
 * same folder if at hand (files are recognised by their content, so renamed copies work). Problems
 * are listed by file; a good set replaces the loaded results.
 */
import { h } from "../../dom.ts";
import { VERSION } from "../../export/csv.ts";
import { SweepFileError, sweepDataFromCli, type CliFiles } from "./cli-files.ts";
import type { SweepData } from "./data.ts";
import type { ResultsCard } from "./results.ts";

/** Which sweep file a text is: a manifest (JSON), runs.csv or points.csv (by their header). */
export function kindOf(text: string): "manifest" | "runs" | "points" | undefined {
  const t = text.trimStart();
  if (t.startsWith("{")) return "manifest";
  if (/^run,point,replicate,seed,/.test(t)) return "runs";
  if (/^point,seed[,\r\n]/.test(t)) return "points";
  return undefined;
}

/** Read a set of files into a SweepData; throws SweepFileError. */
export async function readSweepFiles(files: readonly File[]): Promise<SweepData> {
  const f: Partial<CliFiles> = {};
  for (const file of files) {
    const text = await file.text();
    const kind = kindOf(text);
    if (!kind) throw new SweepFileError(file.name, "not a file of a circlecast sweep output (expected runs.csv, points.csv or manifest.json)");
    if (kind === "runs") f.name = file.name.replace(/\.csv$/i, "");
    f[kind] = text;
  }
  if (f.runs === undefined) throw new SweepFileError("runs.csv", "missing: pick the sweep's runs.csv (points.csv and manifest.json are optional)");
  return sweepDataFromCli(f as CliFiles);
}

export function sweepLoader(results: ResultsCard): HTMLElement {
  const input = h("input", { type: "file", id: "sweep-files", multiple: true, accept: ".csv,.json,text/csv,application/json", class: "visually-hidden" });
  const status = h("p", { class: "load-status", "aria-live": "polite", "data-load-status": "" });
  const load = async (files: File[]) => {
    if (!files.length) return;
    status.classList.remove("error");
    try {
      const d = await readSweepFiles(files);
      const runs = new Set(d.rows.map((r) => r.run)).size;
      status.textContent = `Loaded ${d.title}: ${d.params.length} parameter${d.params.length > 1 ? "s" : ""} (${d.params.map((p) => p.name).join(", ")}), ${d.points.length} points, ${runs} runs, ${d.plans.length} plan${d.plans.length > 1 ? "s" : ""}.`;
      status.dataset.loadStatus = "ok";
      results.set(d, {
        stem: `${d.title}-cli`,
        caption: `${d.title} (circlecast sweep output) · ${d.points.length} points × ${d.replicates} replicates · mean over each cell's runs · viewer ${VERSION}`,
      });
    } catch (e) {
      if (!(e instanceof SweepFileError)) throw e;
      status.textContent = e.message;
      status.classList.add("error");
      status.dataset.loadStatus = "error";
    }
  };
  input.addEventListener("change", () => {
    void load([...(input.files ?? [])]);
    input.value = "";
  });
  const zone = h("div", { class: "sweep-drop", "data-own-drop": "sweep" },
    h("label", { for: "sweep-files", class: "button", role: "button", tabindex: 0,
      onkeydown: (e: Event) => { const k = (e as KeyboardEvent).key; if (k === "Enter" || k === " ") { e.preventDefault(); input.click(); } } }, "Load sweep output…"),
    input,
    h("span", { class: "hint" }, "pick or drop runs.csv, with points.csv and manifest.json from the same folder (optional)"));
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    void load([...(e.dataTransfer?.files ?? [])]);
  });
  return h("div", { class: "sweep-loader" }, zone, status);
}
