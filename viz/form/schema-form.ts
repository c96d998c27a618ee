/**
 * A form generated from a JSON Schema (the scenario's, generated from its zod schema): every field the
 * schema has, with its description, default and bounds as help, so a new schema field appears without
 * form code. Objects are fieldsets; lists of objects get add, remove and (through their `name` field)
 * rename; a choice of kinds (`type` or `kind` constants) is a select that swaps the fields; a value
 * that may be a number or an object (a schedule, a Beta distribution) gets a mode switch, and a
 * schedule a timeline of the ticks it covers. Lists of names are comma-separated text; anything else
 * the form does not know is edited as JSON in place. It edits a draft; the caller validates it.
 */
import { h } from "../dom.ts";
import type { Segment } from "./paths.ts";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  additionalProperties?: JsonSchema | boolean;
}

export interface FormContext {
  /** The draft's value at a path (undefined when absent). */
  get(path: Segment[]): unknown;
  /** Set (undefined: remove) a value, then validate and, when `structure` is true, redraw the form. */
  set(path: Segment[], value: unknown, structure?: boolean): void;
  /** Where the problems of a path are written. */
  errorSlot(path: Segment[]): HTMLElement;
  /** Ticks of the scenario (for schedule timelines). */
  horizon(): number;
  /** Call `fn` after every change of the draft (until the form is drawn again). */
  watch(fn: () => void): void;
  /** Which list items are open, kept across redraws (undefined: never toggled). */
  open: Map<string, boolean>;
}

/** "plans[0].strategies[1].at": the form of scenario issue paths. */
export function pathText(path: Segment[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? k : `.${k}`)).join("");
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type);
const branches = (s: JsonSchema) => s.oneOf ?? s.anyOf;

/** The constant property that tells a choice's branches apart (`type`, `kind`), if they all have one. */
function discriminator(options: JsonSchema[]): string | undefined {
  for (const key of ["type", "kind"]) if (options.every((o) => o.properties?.[key]?.const !== undefined)) return key;
  return undefined;
}

/** A new value for a schema: its default, else an object of its required fields' new values, else empty. */
export function newValue(s: JsonSchema): unknown {
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.const !== undefined) return s.const;
  const opts = branches(s);
  if (opts) return newValue(opts[0]);
  switch (typeOf(s)) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = newValue(s.properties?.[k] ?? {});
      return out;
    }
    case "array": return [];
    case "number": case "integer": return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
    case "boolean": return false;
    case "string": return s.enum ? s.enum[0] : "";
    default: return undefined;
  }
}

/** Bounds beyond this are "no bound" to a reader (the schema writes safe-integer limits). */
const HUGE = 1e9;

/** The help line of a field: its description, then its bounds and default (`inherited`: the enclosing object's default for it). */
function help(s: JsonSchema, inherited?: unknown): string {
  const bits: string[] = [];
  const lo = s.minimum ?? s.exclusiveMinimum, hi = s.maximum ?? s.exclusiveMaximum;
  const shown = (x: number | undefined, none: string) => (x === undefined || Math.abs(x) >= HUGE ? none : String(x));
  if (lo !== undefined || (hi !== undefined && hi < HUGE)) bits.push(`${shown(lo, "−∞")} … ${shown(hi, "∞")}`);
  const d = s.default ?? inherited;
  if (d !== undefined && !isObj(d) && !Array.isArray(d)) bits.push(`default ${String(d)}`);
  return [s.description, bits.join(", ")].filter(Boolean).join(" · ");
}

function field(label: string, s: JsonSchema, control: HTMLElement, ctx: FormContext, path: Segment[], inherited?: unknown): HTMLElement {
  const text = help(s, inherited);
  return h("div", { class: "sf-field", "data-field-path": pathText(path) },
    h("label", {}, h("span", { class: "sf-label" }, label), control),
    text ? h("span", { class: "hint" }, text) : null, ctx.errorSlot(path));
}

