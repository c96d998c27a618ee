/**
 * Mounts the viewer: scenario picker, parameter form and run status on the left; the scenario's story,
 * problems, and the view tabs (views/registry.ts) on the right. It opens on the shared link's scenario
 * if the URL holds one, else on the three-stages comparison, and starts computing at once.
 */
import "./style.css";
import { h } from "./dom.ts";
import { createEngineClient } from "./engine.ts";
import { scenarioForm } from "./form/scenario-form.ts";
import { DEFAULT_SCENARIO, libraryEntry, libraryScenario } from "./library.ts";
import { issuesPanel } from "./panels/issues.ts";
import { runStatus } from "./panels/run-status.ts";
import { dropZone, scenarioPicker } from "./panels/scenario-picker.ts";
import { leversPanel } from "./panels/levers.ts";
import { toolbar } from "./panels/toolbar.ts";
import { createStore, type AppState, type Source, type Store } from "./state.ts";
import { decodeScenarioHash, encodeScenarioHash, MAX_URL_CHARS } from "./url.ts";
import { VIEWS } from "./views/registry.ts";
import type { ViewInstance } from "./views/view.ts";
import { VERSION } from "./export/csv.ts";
import { consumerCount } from "../engine/viewer.ts";

async function initial(): Promise<{ raw: Record<string, unknown>; source: Source; linkError?: string; linkRaw?: unknown }> {
  const fallback = { raw: libraryScenario(DEFAULT_SCENARIO), source: { kind: "library", name: DEFAULT_SCENARIO } as Source };
  try {
    const linked = await decodeScenarioHash(location.hash);
    if (linked === undefined) return fallback;
    return { ...fallback, linkRaw: linked };
  } catch (e) {
    return { ...fallback, linkError: (e as Error).message };
  }
}

function header(store: Store): HTMLElement {
  const title = h("h1", { class: "scenario-title" });
  const story = h("p", { class: "scenario-story" });
  const meta = h("p", { class: "scenario-meta" });
  const sync = (s: AppState) => {
    const sc = s.scenario;
    title.textContent = (sc.title ?? sc.name) + (s.edited ? " (edited)" : "");
    story.textContent = sc.story ?? "";
    story.hidden = !sc.story;
    const agents = consumerCount(sc.population);
    const src = s.source.kind === "library" ? `built-in: ${s.source.name}` : s.source.kind === "file" ? `file: ${s.source.name}` : "shared link";
    meta.textContent = `${src} · ${sc.plans.length} plan${sc.plans.length > 1 ? "s" : ""} · ${sc.population.circles.length} circle${sc.population.circles.length > 1 ? "s" : ""} · ${agents.toLocaleString("en-US")} consumers · ${sc.horizon} ticks of ${sc.tickDays} day${sc.tickDays === 1 ? "" : "s"} · model ${sc.model.kind}`;
  };
  store.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario || s.edited !== prev.edited || s.source !== prev.source) sync(s);
  });
  sync(store.get());
  return h("div", { class: "scenario-head" }, title, meta, story);
}

