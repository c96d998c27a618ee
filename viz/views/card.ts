/**
 * A chart card: heading, one-line explanation, the chart, and its exports (PNG, SVG, CSV of the data
 * behind it). Any view can use it; the card asks the view for the file name stem and caption.
 */
import { h } from "../dom.ts";
import { download, slug } from "../export/download.ts";
import { svgToPng } from "../export/png.ts";
import { captionedSvg, svgText, type ExportCaption } from "../export/svg.ts";

export interface CardOptions {
  id: string;
  title: string;
  note?: string;
  /** Extra controls shown in the card's toolbar (metric switches). */
  controls?: HTMLElement[];
  /** File name stem and caption of exports. */
  context: () => { stem: string; caption: string };
  /** The data behind the chart as CSV text. */
  csv: () => string;
  wide?: boolean;
  /** Export formats offered (default all three; tables offer CSV only). */
  formats?: ("png" | "svg" | "csv")[];
}

export interface Card {
  el: HTMLElement;
  body: HTMLElement;
  setNote(text: string): void;
}

export function card(o: CardOptions): Card {
  const body = h("div", { class: "card-body" });
  const note = h("p", { class: "card-note" }, o.note ?? "");
  const svgOf = () => {
    const svg = body.querySelector("svg");
    if (!svg) throw new Error("no chart to export yet");
    const c = o.context();
    const caption: ExportCaption = { title: o.title, subtitle: c.caption };
    return { svg: captionedSvg(svg, caption), name: `${c.stem}-${slug(o.id)}` };
  };
  const btn = (label: string, format: string, act: () => void | Promise<void>) =>
    h("button", { type: "button", class: "export", "data-export": format, "aria-label": `${label} of ${o.title}`, onclick: () => void act() }, label);
  const formats = o.formats ?? ["png", "svg", "csv"];
  const tools = h("div", { class: "card-tools", role: "group", "aria-label": `Export ${o.title}` },
    formats.includes("png") && btn("PNG", "png", async () => {
      const { svg, name } = svgOf();
      download(`${name}.png`, await svgToPng(svg));
    }),
    formats.includes("svg") && btn("SVG", "svg", () => {
      const { svg, name } = svgOf();
      download(`${name}.svg`, new Blob([svgText(svg)], { type: "image/svg+xml" }));
    }),
    formats.includes("csv") && btn("CSV", "csv", () => {
      download(`${o.context().stem}-${slug(o.id)}.csv`, new Blob([o.csv()], { type: "text/csv" }));
    }),
  );
  const el = h("section", { class: `card${o.wide ? " wide" : ""}`, "data-card": o.id, "aria-labelledby": `card-${o.id}` },
    h("header", { class: "card-head" },
      h("div", {}, h("h3", { id: `card-${o.id}` }, o.title), note),
      h("div", { class: "card-actions" }, ...(o.controls ?? []), tools),
    ),
    body,
  );
  return { el, body, setNote: (t) => (note.textContent = t) };
}

let groups = 0;

/** A small segmented switch (radio buttons) for a card's toolbar. */
export function switcher(name: string, options: { value: string; label: string }[], value: string, onChange: (v: string) => void): HTMLElement {
  const group = `${slug(name)}-${++groups}`;
  return h("div", { class: "switch", role: "radiogroup", "aria-label": name },
    options.map((o) =>
      h("label", {},
        h("input", { type: "radio", name: group, value: o.value, checked: o.value === value, onchange: () => onChange(o.value) }),
        h("span", {}, o.label),
      ),
    ),
  );
}
