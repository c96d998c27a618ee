/**
 * Choose what to simulate: a built-in scenario (title and story), or a scenario file from disk by the
 * file picker or by dropping it anywhere on the page. Unreadable or invalid files are rejected with
 * every problem listed; the scenario on screen stays as it was.
 */
import { h } from "../dom.ts";
import { LIBRARY, libraryScenario } from "../library.ts";
import type { Store } from "../state.ts";
import { MAX_JSON_BYTES } from "../../engine/viewer.ts";

/** JSON.parse with the error's line and column, as the CLI reports them. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, "")) }; // a byte-order mark some editors write
  } catch (e) {
    const msg = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const pos = /position (\d+)/.exec(msg);
    let where = "";
    if (lc) where = `line ${lc[1]}, column ${lc[2]}: `;
    else if (pos) {
      const before = text.slice(0, Number(pos[1]));
      where = `line ${before.split("\n").length}, column ${Number(pos[1]) - before.lastIndexOf("\n")}: `;
    }
    return { ok: false, message: `${where}not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, "").replace(/ \(line \d+ column \d+\)$/, "")})` };
  }
}

function firstSentence(story: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(story);
  return m ? m[1] : story;
}

export async function loadFile(store: Store, file: File): Promise<void> {
  if (file.size > MAX_JSON_BYTES) {
    store.reject({ source: file.name, issues: [{ path: "file", message: `${file.size} bytes, more than the ${MAX_JSON_BYTES / 2 ** 20} MiB a scenario file may have` }] });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    store.reject({ source: file.name, issues: [{ path: "file", message: "cannot be read" }] });
    return;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    store.reject({ source: file.name, issues: [{ path: "file", message: parsed.message }] });
    return;
  }
  store.load(parsed.value, { kind: "file", name: file.name });
}

export function scenarioPicker(store: Store): HTMLElement {
  const select = h("select", { id: "library" },
    LIBRARY.map((e) => h("option", { value: e.name }, e.title)),
    h("option", { value: "", disabled: true, hidden: true }, "— a loaded scenario —"));
  const pick = (name: string) => store.load(libraryScenario(name), { kind: "library", name });
  select.addEventListener("change", () => {
    if (select.value) pick(select.value);
  });
  // Every built-in scenario with the start of its story, to choose by what it shows.
  const cards = LIBRARY.map((e) =>
    h("li", {}, h("button", { type: "button", class: "library-card", "data-scenario": e.name, onclick: () => pick(e.name) },
      h("span", { class: "library-title" }, e.title),
      h("span", { class: "library-story" }, firstSentence(e.story)))));
  const browse = h("details", { class: "library-browser" }, h("summary", {}, `Browse all ${LIBRARY.length} scenarios`), h("ul", {}, cards));
  const file = h("input", { type: "file", id: "scenario-file", accept: ".json,application/json", class: "visually-hidden" });
  file.addEventListener("change", () => {
    const f = file.files?.[0];
    if (f) void loadFile(store, f);
    file.value = "";
  });
  const sync = () => {
    const s = store.get();
    const src = s.source;
    select.value = src.kind === "library" ? src.name : "";
    for (const b of browse.querySelectorAll<HTMLButtonElement>("button[data-scenario]"))
      b.setAttribute("aria-current", String(src.kind === "library" && b.dataset.scenario === src.name));
  };
  store.subscribe((s, prev) => {
    if (s.source !== prev.source) sync();
  });
  sync();
  return h("div", { class: "picker" },
    h("label", { for: "library" }, "Built-in scenario"),
    select,
    browse,
    h("div", { class: "file-row" },
      h("label", { for: "scenario-file", class: "button", role: "button", tabindex: 0,
        onkeydown: (e: Event) => { const k = (e as KeyboardEvent).key; if (k === "Enter" || k === " ") { e.preventDefault(); file.click(); } } }, "Load scenario file…"),
      file,
      h("span", { class: "hint" }, "or drop a .json file anywhere"),
    ),
  );
}

/** Accept a dropped scenario file anywhere on the page, with an overlay while dragging. */
export function dropZone(store: Store): HTMLElement {
  const overlay = h("div", { class: "drop-overlay", hidden: true }, h("div", {}, "Drop a scenario file (.json) to load it"));
  let depth = 0;
  const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes("Files");
  window.addEventListener("dragenter", (e) => {
    if (!hasFiles(e)) return;
    depth++;
    overlay.hidden = false;
  });
  window.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) overlay.hidden = true;
  });
  // Panels with their own drop zone ([data-own-drop], e.g. the Sweep tab's output loader) take their files themselves.
  const own = (e: DragEvent) => e.target instanceof Element && e.target.closest("[data-own-drop]") !== null;
  window.addEventListener("dragover", (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    overlay.hidden = own(e);
  });
  window.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (own(e)) return;
    const f = e.dataTransfer?.files?.[0];
    if (f) void loadFile(store, f);
  });
  return overlay;
}