function scalar(label: string, s: JsonSchema, path: Segment[], ctx: FormContext, inherited?: unknown): HTMLElement {
  const value = ctx.get(path);
  const d = s.default ?? inherited;
  const t = typeOf(s);
  const aria = `${pathText(path)}`;
  if (s.enum) {
    const sel = h("select", { "data-build-path": aria, "aria-label": aria, onchange: () => ctx.set(path, sel.value === "" ? undefined : s.enum![Number(sel.value)]) },
      h("option", { value: "" }, s.default !== undefined ? `(default: ${String(s.default)})` : "(none)"),
      s.enum.map((v, i) => h("option", { value: i, selected: v === value }, String(v))));
    return field(label, s, sel, ctx, path);
  }
  if (t === "boolean") {
    const box = h("input", { type: "checkbox", "data-build-path": aria, "aria-label": aria, checked: value === true || (value === undefined && s.default === true), onchange: () => ctx.set(path, box.checked) });
    return field(label, s, box, ctx, path);
  }
  if (t === "number" || t === "integer") {
    const inp = h("input", {
      type: "number", "data-build-path": aria, "aria-label": aria, step: t === "integer" ? 1 : "any", value: typeof value === "number" ? value : "",
      placeholder: typeof d === "number" ? String(d) : "", min: s.minimum, max: s.maximum,
      oninput: () => ctx.set(path, inp.value.trim() === "" ? undefined : Number(inp.value)),
    });
    return field(label, s, inp, ctx, path, inherited);
  }
  const inp = h("input", {
    type: "text", "data-build-path": aria, "aria-label": aria, value: typeof value === "string" ? value : "", placeholder: typeof s.default === "string" ? s.default : "",
    oninput: () => ctx.set(path, inp.value === "" ? undefined : inp.value),
  });
  return field(label, s, inp, ctx, path);
}

/** Anything the form has no control for, as JSON in a text box (checked when it parses). */
function jsonBox(label: string, s: JsonSchema, path: Segment[], ctx: FormContext): HTMLElement {
  const v = ctx.get(path);
  const box = h("textarea", { rows: 2, "data-build-path": pathText(path), "aria-label": pathText(path), placeholder: s.default !== undefined ? JSON.stringify(s.default) : "JSON" }, v === undefined ? "" : JSON.stringify(v));
  box.addEventListener("change", () => {
    if (box.value.trim() === "") return ctx.set(path, undefined);
    try {
      ctx.set(path, JSON.parse(box.value));
      box.removeAttribute("aria-invalid");
    } catch {
      box.setAttribute("aria-invalid", "true");
    }
  });
  return field(label, s, box, ctx, path);
}

/** The ticks a schedule covers: a number (one tick) or {start, every, count}. */
function scheduleTicks(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (!isObj(v)) return [];
  const start = Number(v.start ?? 0), every = Math.max(1, Number(v.every ?? 1)), count = Math.min(500, Math.max(0, Number(v.count ?? 1)));
  return Array.from({ length: count }, (_, k) => start + k * every);
}

/** The schedule as marks on a strip from tick 0 to the horizon. */
function timeline(ticks: number[], horizon: number): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("class", "sf-timeline");
  svg.setAttribute("viewBox", "0 0 300 18");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `ticks ${ticks.slice(0, 12).join(", ")}${ticks.length > 12 ? ", …" : ""} of 0 … ${horizon}`);
  const bar = document.createElementNS(ns, "rect");
  Object.entries({ x: 0, y: 7, width: 300, height: 4, rx: 2, class: "sf-track" }).forEach(([k, v]) => bar.setAttribute(k, String(v)));
  svg.append(bar);
  for (const t of ticks) {
    const m = document.createElementNS(ns, "rect");
    const x = (Math.min(horizon, t) / Math.max(1, horizon)) * 298;
    Object.entries({ x, y: 2, width: 2, height: 14, class: t > horizon ? "sf-mark sf-late" : "sf-mark", "data-tick": t }).forEach(([k, v]) => m.setAttribute(k, String(v)));
    svg.append(m);
  }
  return svg;
}

