/**
 * Reusable stacked-area small multiples: one panel per plan, the same layers stacked in each (e.g. where
 * conversions come from: bought, earned, fans), on one shared y scale so panels compare at a glance.
 * Hover or arrow keys show a panel's exact layer values at a tick.
 *
 *   stackedAreaChart().id("sources").width(960).height(300)(container, data)
 */
import { area, axisBottom, axisLeft, max, pointer, scaleLinear } from "d3";
import { axisLabel, chartSvg, keyboardNav, legend } from "./frame.ts";
import { fmtAxis, fmtExact, unitLabel, type Unit } from "./format.ts";
import { GRID, INK } from "./palette.ts";
import { hideTooltip, pagePoint, showTooltip } from "./tooltip.ts";

export interface StackedLayer {
  key: string;
  label: string;
  color: string;
}

export interface StackedPanel {
  plan: string;
  /** values[layer][tick], layers in the order of `layers` (bottom first). */
  values: ArrayLike<number>[];
}

export interface StackedData {
  layers: StackedLayer[];
  panels: StackedPanel[];
  tickDays: number;
  unit: Unit;
  /** The scenario's currency, naming a money axis (default "currency units"). */
  currency?: string;
}

export function stackedAreaChart() {
  let width = 960;
  let height = 300;
  let id = "stacked";
  let label = "stacked areas";

  function chart(container: HTMLElement, data: StackedData): void {
    const svg = chartSvg(container, id, width, height, label);
    const m = { top: 12, right: 16, bottom: 52, left: 72 };
    m.top += legend(svg, data.layers.map((l) => ({ label: l.label, color: l.color, square: true })), m.left, 8, width - m.left - m.right) + 26;
    const P = Math.max(1, data.panels.length);
    const gap = 28;
    const pw = (width - m.left - m.right - gap * (P - 1)) / P;
    const ih = height - m.top - m.bottom;
    const rows = data.panels[0]?.values[0]?.length ?? 0;
    // Cumulative tops: tops[p][k][t] = layers 0 … k stacked.
    const tops = data.panels.map((p) => {
      const acc = new Float64Array(rows);
      return p.values.map((v) => {
        for (let i = 0; i < rows; i++) acc[i] += v[i];
        return Float64Array.from(acc);
      });
    });
    const top = max(tops.flatMap((p) => Array.from(p[p.length - 1] ?? []))) ?? 0;
    const x = scaleLinear().domain([0, Math.max(1, rows - 1) * data.tickDays]).range([0, pw]);
    const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([ih, 0]);
    const t = (i: number) => x(i * data.tickDays);
    const idx = Array.from({ length: rows }, (_, i) => i);

    data.panels.forEach((panel, p) => {
      const g = svg.append("g").attr("class", "panel").attr("data-plan", panel.plan).attr("transform", `translate(${m.left + p * (pw + gap)},${m.top})`);
      g.append("text").attr("class", "panel-title").attr("x", 0).attr("y", -10).text(panel.plan);
      g.append("g").attr("class", "grid").call(axisLeft(y).ticks(5).tickSize(-pw).tickFormat(() => ""))
        .call((a) => a.select(".domain").remove()).selectAll("line").attr("stroke", GRID);
      g.append("g").attr("class", "axis x").attr("transform", `translate(0,${ih})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(pw / 80))));
      g.append("g").attr("class", "axis y").call(axisLeft(y).ticks(5).tickFormat((v) => (p === 0 ? fmtAxis(data.unit)(+v) : "")));
      data.layers.forEach((layer, k) => {
        const lo = k > 0 ? tops[p][k - 1] : undefined;
        g.append("path").attr("class", "layer").attr("data-layer", layer.key).attr("data-final", panel.values[k][rows - 1])
          .attr("fill", layer.color).attr("fill-opacity", 0.85)
          .attr("d", area<number>().x(t).y0((i) => y(lo ? lo[i] : 0)).y1((i) => y(tops[p][k][i]))(idx));
      });
      axisLabel(g, data.tickDays === 1 ? "day" : `day (1 tick = ${data.tickDays} days)`, pw / 2, ih + 42);

      const cursor = g.append("line").attr("y1", 0).attr("y2", ih).attr("stroke", INK).attr("stroke-opacity", 0.5).attr("stroke-dasharray", "3 3").style("display", "none");
      const showAt = (i: number, px?: number, py?: number) => {
        cursor.style("display", null).attr("x1", t(i)).attr("x2", t(i));
        const rowsOut = data.layers.map((l, k) => ({ color: l.color, label: l.label, value: fmtExact(panel.values[k][i], data.unit) })).reverse();
        rowsOut.push({ color: INK, label: "all", value: fmtExact(tops[p][data.layers.length - 1][i], data.unit) });
        const [ax, ay] = px === undefined ? pagePoint(svg.node()!, m.left + p * (pw + gap) + t(i), m.top + ih / 3) : [px, py!];
        showTooltip(`${panel.plan} — day ${+(i * data.tickDays).toFixed(4)}, mean over replicates`, rowsOut, ax, ay);
      };
      g.append("rect").attr("class", "overlay").attr("width", pw).attr("height", ih).attr("fill", "transparent")
        .on("pointermove", (e: PointerEvent) => {
          const [mx] = pointer(e, g.node());
          showAt(Math.max(0, Math.min(rows - 1, Math.round(x.invert(mx) / data.tickDays))), e.pageX, e.pageY);
        })
        .on("pointerleave", () => {
          cursor.style("display", "none");
          hideTooltip();
        });
      if (p === 0) keyboardNav(svg, rows, (i) => showAt(i), { stride: Math.max(1, Math.round(rows / 20)), start: rows - 1 });
    });
    axisLabel(svg, unitLabel(data.unit, data.currency), 16, m.top + ih / 2, true);
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.height = (v: number) => ((height = v), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
