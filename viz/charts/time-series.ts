/**
 * Reusable time-series chart: one line per plan (mean over replicates) with its p5–p95 band; a
 * metric drawn dashed beside a solid one shares the plan's colour (e.g. reported vs real impressions).
 * Hover or arrow keys show every line's exact values at a tick.
 *
 *   timeSeriesChart().id("reach").width(640).height(320)(container, data)
 */
import { area, axisBottom, axisLeft, line, max, pointer, scaleLinear, select } from "d3";
import { axisLabel, chartSvg, keyboardNav, legend, type LegendEntry } from "./frame.ts";
import { fmtAxis, fmtExact, unitLabel, type Unit } from "./format.ts";
import { GRID, INK } from "./palette.ts";
import { hideTooltip, pagePoint, showTooltip } from "./tooltip.ts";

export interface TimeSeriesLine {
  plan: string;
  metric: string;
  /** Legend and tooltip label of the metric (used when a chart shows several metrics). */
  metricLabel: string;
  color: string;
  dashed?: boolean;
  mean: ArrayLike<number>;
  median: ArrayLike<number>;
  p5: ArrayLike<number>;
  p95: ArrayLike<number>;
}

export interface TimeSeriesData {
  lines: TimeSeriesLine[];
  tickDays: number;
  unit: Unit;
  /** The scenario's currency, naming a money axis (default "currency units"). */
  currency?: string;
  /** Extra legend entries (e.g. "solid: real, dashed: reported"). */
  styleLegend?: LegendEntry[];
}

export function timeSeriesChart() {
  let width = 640;
  let height = 320;
  let id = "time-series";
  let label = "time series";

  function chart(container: HTMLElement, data: TimeSeriesData): void {
    const svg = chartSvg(container, id, width, height, label);
    const plans = [...new Map(data.lines.map((l) => [l.plan, l.color])).entries()];
    const entries: LegendEntry[] = [...plans.map(([plan, color]) => ({ label: plan, color })), ...(data.styleLegend ?? [])];
    const m = { top: 12, right: 20, bottom: 52, left: 72 };
    const legendH = legend(svg, entries, m.left, 8, width - m.left - m.right);
    m.top += legendH + 4;
    const iw = width - m.left - m.right;
    const ih = height - m.top - m.bottom;
    const rows = data.lines[0]?.mean.length ?? 0;
    const x = scaleLinear().domain([0, Math.max(1, rows - 1) * data.tickDays]).range([0, iw]);
    const top = max(data.lines.flatMap((l) => [max(Array.from(l.p95)) ?? 0, max(Array.from(l.mean)) ?? 0])) ?? 0;
    const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([ih, 0]);
    const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);

    g.append("g").attr("class", "grid").call(axisLeft(y).ticks(5).tickSize(-iw).tickFormat(() => ""))
      .call((a) => a.select(".domain").remove()).selectAll("line").attr("stroke", GRID);
    g.append("g").attr("class", "axis x").attr("transform", `translate(0,${ih})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(iw / 90))));
    g.append("g").attr("class", "axis y").call(axisLeft(y).ticks(5).tickFormat((v) => fmtAxis(data.unit)(+v)));
    axisLabel(g, data.tickDays === 1 ? "day" : `day (1 tick = ${data.tickDays} days)`, iw / 2, ih + 42);
    axisLabel(g, unitLabel(data.unit, data.currency), -56, ih / 2, true);

    const t = (i: number) => x(i * data.tickDays);
    for (const l of data.lines) {
      const s = g.append("g").attr("class", "series")
        .attr("data-plan", l.plan).attr("data-metric", l.metric)
        .attr("data-points", l.mean.length).attr("data-final", l.mean[l.mean.length - 1]);
      const idx = Array.from({ length: l.mean.length }, (_, i) => i);
      s.append("path").attr("class", "band").attr("fill", l.color).attr("fill-opacity", l.dashed ? 0.08 : 0.16)
        .attr("d", area<number>().x(t).y0((i) => y(l.p5[i])).y1((i) => y(l.p95[i]))(idx));
      s.append("path").attr("class", "line").attr("fill", "none").attr("stroke", l.color).attr("stroke-width", 2.75)
        .attr("stroke-dasharray", l.dashed ? "7 5" : null).attr("stroke-linejoin", "round")
        .attr("d", line<number>().x(t).y((i) => y(l.mean[i]))(idx));
    }

    const cursor = g.append("g").attr("class", "cursor").style("display", "none");
    cursor.append("line").attr("y1", 0).attr("y2", ih).attr("stroke", INK).attr("stroke-opacity", 0.5).attr("stroke-dasharray", "3 3");
    const dots = cursor.selectAll("circle").data(data.lines).join("circle").attr("r", 4.5).attr("fill", (l) => l.color).attr("stroke", "#fff").attr("stroke-width", 1.5);

    const showAt = (i: number, px?: number, py?: number) => {
      const cx = t(i);
      cursor.style("display", null).attr("transform", `translate(${cx},0)`);
      dots.attr("cy", (l) => y(l.mean[i]));
      const multi = new Set(data.lines.map((l) => l.metric)).size > 1;
      const rows = data.lines.map((l) => ({
        color: l.color, dashed: l.dashed,
        label: multi ? `${l.plan} · ${l.metricLabel}` : l.plan,
        value: fmtExact(l.mean[i], data.unit),
        detail: `p5–p95 ${fmtExact(l.p5[i], data.unit)} – ${fmtExact(l.p95[i], data.unit)}`,
      }));
      const [ax, ay] = px === undefined ? pagePoint(svg.node()!, m.left + cx, m.top + ih / 3) : [px, py!];
      showTooltip(`Day ${+(i * data.tickDays).toFixed(4)}${data.tickDays !== 1 ? ` (tick ${i})` : ""} — mean over replicates`, rows, ax, ay);
    };
    g.append("rect").attr("class", "overlay").attr("width", iw).attr("height", ih).attr("fill", "transparent")
      .on("pointermove", (e: PointerEvent) => {
        const [mx] = pointer(e, g.node());
        const i = Math.max(0, Math.min(rows - 1, Math.round(x.invert(mx) / data.tickDays)));
        showAt(i, e.pageX, e.pageY);
      })
      .on("pointerleave", () => {
        cursor.style("display", "none");
        hideTooltip();
      });
    keyboardNav(svg, rows, (i) => showAt(i), { stride: Math.max(1, Math.round(rows / 20)), start: rows - 1 });
    select(svg.node()).on("blur.cursor", () => cursor.style("display", "none"));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.height = (v: number) => ((height = v), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
