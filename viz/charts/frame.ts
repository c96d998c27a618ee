/**
 * What every chart shares: a standalone SVG (white background, its own font rules, so an exported
 * file looks like the screen), a legend that wraps, and keyboard navigation over the chart's items.
 */
import { select, type Selection } from "d3";
import { INK, MUTED } from "./palette.ts";
import { hideTooltip } from "./tooltip.ts";

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const STYLE = `
text { font-family: ${FONT}; fill: ${INK}; }
.tick text { font-size: 14px; fill: ${MUTED}; }
.axis-label { font-size: 14px; fill: ${MUTED}; }
.legend text { font-size: 15px; }
.panel-title { font-size: 16px; font-weight: 600; }
.value-label { font-size: 14px; font-variant-numeric: tabular-nums; }
.small-label { font-size: 13px; fill: ${MUTED}; }
.halo { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
.domain { stroke: #9aa1ad; }
`;

/** A fresh SVG in `container` (replacing what was there). */
export function chartSvg(container: HTMLElement, name: string, width: number, height: number, label: string): Svg {
  container.replaceChildren();
  const svg = select(container)
    .append("svg")
    .attr("xmlns", "http://www.w3.org/2000/svg")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", label)
    .attr("tabindex", 0)
    .attr("data-chart", name) as Svg;
  svg.append("style").text(STYLE);
  svg.append("rect").attr("class", "background").attr("width", width).attr("height", height).attr("fill", "#fff");
  svg.on("pointerleave", hideTooltip).on("blur", hideTooltip);
  return svg;
}

export interface LegendEntry {
  label: string;
  color: string;
  dashed?: boolean;
  /** A filled square (bars, bands) rather than a line. */
  square?: boolean;
}

/** Draw a wrapping legend at (x, y) within `width`; returns its height. */
export function legend(parent: G | Svg, entries: LegendEntry[], x: number, y: number, width: number): number {
  const g = parent.append("g").attr("class", "legend").attr("transform", `translate(${x},${y})`);
  const rowH = 24;
  let cx = 0, cy = 0;
  for (const e of entries) {
    const w = 34 + e.label.length * 8.8 + 18;
    if (cx > 0 && cx + w > width) {
      cx = 0;
      cy += rowH;
    }
    const item = g.append("g").attr("transform", `translate(${cx},${cy})`).attr("data-legend", e.label);
    if (e.square) item.append("rect").attr("x", 4).attr("y", 4).attr("width", 18).attr("height", 14).attr("rx", 2).attr("fill", e.color);
    else
      item.append("line").attr("x1", 0).attr("x2", 26).attr("y1", 11).attr("y2", 11).attr("stroke", e.color).attr("stroke-width", 3)
        .attr("stroke-dasharray", e.dashed ? "6 4" : null);
    item.append("text").attr("x", 32).attr("y", 16).text(e.label);
    cx += w;
  }
  return cy + rowH;
}

export function axisLabel(parent: G | Svg, text: string, x: number, y: number, rotate = false): void {
  parent.append("text").attr("class", "axis-label").attr("text-anchor", "middle")
    .attr("transform", `translate(${x},${y})${rotate ? " rotate(-90)" : ""}`).text(text);
}

/**
 * Keyboard use: the SVG takes focus; Left/Right (and Up/Down by `stride`), Home/End and PageUp/PageDown
 * move through `count` items, and `show(i)` displays item i (e.g. its tooltip). Escape hides it.
 */
export function keyboardNav(svg: Svg, count: number, show: (i: number) => void, opts: { stride?: number; start?: number } = {}): void {
  if (count === 0) return;
  let i = -1;
  const stride = opts.stride ?? 1;
  const go = (k: number) => {
    i = Math.max(0, Math.min(count - 1, k));
    show(i);
  };
  svg.on("focus", () => go(i < 0 ? (opts.start ?? 0) : i));
  svg.on("keydown", (e: KeyboardEvent) => {
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: stride, ArrowUp: -stride, PageDown: 10 * stride, PageUp: -10 * stride };
    if (e.key in step) go(i + step[e.key]);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(count - 1);
    else if (e.key === "Escape") hideTooltip();
    else return;
    e.preventDefault();
  });
}
