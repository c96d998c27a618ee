/**
 * The sweep form: one or two parameters of the scenario on screen (picked from its sweepable
 * paths, with min, max and steps), replicates per point, master seed, plans and the metric to show.
 * It reads back as a SweepForm and shows each problem under the field it belongs to.
 */
import type { ScenarioIssue } from "../../../engine/viewer.ts";
import { h } from "../../dom.ts";
import { issueText } from "../../panels/issue-text.ts";
import { metricLabel } from "../compare/data.ts";
import type { Candidate, Suggestion } from "./candidates.ts";
import { fieldOf, type SweepForm } from "./sweep-file.ts";

export interface DefineForm {
  el: HTMLFormElement;
  /** Offer this scenario's parameters and plans (keeps the choices that still exist). */
  setScenario(candidates: Candidate[], plans: string[], seed: number, defaults: [string, string]): void;
  setMetrics(metrics: string[], preferred?: string): void;
  read(): SweepForm;
  metric(): string;
  /** Show issues by field; `locations` are the scenario paths each parameter sets. */
  showIssues(issues: ScenarioIssue[], locations: string[][]): void;
  setSize(text: string): void;
  /** Say which plans the parameters cannot change (empty: none). */
  setUntouched(text: string): void;
  setBusy(running: boolean): void;
  setCanDownload(ok: boolean): void;
}

export interface DefineHandlers {
  suggest(c: Candidate): Suggestion;
  onInput(): void;
  onRun(): void;
  onDownload(): void;
  onMetric(metric: string): void;
}

const ids = (f: string) => `sw-${f.replace(/[^a-z0-9]+/gi, "-")}`;

