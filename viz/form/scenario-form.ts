/**
 * The parameter form: seed, replicates and horizon; circles and their purchase thresholds; each plan's
 * budget and strategy schedules. Every keystroke is checked by the zod schema (parseScenario) and each
 * problem is shown under its field; Run applies the edits to the scenario and re-runs it.
 */
import { parseScenario, type Scenario, type ScenarioIssue } from "../../engine/viewer.ts";
import { fill, h } from "../dom.ts";
import { tickUnit } from "../time.ts";
import { issueText } from "../panels/issue-text.ts";
import type { AppState, Store } from "../state.ts";
import { circleFields, planGroups, runFields, type Field } from "./fields.ts";
import { getAt, parsePath, setAt, type Segment } from "./paths.ts";
import { planColor } from "../charts/palette.ts";

/** The value shown for a path: the raw JSON's, else the parsed default; a one-tick schedule reads as {start, 1, 1}. */
function valueAt(raw: unknown, parsed: Scenario, path: Segment[]): unknown {
  for (const root of [raw, parsed]) {
    const i = path.lastIndexOf("at");
    if (i >= 0 && i === path.length - 2) {
      const at = getAt(root, path.slice(0, i + 1));
      if (typeof at === "number") return path[i + 1] === "start" ? at : 1;
    }
    const v = getAt(root, path);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function scenarioForm(store: Store, reset: () => void): HTMLElement {
  const el = h("form", { class: "scenario-form", novalidate: true, "aria-label": "Scenario parameters" });
  let inputs = new Map<string, { input: HTMLInputElement; error: HTMLElement; field: Field }>();
  let rendered: Record<string, unknown> | undefined;
  let dirty = new Set<string>();
  const general = h("ul", { class: "form-issues", "aria-live": "polite" });
  const runBtn = h("button", { type: "submit", class: "primary", "data-action": "apply" }, "Apply and run");
  const resetBtn = h("button", { type: "button", "data-action": "reset", onclick: () => reset() }, "Reset");
  const status = h("span", { class: "form-status", "aria-live": "polite" });

  const input = (f: Field, s: AppState, label: string) => {
    const v = valueAt(s.raw, s.scenario, parsePath(f.path));
    const id = `f-${f.path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
    const inp = h("input", {
      id, type: "number", inputmode: f.step < 1 ? "decimal" : "numeric", step: f.step, min: f.min, max: f.max,
      value: typeof v === "number" ? v : "", "data-path": f.path, "aria-label": label, "aria-describedby": `${id}-err`,
      placeholder: f.optional ? "none" : undefined, oninput: () => { dirty.add(f.path); check(); },
    });
    const error = h("span", { class: "field-error", id: `${id}-err`, "data-error-for": f.path });
    inputs.set(f.path, { input: inp, error, field: f });
    return { inp, error, id };
  };

  const labelled = (f: Field, s: AppState, context: string) => {
    // Schedules and the horizon count ticks; say them in the scenario's days or weeks.
    const unit = f.unit === "tick" || f.unit === "ticks" ? tickUnit(f.unit === "ticks", s.scenario.tickDays) : f.unit;
    const { inp, error, id } = input(f, s, `${context} ${f.aria ?? f.label}${unit ? ` (${unit})` : ""}`.trim());
    return h("div", { class: "field" },
      h("label", { for: id }, f.label, unit ? h("span", { class: "unit" }, ` ${unit}`) : null),
      inp, f.hint ? h("span", { class: "hint" }, f.hint) : null, error);
  };

  function render(s: AppState) {
    rendered = s.raw;
    inputs = new Map();
    dirty = new Set();
    const circles = s.scenario.population.circles;
    const plans = planGroups(s.scenario);
    const social = s.scenario.model.kind === "social";
    status.textContent = "";
    fill(el,
      h("fieldset", {}, h("legend", {}, "Run"), h("div", { class: "field-row" }, runFields().map((f) => labelled(f, s, ""))),
        h("p", { class: "hint" }, "Same scenario and seed, same numbers, on every run.")),
      h("fieldset", {}, h("legend", {}, social ? "Circles and purchase thresholds" : "Circles"),
        social ? h("p", { class: "hint" }, "affinity: relevance of the product (0–1); min–max: persuasive touches a consumer needs before buying") : null,
        circles.map((c, i) => h("div", { class: "circle", "data-circle": c.name }, h("div", { class: "circle-name" }, c.name),
          h("div", { class: "field-row" }, circleFields(i, social).map((f) => labelled(f, s, c.name)))))),
      plans.length && (plans[0].fields.length || plans.some((p) => p.parts.length))
        ? h("fieldset", {}, h("legend", {}, "Plans: budgets and schedules"),
            plans.map((p, pi) => h("div", { class: "plan-group", "data-plan": p.title },
              h("h4", {}, h("span", { class: "swatch", style: `--c:${planColor(pi)}` }), p.title),
              p.fields.length ? h("div", { class: "field-row" }, p.fields.map((f) => labelled(f, s, p.title))) : null,
              p.parts.map((g) => h("div", { class: "part" }, h("div", { class: "part-title" }, g.title),
                h("div", { class: "field-row" }, g.fields.map((f) => labelled(f, s, `${p.title} ${g.title}`))))))))
        : null,
      general,
      h("div", { class: "form-actions" }, runBtn, resetBtn, status),
    );
    showIssues(s.rejected && (s.rejected.source === "run" || s.rejected.source === "form") ? s.rejected.issues : []);
    runBtn.disabled = false;
  }

  function draft(): Record<string, unknown> {
    const s = store.get();
    const d = structuredClone(s.raw);
    for (const path of dirty) {
      const { input: inp, field } = inputs.get(path)!;
      const v = inp.value.trim() === "" ? undefined : Number(inp.value);
      if (v === undefined && !field.optional) setAt(d, s.scenario, parsePath(path), undefined);
      else setAt(d, s.scenario, parsePath(path), v);
    }
    return d;
  }

  function showIssues(issues: ScenarioIssue[]) {
    for (const { input: inp, error } of inputs.values()) {
      inp.removeAttribute("aria-invalid");
      error.textContent = "";
    }
    const rest: ScenarioIssue[] = [];
    for (const i of issues) {
      const target = inputs.get(i.path) ?? [...inputs.entries()].find(([p]) => p.startsWith(`${i.path}.`))?.[1];
      if (!target) {
        rest.push(i);
        continue;
      }
      target.input.setAttribute("aria-invalid", "true");
      target.error.textContent = target.error.textContent ? `${target.error.textContent}; ${issueText(i)}` : issueText(i);
    }
    general.replaceChildren(...rest.map((i) => h("li", { "data-path": i.path }, h("code", {}, i.path), " ", issueText(i))));
    return issues.length;
  }

  function check() {
    const r = parseScenario(draft());
    const n = showIssues(r.ok ? [] : r.issues);
    runBtn.disabled = n > 0;
    status.textContent = n ? `${n} problem${n > 1 ? "s" : ""} to fix` : dirty.size ? "changed — press Apply and run" : "";
  }

  el.addEventListener("submit", (e) => {
    e.preventDefault();
    const d = draft();
    const s = store.get();
    if (!store.load(d, s.source, { edited: s.edited || dirty.size > 0, origin: "form" })) check();
  });

  store.subscribe((s, prev) => {
    if (s.raw !== rendered) render(s);
    else if (s.rejected !== prev.rejected && (!s.rejected || s.rejected.source === "run" || s.rejected.source === "form")) {
      const n = showIssues(s.rejected?.issues ?? []);
      if (s.rejected?.source === "run") status.textContent = `the engine found ${n} problem${n > 1 ? "s" : ""}`;
    }
  });
  render(store.get());
  return el;
}
