/**
 * A chart's SVG as a standalone file: a copy with a title band on top (chart title, scenario and
 * provenance), so an exported image says what it shows. Charts already carry their own fonts and background.
 */
import { FONT } from "../charts/frame.ts";

export interface ExportCaption {
  title: string;
  subtitle: string;
}

const NS = "http://www.w3.org/2000/svg";

/** Greedy word wrap to about `chars` characters a line. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A detached copy of `svg` with the caption band; its width and height are the file's. */
export function captionedSvg(svg: SVGSVGElement, caption: ExportCaption): SVGSVGElement {
  const w = svg.width.baseVal.value;
  const h = svg.height.baseVal.value;
  const sub = caption.subtitle.split(" · ").reduce<string[]>((acc, part) => {
    const last = acc[acc.length - 1];
    if (last !== undefined && (last + " · " + part).length * 7.2 < w - 32) acc[acc.length - 1] = `${last} · ${part}`;
    else acc.push(...wrap(part, Math.floor((w - 32) / 7.2)));
    return acc;
  }, []);
  const BAND = 40 + sub.length * 18;
  const out = document.createElementNS(NS, "svg");
  out.setAttribute("xmlns", NS);
  out.setAttribute("width", String(w));
  out.setAttribute("height", String(h + BAND));
  out.setAttribute("viewBox", `0 0 ${w} ${h + BAND}`);
  const bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", String(w));
  bg.setAttribute("height", String(h + BAND));
  bg.setAttribute("fill", "#fff");
  const text = (y: number, size: number, weight: string, fill: string, s: string) => {
    const t = document.createElementNS(NS, "text");
    t.setAttribute("x", "16");
    t.setAttribute("y", String(y));
    t.setAttribute("style", `font-family: ${FONT}; font-size: ${size}px; font-weight: ${weight}; fill: ${fill}`);
    t.textContent = s;
    return t;
  };
  const body = svg.cloneNode(true) as SVGSVGElement;
  body.removeAttribute("tabindex");
  body.setAttribute("y", String(BAND));
  out.append(bg, text(26, 18, "600", "#1d2330", caption.title), ...sub.map((line, i) => text(48 + i * 18, 13, "400", "#5b6372", line)), body);
  return out;
}

export function svgText(svg: SVGSVGElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}
