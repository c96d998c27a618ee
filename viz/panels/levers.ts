/**
 * Live levers: the scenario's main numbers as sliders (each plan's budget, product affinity per circle,
 * persuasion strength, unit margin). Letting go of a slider — or a pause while dragging — reruns the
 * comparison at once: its first replicates draw within a second or two as a preview, marked
 * preliminary, and the bands tighten as the rest arrive. The slider ranges are set from the scenario as
 * loaded, so dragging does not move its own range.
 */
import type { Scenario } from "../../engine/viewer.ts";
import { h } from "../dom.ts";
import { getAt, parsePath, setAt } from "../form/paths.ts";
import type { AppState, Store } from "../state.ts";

export interface Lever {
  path: string;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Shown after the value. */
  unit?: string;
}

/**
 * A range around a current value x > 0, from x/4 to 2.5x, on steps of x/40: x itself is a step of the
 * range (a range input snaps its value to min + k · step, and the slider must show x as it is).
 */
function around(x: number, whole: boolean): { min: number; max: number; step: number } {
  const step = whole && x >= 40 && Number.isInteger(x / 40) ? x / 40 : whole ? Math.max(1, Math.floor(x / 40)) : x / 40;
  const below = whole ? Math.min(30, Math.floor((x - 1) / step)) : 30; // whole amounts stay ≥ 1
  return { min: x - below * step, max: x + 60 * step, step };
}

/** The levers of a social scenario (at most eight): budgets, affinities of up to four circles, λ, unit margin. */
export function leversOf(s: Scenario): Lever[] {
  if (s.model.kind !== "social") return [];
  const money = s.currency ?? "currency units";
  const out: Lever[] = [];
  s.plans.slice(0, 3).forEach((p, i) => {
    if (p.budget !== undefined && Number.isFinite(p.budget) && p.budget > 0)
      out.push({ path: `plans[${i}].budget`, label: `Budget · ${p.name}`, unit: money, ...around(p.budget, true) });
  });
  s.population.circles.slice(0, 4).forEach((c, i) =>
    out.push({ path: `population.circles[${i}].productAffinity`, label: `Affinity · ${c.name}`, min: 0, max: 1, step: 0.01 }));
  out.push({ path: "dynamics.persuasion", label: "Persuasion strength λ", ...around(s.dynamics.persuasion, false) });
  if (s.product.unitMargin > 0) out.push({ path: "product.unitMargin", label: "Unit margin", unit: money, ...around(s.product.unitMargin, false) });
  return out.slice(0, 8);
}

export function leversPanel(store: Store): HTMLElement {
  const list = h("div", { class: "levers-list" });
  const el = h("section", { class: "levers", "aria-label": "Live levers" },
    h("p", { class: "hint" }, "Drag a lever: the comparison reruns at once, its first replicates first."), list);
  /** The raw scenario the sliders were built for, and the one they last produced. */
  let built: unknown;
  let mine: unknown;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function apply(path: string, value: number): void {
    const s = store.get();
    const raw = structuredClone(s.raw);
    setAt(raw, s.scenario, parsePath(path), value);
    mine = raw;
    if (!store.load(raw, s.source, { edited: true, origin: "levers" })) mine = undefined;
  }

  function render(s: AppState): void {
    built = s.raw;
    const levers = leversOf(s.scenario);
    el.hidden = levers.length === 0;
    list.replaceChildren(...levers.map((l) => {
      const now = getAt(s.scenario, parsePath(l.path));
      const value = typeof now === "number" ? now : l.min;
      const out = h("output", { class: "lever-value" }, `${value.toLocaleString("en-US")}${l.unit ? ` ${l.unit}` : ""}`);
      const slider = h("input", {
        type: "range", min: Math.min(l.min, value), max: Math.max(l.max, value), step: l.step, value,
        "data-lever": l.path, "aria-label": l.label,
      }) as HTMLInputElement;
      const show = () => (out.textContent = `${Number(slider.value).toLocaleString("en-US")}${l.unit ? ` ${l.unit}` : ""}`);
      // While dragging, a pause of 300 ms reruns; letting go reruns at once.
      slider.addEventListener("input", () => {
        show();
        clearTimeout(timer);
        timer = setTimeout(() => apply(l.path, Number(slider.value)), 300);
      });
      slider.addEventListener("change", () => {
        clearTimeout(timer);
        apply(l.path, Number(slider.value));
      });
      return h("label", { class: "lever" }, h("span", { class: "lever-label" }, l.label), slider, out);
    }));
  }

  store.subscribe((s) => {
    if (s.raw === built || s.raw === mine) return; // the levers' own rerun keeps the sliders as they are
    render(s);
  });
  render(store.get());
  return el;
}