/** A value that is one of several shapes: a select of the shape, then the chosen shape's fields. */
function choice(label: string, s: JsonSchema, options: JsonSchema[], path: Segment[], ctx: FormContext): HTMLElement {
  const value = ctx.get(path);
  const key = discriminator(options);
  const name = (o: JsonSchema, i: number) => {
    if (key) return String(o.properties![key].const);
    const t = typeOf(o);
    if (t === "object" && o.properties) {
      const props = Object.keys(o.properties);
      if (props.includes("start") && props.includes("every")) return "repeating";
      if (props.includes("alpha") && props.includes("beta")) return "Beta(α, β)";
      return props.join(", ");
    }
    return t === "number" || t === "integer" ? (props(o) ?? "a number") : t ?? `option ${i + 1}`;
  };
  const matches = (o: JsonSchema) => (key ? isObj(value) && value[key] === o.properties![key].const
    : typeOf(o) === "object" ? isObj(value) : typeOf(o) === "array" ? Array.isArray(value) : typeof value === "number" ? typeOf(o) === "number" || typeOf(o) === "integer" : typeof value === typeOf(o));
  const current = value === undefined ? -1 : options.findIndex(matches);
  const sel = h("select", { "data-build-path": pathText(path), "data-choice": key ?? "shape", "aria-label": `${pathText(path)} ${key ?? "shape"}` },
    value === undefined ? h("option", { value: -1 }, s.default !== undefined ? `(default: ${JSON.stringify(s.default)})` : "(none)") : null,
    options.map((o, i) => h("option", { value: i, selected: i === current }, name(o, i))));
  sel.addEventListener("change", () => {
    const i = Number(sel.value);
    ctx.set(path, i < 0 ? undefined : newValue(options[i]), true);
  });
  const inner = current >= 0 ? options[current] : undefined;
  const body = !inner ? null
    : typeOf(inner) === "object" ? objectFields(inner, path, ctx, key)
    : node(label, inner, path, ctx);
  // A schedule (a tick, or start/every/count) is drawn over the horizon, and redrawn as it is edited.
  const isSchedule = inner !== undefined && (typeOf(inner) === "object" ? inner.properties?.every !== undefined : path[path.length - 1] === "at");
  const schedule = isSchedule ? h("div", { class: "sf-schedule" }, timeline(scheduleTicks(value), ctx.horizon())) : null;
  if (schedule) ctx.watch(() => schedule.replaceChildren(timeline(scheduleTicks(ctx.get(path)), ctx.horizon())));
  return h("div", { class: "sf-choice", "data-field-path": pathText(path) },
    h("div", { class: "sf-field" }, h("label", {}, h("span", { class: "sf-label" }, key ?? label), sel), s.description ? h("span", { class: "hint" }, s.description) : null, ctx.errorSlot(path)),
    schedule, body);
}

function props(o: JsonSchema): string | undefined {
  return o.minimum !== undefined && o.maximum !== undefined ? `a number ${o.minimum} … ${o.maximum}` : undefined;
}

/** The fields of an object schema at `path` (the discriminator `skip` left out: its select shows it); `inherited`: the object's default, whose fields are its fields' defaults. */
function objectFields(s: JsonSchema, path: Segment[], ctx: FormContext, skip?: string, inherited?: unknown): HTMLElement {
  const entries = Object.entries(s.properties ?? {}).filter(([k]) => k !== skip && k !== "$schema");
  const d = isObj(s.default) ? s.default : isObj(inherited) ? inherited : undefined;
  return h("div", { class: "sf-fields" }, entries.map(([k, sub]) => node(k, sub, [...path, k], ctx, false, d?.[k])));
}

/** An object of a few numbers (a Beta distribution, a min–max range) on one row, under its name. */
const compact = (s: JsonSchema) => Object.values(s.properties ?? {}).every((p) => ["number", "integer"].includes(typeOf(p) ?? "")) && Object.keys(s.properties ?? {}).length <= 3;

