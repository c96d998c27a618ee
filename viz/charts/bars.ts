/**
 * Reusable bar chart: one horizontal bar per plan (the mean) with a p5–p95 whisker and the value at
 * its end; negative values (a losing ROI) extend left of zero.
 */
import { axisBottom, min, max, scaleBand, scaleLinear } from "d3";
import type { Stat } from "../../engine/viewer.ts";
import { axisLabel, chartSvg, keyboardNav } from "./frame.ts";
import { fmtAxis, fmtExact, fmtShort, unitLabel, type Unit } from "./format.ts";
import { GRID, INK } from "./palette.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";

export interface BarsData {
  metric: string;
  label: string;
  unit: Unit;
  /** The scenario's currency, naming a money axis (default "currency units"). */
  currency?: string;
  items: { plan: string; color: string; stat: Stat }[];
}

export function barChart() {
  let width = 420;
  let id = "bars";
  let label = "bars";

  function chart(container: HTMLElement, data: BarsData): void {
    // Plan names sit above their bars, so narrow cards keep the whole width for the bars.
    const rowH = 54;
    const vals = data.items.flatMap((d) => [d.stat.mean, d.stat.p5, d.stat.p95]).filter(Number.isFinite);
    const lo = Math.min(0, min(vals) ?? 0);
    // A negative axis starts with a label such as "−100%", centred on its tick: leave room for all of it.
    const m = { top: 6, right: 64, bottom: 50, left: lo < 0 ? 34 : 14 };
    const height = m.top + m.bottom + rowH * data.items.length;
    const svg = chartSvg(container, id, width, height, label);
    const iw = width - m.left - m.right;
    const ih = rowH * data.items.length;
    const hi = Math.max(0, max(vals) ?? 1) || 1;
    const x = scaleLinear().domain([lo, hi]).nice().range([0, iw]);
    const y = scaleBand<string>().domain(data.items.map((d) => d.plan)).range([0, ih]).paddingInner(0.2).paddingOuter(0.1);
    const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
    g.append("g").attr("transform", `translate(0,${ih})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(iw / 75))).tickFormat((v) => fmtAxis(data.unit)(+v)))
      .call((a) => a.selectAll(".tick line").clone().attr("y2", -ih).attr("stroke", GRID));
    axisLabel(g, unitLabel(data.unit, data.currency), iw / 2, ih + 42);
    g.append("line").attr("x1", x(0)).attr("x2", x(0)).attr("y1", 0).attr("y2", ih).attr("stroke", INK);
    const show = (i: number, ex?: number, ey?: number) => {
      const d = data.items[i];
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, m.left + x(d.stat.mean), m.top + y(d.plan)! + y.bandwidth()) : [ex, ey!];
      showTooltip(`${d.plan} — ${data.label}`, [
        { color: d.color, label: "mean", value: fmtExact(d.stat.mean, data.unit) },
        { label: "median", value: fmtExact(d.stat.median, data.unit) },
        { label: "p5 – p95", value: `${fmtExact(d.stat.p5, data.unit)} – ${fmtExact(d.stat.p95, data.unit)}` },
      ], ax, ay);
    };
    data.items.forEach((d, i) => {
      const row = g.append("g").attr("class", "bar-item").attr("data-plan", d.plan).attr("data-value", d.stat.mean);
      const by = y(d.plan)! + 20;
      const bh = y.bandwidth() - 20;
      row.append("text").attr("x", 0).attr("y", by - 5).attr("class", "small-label halo").text(d.plan);
      if (Number.isFinite(d.stat.mean)) {
        row.append("rect").attr("x", Math.min(x(0), x(d.stat.mean))).attr("y", by).attr("width", Math.abs(x(d.stat.mean) - x(0))).attr("height", bh).attr("fill", d.color).attr("rx", 2);
        if (Number.isFinite(d.stat.p5)) {
          const wy = by + bh / 2;
          row.append("line").attr("class", "whisker").attr("x1", x(d.stat.p5)).attr("x2", x(d.stat.p95)).attr("y1", wy).attr("y2", wy).attr("stroke", INK).attr("stroke-width", 1.5);
          for (const v of [d.stat.p5, d.stat.p95]) row.append("line").attr("x1", x(v)).attr("x2", x(v)).attr("y1", wy - 6).attr("y2", wy + 6).attr("stroke", INK).attr("stroke-width", 1.5);
        }
      }
      const end = Math.max(x(0), x(Number.isFinite(d.stat.p95) ? d.stat.p95 : d.stat.mean) || 0);
      row.append("text").attr("class", "value-label halo").attr("x", end + 6).attr("y", by + bh / 2 + 5).text(fmtShort(d.stat.mean, data.unit));
      row.append("rect").attr("x", -m.left).attr("y", by - 20).attr("width", width).attr("height", bh + 24).attr("fill", "transparent")
        .on("pointermove", (e: PointerEvent) => show(i, e.pageX, e.pageY));
    });
    keyboardNav(svg, data.items.length, (i) => show(i));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
