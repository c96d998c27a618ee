/**
 * Reusable one-parameter sweep chart: a metric over the parameter's values, one line per plan
 * (mean over the point's runs) with its p5–p95 band and a dot per finished point. Numeric
 * parameters sit on a linear axis, others at even steps. Hover or arrow keys give exact values.
 *
 *   sweepLineChart().id("sweep").width(900)(container, data)
 */
import { area, axisBottom, axisLeft, line, max, min, pointer, scaleLinear, scalePoint } from "d3";
import { axisLabel, chartSvg, keyboardNav, legend, type LegendEntry } from "./frame.ts";
import { fmtAxis, fmtExact, unitLabel, type Unit } from "./format.ts";
import { GRID, INK } from "./palette.ts";
import type { SweepCell } from "./sweep-heatmap.ts";
import { hideTooltip, pagePoint, showTooltip } from "./tooltip.ts";

export interface SweepLineData {
  metric: string;
  metricLabel: string;
  unit: Unit;
  /** The scenario's currency, naming a money axis (default "currency units"). */
  currency?: string;
  x: { title: string; name: string; levels: string[]; /** Numeric positions (NaN for categories). */ at: number[] };
  lines: { plan: string; color: string; cells: SweepCell[] }[];
}

export function sweepLineChart() {
  let width = 900;
  let height = 420;
  let id = "sweep-line";
  let label = "sweep line chart";

  function chart(container: HTMLElement, data: SweepLineData): void {
    const svg = chartSvg(container, id, width, height, label);
    const entries: LegendEntry[] = [...data.lines.map((l) => ({ label: l.plan, color: l.color })), { label: "band: p5–p95 of the runs", color: "#9aa1ad", square: true }];
    const m = { top: 12, right: 24, bottom: 62, left: 84 };
    m.top += legend(svg, entries, m.left, 8, width - m.left - m.right) + 6;
    const iw = width - m.left - m.right, ih = height - m.top - m.bottom;
    const n = data.x.levels.length;
    const numeric = data.x.at.every(Number.isFinite) && n > 1;
    const lin = scaleLinear().domain([min(data.x.at) ?? 0, max(data.x.at) ?? 1]).range([0, iw]);
    const pts = scalePoint<number>().domain([...Array(n).keys()]).range([0, iw]).padding(0.3);
    const xOf = (i: number) => (numeric ? lin(data.x.at[i]) : pts(i)!);
    const all = data.lines.flatMap((l) => l.cells.filter((c) => c.n > 0).flatMap((c) => [c.p5, c.p95, c.mean]));
    const lo = Math.min(0, min(all) ?? 0), hi = Math.max(0, max(all) ?? 0);
    const y = scaleLinear().domain([lo, hi > lo ? hi : lo + 1]).nice().range([ih, 0]);
    const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);

    g.append("g").attr("class", "grid").call(axisLeft(y).ticks(6).tickSize(-iw).tickFormat(() => ""))
      .call((a) => a.select(".domain").remove()).selectAll("line").attr("stroke", GRID);
    const xa = g.append("g").attr("class", "axis x").attr("transform", `translate(0,${ih})`);
    if (numeric) xa.call(axisBottom(lin).tickValues(n <= 12 ? data.x.at : lin.ticks(8)).tickFormat((v) => (n <= 12 ? data.x.levels[data.x.at.indexOf(+v)] : fmtAxis("count")(+v))));
    else xa.call(axisBottom(pts).tickFormat((i) => data.x.levels[i]));
    g.append("g").attr("class", "axis y").call(axisLeft(y).ticks(6).tickFormat((v) => fmtAxis(data.unit)(+v)));
    axisLabel(g, data.x.title, iw / 2, ih + 46);
    axisLabel(g, `${data.metricLabel} (${unitLabel(data.unit, data.currency)})`, -64, ih / 2, true);

    const idx = [...Array(n).keys()];
    for (const l of data.lines) {
      const s = g.append("g").attr("class", "series").attr("data-plan", l.plan);
      const has = (i: number) => l.cells[i].n > 0;
      s.append("path").attr("class", "band").attr("fill", l.color).attr("fill-opacity", 0.16)
        .attr("d", area<number>().defined(has).x(xOf).y0((i) => y(l.cells[i].p5)).y1((i) => y(l.cells[i].p95))(idx));
      s.append("path").attr("class", "line").attr("fill", "none").attr("stroke", l.color).attr("stroke-width", 2.75)
        .attr("d", line<number>().defined(has).x(xOf).y((i) => y(l.cells[i].mean))(idx));
      s.selectAll("circle").data(idx.filter(has)).join("circle").attr("class", "point").attr("r", 4.5).attr("fill", l.color).attr("stroke", "#fff").attr("stroke-width", 1.5)
        .attr("cx", xOf).attr("cy", (i) => y(l.cells[i].mean)).attr("data-x", (i) => i).attr("data-n", (i) => l.cells[i].n).attr("data-mean", (i) => l.cells[i].mean);
    }

    const cursor = g.append("line").attr("y1", 0).attr("y2", ih).attr("stroke", INK).attr("stroke-opacity", 0.5).attr("stroke-dasharray", "3 3").style("display", "none");
    const show = (i: number, px?: number, py?: number) => {
      cursor.style("display", null).attr("x1", xOf(i)).attr("x2", xOf(i));
      const u = data.unit;
      const rows = data.lines.map((l) => {
        const c = l.cells[i];
        return c.n === 0
          ? { color: l.color, label: l.plan, value: "not run yet", detail: `${c.n + c.missing} of ${c.expected} runs` }
          : { color: l.color, label: l.plan, value: fmtExact(c.mean, u), detail: `± ${fmtExact(c.se, u)} (SE) · p5–p95 ${fmtExact(c.p5, u)} – ${fmtExact(c.p95, u)} · min–max ${fmtExact(c.min, u)} – ${fmtExact(c.max, u)} · n = ${c.n}${c.missing ? ` (+${c.missing} undefined)` : ""} of ${c.expected}` };
      });
      const [ax, ay] = px === undefined ? pagePoint(svg.node()!, m.left + xOf(i), m.top + ih / 3) : [px, py!];
      showTooltip(`${data.x.name} = ${data.x.levels[i]} — ${data.metricLabel}, mean over runs`, rows, ax, ay);
    };
    g.append("rect").attr("class", "overlay").attr("width", iw).attr("height", ih).attr("fill", "transparent")
      .on("pointermove", (e: PointerEvent) => {
        const [mx] = pointer(e, g.node());
        let best = 0;
        for (const i of idx) if (Math.abs(xOf(i) - mx) < Math.abs(xOf(best) - mx)) best = i;
        show(best, e.pageX, e.pageY);
      })
      .on("pointerleave", () => {
        cursor.style("display", "none");
        hideTooltip();
      });
    keyboardNav(svg, n, (i) => show(i));
    svg.on("blur.cursor", () => cursor.style("display", "none"));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.height = (v: number) => ((height = v), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