export function defineForm(on: DefineHandlers): DefineForm {
  let candidates: Candidate[] = [];
  /** The user chose this parameter (or "none"): keep the choice across scenario changes while it exists. */
  const touched = [false, false];
  let lastSeed = "";
  const errors = new Map<string, HTMLElement>();
  const controls = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLElement>();

  const error = (field: string) => {
    const e = h("span", { class: "field-error", id: `${ids(field)}-err`, "data-sweep-error": field });
    errors.set(field, e);
    return e;
  };
  const numberInput = (field: string, label: string, step: string) => {
    const inp = h("input", { id: ids(field), type: "number", step, inputmode: "decimal", "data-field": field, "aria-describedby": `${ids(field)}-err`, oninput: () => on.onInput() });
    controls.set(field, inp);
    return h("div", { class: "field" }, h("label", { for: ids(field) }, label), inp, error(field));
  };

  const params = [0, 1].map((i) => {
    const field = `p${i}.path`;
    const sel = h("select", { id: ids(field), "data-field": field, "aria-describedby": `${ids(field)}-err`, onchange: () => { touched[i] = true; fillRange(i); on.onInput(); } });
    controls.set(field, sel);
    const hint = h("span", { class: "hint", "data-hint": field });
    const set = h("fieldset", { class: "sweep-param", "data-param": i },
      h("legend", {}, i === 0 ? "Parameter 1 · x axis" : "Parameter 2 · y axis (optional)"),
      h("div", { class: "field-row" },
        h("div", { class: "field path" }, h("label", { for: ids(field) }, "Parameter"), sel, hint, error(field)),
        numberInput(`p${i}.min`, "min", "any"),
        numberInput(`p${i}.max`, "max", "any"),
        numberInput(`p${i}.steps`, "steps", "1")));
    return { sel, hint, set };
  });

  const reps = numberInput("replicates", "Replicates per point", "1");
  const seed = numberInput("seed", "Master seed", "1");
  const rn = h("select", { id: ids("randomNumbers"), "data-field": "randomNumbers", onchange: () => on.onInput() },
    h("option", { value: "common", title: "Every point on the same worlds and draws: differences between cells are the parameters' alone" }, "Common"),
    h("option", { value: "per-point", title: "Each point on its own worlds (its seed hashes its values)" }, "Per point"));
  const rnField = h("div", { class: "field" }, h("label", { for: ids("randomNumbers") }, "Random numbers"), rn);
  const untouched = h("p", { class: "card-note", "data-untouched": "", "aria-live": "polite" });
  const planBox = h("div", { class: "plan-checks", role: "group", "aria-label": "Plans to run", "data-field": "plans" });
  controls.set("plans", planBox);
  const metricSel = h("select", { id: ids("metric"), "data-field": "metric", onchange: () => on.onMetric(metricSel.value) });
  const general = h("ul", { class: "form-issues", "aria-live": "polite", "data-issues": "sweep" });
  const size = h("span", { class: "sweep-size", "aria-live": "polite" });
  const runBtn = h("button", { type: "submit", class: "primary", "data-action": "run-sweep" }, "Run sweep");
  const dlBtn = h("button", { type: "button", "data-action": "download-sweep", onclick: () => on.onDownload() }, "Download sweep file");

  const el = h("form", { class: "sweep-form", novalidate: true, "aria-label": "Sweep definition" },
    params[0].set, params[1].set,
    h("fieldset", { class: "sweep-settings" }, h("legend", {}, "Runs and display"),
      h("div", { class: "field-row" },
        reps, seed, rnField,
        h("div", { class: "field plans" }, h("span", { class: "label" }, "Plans"), planBox, error("plans")),
        h("div", { class: "field" }, h("label", { for: ids("metric") }, "Metric to show"), metricSel))),
    untouched,
    general,
    h("div", { class: "form-actions" }, runBtn, dlBtn, size));
  el.addEventListener("submit", (e) => {
    e.preventDefault();
    on.onRun();
  });

  const input = (f: string) => controls.get(f) as HTMLInputElement;

  function describe(i: number) {
    const c = candidates.find((x) => x.name === params[i].sel.value);
    if (!c) {
      params[i].hint.textContent = i === 1 ? "one parameter: a line chart" : "";
      return;
    }
    const s = on.suggest(c);
    const now = c.current === undefined ? "not set now" : `now ${c.current.toLocaleString("en-US", { maximumFractionDigits: 6 })}`;
    params[i].hint.textContent = [now, s.unit, s.integer ? "whole numbers" : ""].filter(Boolean).join(" · ");
  }

  function fillRange(i: number) {
    const c = candidates.find((x) => x.name === params[i].sel.value);
    for (const f of ["min", "max", "steps"]) input(`p${i}.${f}`).disabled = !c;
    if (!c) {
      for (const f of ["min", "max", "steps"]) input(`p${i}.${f}`).value = "";
    } else {
      const s = on.suggest(c);
      input(`p${i}.min`).value = String(s.min);
      input(`p${i}.max`).value = String(s.max);
      input(`p${i}.steps`).value = String(s.integer ? Math.min(s.steps, s.max - s.min + 1) : s.steps);
      input(`p${i}.min`).step = input(`p${i}.max`).step = s.integer ? "1" : "any";
    }
    describe(i);
  }

  function fillOptions(i: number) {
    const groups = new Map<string, Candidate[]>();
    for (const c of candidates) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
    params[i].sel.replaceChildren(
      ...(i === 1 ? [h("option", { value: "" }, "— none (one parameter) —")] : []),
      ...[...groups].map(([g, cs]) => h("optgroup", { label: g }, cs.map((c) => h("option", { value: c.name }, c.label)))),
    );
  }

  return {
    el,
    setScenario(cs, plans, seedValue, defaults) {
      const before = params.map((p) => p.sel.value);
      candidates = cs;
      [0, 1].forEach((i) => {
        fillOptions(i);
        const keep = before[i] === "" ? i === 1 && touched[1] : candidates.some((c) => c.name === before[i]);
        if (keep) {
          params[i].sel.value = before[i];
          describe(i);
        } else {
          params[i].sel.value = defaults[i];
          fillRange(i);
        }
      });
      const ticked = new Set([...planBox.querySelectorAll<HTMLInputElement>("input:checked")].map((x) => x.value));
      const fresh = planBox.childElementCount === 0 || ![...planBox.querySelectorAll<HTMLInputElement>("input")].every((x) => plans.includes(x.value));
      planBox.replaceChildren(...plans.map((p) =>
        h("label", { class: "check" }, h("input", { type: "checkbox", value: p, checked: fresh || ticked.has(p), "data-plan": p, onchange: () => on.onInput() }), ` ${p}`)));
      // Eight runs a point: enough for a cell's ± (95 % interval of its mean) to say whether neighbours differ.
      if (input("replicates").value === "") input("replicates").value = "8";
      // The scenario's seed, unless the user typed another.
      if (input("seed").value === "" || input("seed").value === lastSeed) input("seed").value = String(seedValue);
      lastSeed = String(seedValue);
    },
    setMetrics(metrics, preferred) {
      const want = preferred ?? metricSel.value;
      metricSel.replaceChildren(...metrics.map((m) => h("option", { value: m }, metricLabel(m))));
      metricSel.value = metrics.includes(want) ? want : metrics.includes("customers") ? "customers" : metrics[0] ?? "";
    },
    read() {
      return {
        params: [0, 1].map((i) => ({ candidate: params[i].sel.value, min: input(`p${i}.min`).value, max: input(`p${i}.max`).value, steps: input(`p${i}.steps`).value })),
        replicates: input("replicates").value,
        seed: input("seed").value,
        plans: [...planBox.querySelectorAll<HTMLInputElement>("input:checked")].map((x) => x.value),
        randomNumbers: rn.value,
      };
    },
    metric: () => metricSel.value,
    showIssues(issues, locations) {
      const byField = new Map<string, string[]>();
      const rest: ScenarioIssue[] = [];
      for (const i of issues) {
        const f = fieldOf(i.path, locations);
        if (f && errors.has(f)) byField.set(f, [...(byField.get(f) ?? []), issueText(i)]);
        else rest.push(i);
      }
      for (const [f, e] of errors) {
        const msgs = byField.get(f) ?? [];
        e.textContent = msgs.join("; ");
        const ctl = controls.get(f);
        if (ctl) ctl.setAttribute("aria-invalid", String(msgs.length > 0));
      }
      general.replaceChildren(...rest.map((i) => h("li", { "data-path": i.path }, h("strong", {}, i.path), ": ", issueText(i))));
    },
    setSize(text) {
      size.textContent = text;
    },
    setUntouched(text) {
      untouched.textContent = text;
    },
    setBusy(running) {
      runBtn.disabled = running;
      runBtn.textContent = running ? "Running…" : "Run sweep";
    },
    setCanDownload(ok) {
      dlBtn.disabled = !ok;
    },
  };
}
