/**
 * The scenario builder: the whole scenario as a form generated from its JSON Schema (form/schema-form.ts):
 * add, rename and remove circles, contents and plans, pick each plan's strategies and set every field,
 * with the schema's documentation, bounds and defaults as help, schedules on a timeline. Every change is
 * checked by the scenario schema (parseScenario) and each problem shown under its field; "Apply and run"
 * makes the draft the scenario on screen (the share link and "Scenario JSON" follow), "Download" saves it.
 */
import { parseScenario, SCENARIO_JSON_SCHEMA, type ScenarioIssue } from "../../../engine/viewer.ts";
import { h } from "../../dom.ts";
import { download, slug } from "../../export/download.ts";
import { node, pathText, type FormContext, type JsonSchema } from "../../form/schema-form.ts";
import { getAt, setAt } from "../../form/paths.ts";
import { issueText } from "../../panels/issue-text.ts";
import type { AppState } from "../../state.ts";
import type { View } from "../view.ts";

const ROOT = SCENARIO_JSON_SCHEMA as unknown as JsonSchema;

/** The builder's sections: which top-level fields each holds. */
const SECTIONS: { id: string; title: string; fields: string[]; open?: boolean }[] = [
  { id: "run", title: "Scenario and run", fields: ["name", "title", "story", "horizon", "tickDays", "currency", "replicates", "seed", "model"], open: true },
  { id: "population", title: "Circles (population)", fields: ["population"], open: true },
  { id: "plans", title: "Plans and their strategies", fields: ["plans"], open: true },
  { id: "contents", title: "Contents", fields: ["contents"] },
  { id: "product", title: "Product", fields: ["product"] },
  { id: "network", title: "Network", fields: ["network"] },
  { id: "dynamics", title: "Dynamics", fields: ["dynamics"] },
];

/** Whether two JSON values are equal (the builder's own Apply comes back as a copy of its draft). */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export const builderView: View = {
  id: "builder",
  label: "Build",
  available: () => true,
  mount(root, store) {
    let draft: Record<string, unknown> = {};
    let loaded: unknown;
    let slots = new Map<string, HTMLElement>();
    let watchers: (() => void)[] = [];
    let shownRejection: unknown;
    const body = h("div", { class: "builder-sections" });
    const general = h("ul", { class: "form-issues", "aria-live": "polite" });
    const status = h("span", { class: "form-status", "aria-live": "polite", "data-builder-status": "" });
    const apply = h("button", { type: "button", class: "primary", "data-action": "builder-apply", onclick: () => run() }, "Apply and run");
    const discard = h("button", { type: "button", "data-action": "builder-discard", onclick: () => reset(store.get()) }, "Discard changes");
    const save = h("button", { type: "button", "data-action": "builder-download", onclick: () => download(`${slug(String(draft.name ?? "scenario"))}.json`, new Blob([JSON.stringify(draft, null, 2) + "\n"], { type: "application/json" })) }, "Download JSON");
    root.append(h("section", { class: "view-section builder", "data-section": "builder" },
      h("h2", {}, "Build your own scenario"),
      h("p", { class: "hint" }, "Every field of the scenario, with what it means, its range and its default. Add, rename or remove circles, contents and plans; add strategies to a plan. Problems show under their field as you type."),
      h("div", { class: "builder-actions" }, apply, save, discard, status), general, body));

    const ctx: FormContext = {
      get: (path) => getAt(draft, path),
      set(path, value, structure) {
        setAt(draft, {}, path, value);
        if (structure) render();
        else for (const w of watchers) w();
        check();
      },
      watch: (fn) => void watchers.push(fn),
      open: new Map(),
      errorSlot(path) {
        const key = pathText(path);
        const el = h("span", { class: "field-error", "data-build-error-for": key });
        slots.set(key, el);
        return el;
      },
      horizon: () => Number(draft.horizon ?? 0) || 1,
    };

    function render(): void {
      slots = new Map();
      watchers = [];
      const props = ROOT.properties ?? {};
      body.replaceChildren(...SECTIONS.map((sec) => h("details", { class: "card builder-section", open: sec.open, "data-builder-section": sec.id },
        h("summary", {}, h("h3", {}, sec.title)),
        h("div", { class: "sf-fields" }, sec.fields.filter((f) => props[f]).map((f) => node(f, props[f], [f], ctx))))));
    }

    function show(issues: ScenarioIssue[]): void {
      for (const el of slots.values()) el.textContent = "";
      const rest: ScenarioIssue[] = [];
      for (const i of issues) {
        // The field itself, else its nearest enclosing one on the form.
        let p = i.path;
        while (p && !slots.has(p)) {
          const up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
          p = up === p ? "" : up; // "plans": nothing left to strip
        }
        const el = p ? slots.get(p) : undefined;
        if (el) el.textContent = el.textContent ? `${el.textContent}; ${issueText(i)}` : issueText(i);
        else rest.push(i);
      }
      general.replaceChildren(...rest.map((i) => h("li", { "data-build-path": i.path }, h("code", {}, i.path || "(scenario)"), " ", issueText(i))));
    }

    function check(): boolean {
      const r = parseScenario(draft);
      const issues = r.ok ? [] : r.issues;
      show(issues);
      apply.disabled = issues.length > 0;
      status.dataset.builderStatus = issues.length ? "invalid" : "ok";
      status.textContent = issues.length ? `${issues.length} problem${issues.length > 1 ? "s" : ""} to fix` : sameJson(draft, store.get().raw) ? "" : "changed — Apply and run to compute it";
      return issues.length === 0;
    }

    function run(): void {
      if (!check()) return;
      const s = store.get();
      loaded = draft;
      if (!store.load(structuredClone(draft), s.source, { edited: true, origin: "builder" })) check();
    }

    function reset(s: AppState): void {
      draft = structuredClone(s.raw);
      ctx.open.clear();
      loaded = s.raw;
      render();
      check();
    }

    // The form is drawn when the tab is shown, not on every scenario change while it is hidden.
    let visible = false;
    let stale = true;
    return {
      shown() {
        visible = true;
        if (stale) reset(store.get());
        stale = false;
      },
      hidden() {
        visible = false;
      },
      update(s) {
        if (s.raw !== loaded) {
          if (!visible) stale = true; // drawn when shown (comparing a large scenario on every progress update would cost)
          else if (sameJson(s.raw, loaded)) loaded = s.raw;
          else reset(s);
        }
        // What only the engine checks (a budget below the strategies' planned cost) comes back from the run: under its field too.
        if (visible && s.rejected && s.rejected !== shownRejection && (s.rejected.source === "run" || s.rejected.source === "builder")) {
          shownRejection = s.rejected;
          show(s.rejected.issues);
          status.dataset.builderStatus = "invalid";
          status.textContent = `the engine found ${s.rejected.issues.length} problem${s.rejected.issues.length > 1 ? "s" : ""}: see the fields`;
        }
      },
    };
  },
};