function tabs(store: Store): HTMLElement {
  const list = h("div", { class: "tabs", role: "tablist", "aria-label": "Views" });
  const panels = h("div", { class: "tab-panels" });
  const mounted: { id: string; tab: HTMLButtonElement; panel: HTMLElement; view: ViewInstance }[] = [];
  const select = (id: string) => {
    for (const m of mounted) {
      const on = m.id === id;
      m.tab.setAttribute("aria-selected", String(on));
      m.tab.tabIndex = on ? 0 : -1;
      m.panel.hidden = !on;
      if (on) m.view.shown?.();
      else m.view.hidden?.();
    }
  };
  for (const v of VIEWS) {
    const tab = h("button", { type: "button", role: "tab", id: `tab-${v.id}`, "aria-controls": `view-${v.id}`, "data-view": v.id, onclick: () => select(v.id) }, v.label);
    const panel = h("div", { role: "tabpanel", id: `view-${v.id}`, "aria-labelledby": `tab-${v.id}`, class: "view" });
    list.append(tab);
    panels.append(panel);
    mounted.push({ id: v.id, tab, panel, view: v.mount(panel, store) });
  }
  list.addEventListener("keydown", (e) => {
    const i = mounted.findIndex((m) => m.tab === document.activeElement);
    if (i < 0 || (e.key !== "ArrowRight" && e.key !== "ArrowLeft")) return;
    const next = mounted[(i + (e.key === "ArrowRight" ? 1 : mounted.length - 1)) % mounted.length];
    next.tab.focus();
    select(next.id);
  });
  const update = (s: AppState, prev: AppState | undefined) => {
    for (const m of mounted) {
      const v = VIEWS.find((x) => x.id === m.id)!;
      m.tab.hidden = !v.available(s);
      m.view.update(s, prev);
    }
  };
  store.subscribe(update);
  update(store.get(), undefined);
  select(VIEWS[0].id);
  return h("div", { class: "views" }, list, panels);
}

async function main(): Promise<void> {
  const root = document.getElementById("app")!;
  const init = await initial();
  const engine = createEngineClient();
  const store = createStore(engine, init);
  // Reset returns to the scenario as last loaded (library entry, file or link), before any edit.
  let original = { raw: init.raw, source: init.source };
  store.subscribe((s) => {
    if (!s.edited && s.raw !== original.raw) original = { raw: s.raw, source: s.source };
  });
  const reset = () => store.load(structuredClone(original.raw), original.source);

  root.replaceChildren(
    h("header", { class: "app-bar" },
      h("div", { class: "brand" }, h("span", { class: "logo", "aria-hidden": "true" }, "◎"), "Circlecast", h("span", { class: "version" }, `v${VERSION}`)),
      toolbar(store)),
    h("div", { class: "layout" },
      h("aside", { class: "sidebar", "aria-label": "Scenario" },
        h("h2", {}, "Scenario"), scenarioPicker(store),
        h("h2", {}, "Live levers"), leversPanel(store),
        h("h2", {}, "Parameters"), scenarioForm(store, reset)),
      h("main", { class: "content" }, header(store), runStatus(store), issuesPanel(store), tabs(store))),
    dropZone(store),
  );

  // The URL follows what is on screen (except the untouched default, and a scenario too large for a
  // URL: "Share link" then saves a file), so a reload replays it exactly.
  store.subscribe((s, prev) => {
    if (s.raw === prev.raw) return;
    const bare = location.pathname + location.search;
    const untouched = s.source.kind === "library" && s.source.name === DEFAULT_SCENARIO && !s.edited;
    if (untouched) history.replaceState(null, "", bare);
    else
      void encodeScenarioHash(s.raw).then((hash) => {
        if (store.get().raw === s.raw) history.replaceState(null, "", location.origin.length + bare.length + hash.length <= MAX_URL_CHARS ? hash : bare);
      });
  });
  window.addEventListener("hashchange", () => {
    void decodeScenarioHash(location.hash).then(
      (raw) => { if (raw !== undefined) store.load(raw, { kind: "link" }); },
      (e: Error) => store.reject({ source: "link", issues: [{ path: "link", message: e.message }] }),
    );
  });

  if (init.linkError) {
    store.reject({ source: "link", issues: [{ path: "link", message: init.linkError }] });
    store.run();
  } else if (init.linkRaw !== undefined) {
    const entry = findLibraryTwin(init.linkRaw);
    if (!store.load(init.linkRaw, entry ? { kind: "library", name: entry } : { kind: "link" })) store.run();
  } else store.run();
}

/** A link to an unedited built-in scenario shows it as that library entry. */
function findLibraryTwin(raw: unknown): string | undefined {
  const name = (raw as { name?: unknown })?.name;
  const e = typeof name === "string" ? libraryEntry(name) : undefined;
  return e && JSON.stringify(e.raw) === JSON.stringify(raw) ? e.name : undefined;
}

void main();