/** A list: its items (objects get a heading with their name, a remove button), and an add button. */
function list(label: string, s: JsonSchema, path: Segment[], ctx: FormContext): HTMLElement {
  const items = s.items ?? {};
  const value = ctx.get(path);
  const arr = Array.isArray(value) ? value : [];
  const scalarItems = typeOf(items) === "string" || typeOf(items) === "number" || typeOf(items) === "integer";
  if (scalarItems) {
    // Names (circles, tiers) as comma-separated text.
    const inp = h("input", {
      type: "text", "data-build-path": pathText(path), "aria-label": pathText(path), value: arr.join(", "), placeholder: s.default !== undefined ? String(s.default) : "comma-separated",
      onchange: () => {
        const parts = inp.value.split(",").map((x) => x.trim()).filter((x) => x.length > 0);
        ctx.set(path, inp.value.trim() === "" ? undefined : typeOf(items) === "string" ? parts : parts.map(Number));
      },
    });
    return field(label, s, inp, ctx, path);
  }
  // A form of thousands of items would freeze the page: the first LIST_SHOWN are drawn, and the rest said.
  const shown = arr.slice(0, LIST_SHOWN);
  const heading = (v: unknown, i: number) => (isObj(v) && typeof (v.name ?? v.id ?? v.type) === "string" ? String(v.name ?? v.id ?? v.type) : `${label} ${i + 1}`);
  return h("fieldset", { class: "sf-list", "data-list": pathText(path) },
    h("legend", {}, label),
    s.description ? h("p", { class: "hint" }, s.description) : null,
    ctx.errorSlot(path),
    shown.map((v, i) => h("details", {
      class: "sf-item", open: ctx.open.get(pathText([...path, i])) ?? arr.length <= 2, "data-item": pathText([...path, i]),
      ontoggle: (e: Event) => ctx.open.set(pathText([...path, i]), (e.target as HTMLDetailsElement).open),
    },
      h("summary", {}, h("span", { class: "sf-item-name" }, heading(v, i)),
        h("button", { type: "button", class: "sf-remove", "data-action": "remove", "aria-label": `Remove ${heading(v, i)}`, onclick: (e: Event) => {
          e.preventDefault();
          ctx.set(path, arr.filter((_, j) => j !== i), true);
        } }, "Remove")),
      node(heading(v, i), items, [...path, i], ctx, true))),
    arr.length > shown.length ? h("p", { class: "hint", "data-list-more": String(arr.length - shown.length) }, `…and ${(arr.length - shown.length).toLocaleString("en-US")} more, not drawn here: Download JSON to edit them all.`) : null,
    branches(items) && discriminator(branches(items)!)
      ? addKind(label, branches(items)!, discriminator(branches(items)!)!, arr, path, ctx)
      : h("button", { type: "button", "data-action": "add", "data-list-add": pathText(path), onclick: () => {
          ctx.open.set(pathText([...path, arr.length]), true); // a new item opens
          ctx.set(path, [...arr, named(newValue(items), label, arr)], true);
        } }, `Add ${singular(label)}`));
}

/** For a list of kinds (strategies, models): pick the kind, then add it. */
function addKind(label: string, options: JsonSchema[], key: string, arr: unknown[], path: Segment[], ctx: FormContext): HTMLElement {
  const sel = h("select", { "aria-label": `Kind of ${singular(label)} to add`, "data-list-kind": pathText(path) }, options.map((o, i) => h("option", { value: i }, String(o.properties![key].const))));
  return h("div", { class: "sf-add" }, sel,
    h("button", { type: "button", "data-action": "add", "data-list-add": pathText(path), onclick: () => {
      ctx.open.set(pathText([...path, arr.length]), true);
      ctx.set(path, [...arr, newValue(options[Number(sel.value)])], true);
    } }, `Add ${singular(label)}`));
}

/** Items of a list drawn in the form. */
const LIST_SHOWN = 100;

const singular = (label: string) => label.replace(/ies$/, "y").replace(/s$/, "");

/** A new list item gets a name no other item has (circles and plans are addressed by name). */
function named(v: unknown, label: string, arr: unknown[]): unknown {
  if (!isObj(v) || !("name" in v)) return v;
  const taken = new Set(arr.map((x) => (isObj(x) ? x.name : undefined)));
  let k = arr.length + 1;
  while (taken.has(`${singular(label)}-${k}`)) k++;
  return { ...v, name: `${singular(label)}-${k}` };
}

/**
 * The control for any schema node. `inList`: an item of a list, whose heading already names it;
 * `inherited`: the enclosing object's default for this field (shown as its default).
 */
export function node(label: string, s: JsonSchema, path: Segment[], ctx: FormContext, inList = false, inherited?: unknown): HTMLElement {
  const opts = branches(s);
  if (opts) return choice(label, s, opts, path, ctx);
  const t = typeOf(s);
  if (t === "object" && s.properties) {
    if (inList) return objectFields(s, path, ctx, undefined, inherited);
    return h("fieldset", { class: `sf-object${compact(s) ? " compact" : ""}`, "data-object": pathText(path) }, h("legend", {}, label),
      s.description ? h("p", { class: "hint" }, s.description) : null, ctx.errorSlot(path), objectFields(s, path, ctx, undefined, inherited));
  }
  if (t === "array") return list(label, s, path, ctx);
  if (t === "string" || t === "number" || t === "integer" || t === "boolean" || s.enum) return scalar(label, s, path, ctx, inherited);
  return jsonBox(label, s, path, ctx);
}
