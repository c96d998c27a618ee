/**
 * Reusable penetration heatmap: per plan a block of rows, one row per circle, one column per tick (or
 * per group of ticks on long horizons), coloured by the share of the circle reached or converted
 * (mean over replicates), with a colour legend in percent.
 */
import { axisBottom, max, scaleLinear } from "d3";
import { colorBar } from "./color-bar.ts";
import { axisLabel, chartSvg, keyboardNav } from "./frame.ts";
import { fmtAxis, fmtExact } from "./format.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";

export interface HeatmapData {
  metricLabel: string;
  tickDays: number;
  plans: { plan: string; color: string; circles: { name: string; size: number; values: ArrayLike<number> }[] }[];
}

export function heatmapChart() {
  let width = 900;
  let id = "heatmap";
  let label = "penetration heatmap";

  function chart(container: HTMLElement, data: HeatmapData): void {
    const circles = data.plans[0]?.circles.length ?? 0;
    const rows = data.plans[0]?.circles[0]?.values.length ?? 0;
    const cellH = circles > 8 ? 18 : 28;
    const blockH = 30 + circles * cellH + 10;
    const m = { top: 64, right: 20, bottom: 50, left: 170 };
    const height = m.top + data.plans.length * blockH + m.bottom;
    const svg = chartSvg(container, id, width, height, label);
    const iw = width - m.left - m.right;
    const cols = Math.min(rows, Math.max(1, Math.floor(iw / 2)));
    const per = Math.ceil(rows / cols);
    const ncol = Math.ceil(rows / per);
    const cw = iw / ncol;
    const maxV = Math.max(1e-9, max(data.plans, (p) => max(p.circles, (c) => max(Array.from(c.values)))) ?? 0);
    const x = scaleLinear().domain([0, (rows - 1) * data.tickDays]).range([0, iw]);

    // colour legend
    const lg = svg.append("g").attr("class", "legend").attr("transform", `translate(${m.left},12)`);
    lg.append("text").attr("x", -10).attr("y", 14).attr("text-anchor", "end").text(`${data.metricLabel}:`);
    const color = colorBar(svg, lg, { id, domain: [0, maxV], width: Math.min(320, iw), y: 0, ticks: 5, format: fmtAxis("share") });

    const cells: { plan: number; circle: number; col: number }[] = [];
    data.plans.forEach((p, k) => {
      const by = m.top + k * blockH;
      const g = svg.append("g").attr("class", "heat-plan").attr("data-plan", p.plan).attr("transform", `translate(${m.left},${by})`);
      g.append("rect").attr("x", -m.left + 8).attr("y", 6).attr("width", 14).attr("height", 14).attr("rx", 3).attr("fill", p.color);
      g.append("text").attr("class", "panel-title").attr("x", -m.left + 30).attr("y", 18).text(p.plan);
      p.circles.forEach((c, ci) => {
        const row = g.append("g").attr("class", "heat-row").attr("shape-rendering", "crispEdges").attr("data-circle", c.name).attr("data-final", c.values[rows - 1])
          .attr("data-columns", ncol).attr("transform", `translate(0,${28 + ci * cellH})`);
        row.append("text").attr("class", "small-label").attr("x", -10).attr("y", cellH / 2 + 5).attr("text-anchor", "end").text(c.name);
        for (let j = 0; j < ncol; j++) {
          const t = Math.min(rows - 1, (j + 1) * per - 1);
          row.append("rect").attr("x", j * cw).attr("width", cw + 0.6).attr("height", cellH - 2).attr("fill", color(c.values[t]))
            .on("pointermove", (e: PointerEvent) => show(k, ci, j, e.pageX, e.pageY));
          cells.push({ plan: k, circle: ci, col: j });
        }
      });
    });
    const axisY = m.top + data.plans.length * blockH;
    svg.append("g").attr("transform", `translate(${m.left},${axisY})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(iw / 90))));
    axisLabel(svg, "day", m.left + iw / 2, axisY + 40);

    const cursor = svg.append("rect").attr("fill", "none").attr("stroke", "#000").attr("stroke-width", 2).style("display", "none");
    function show(k: number, ci: number, j: number, ex?: number, ey?: number) {
      const p = data.plans[k], c = p.circles[ci];
      const t0 = j * per, t = Math.min(rows - 1, (j + 1) * per - 1);
      const cx = m.left + j * cw, cy = m.top + k * blockH + 28 + ci * cellH;
      if (ex === undefined) cursor.style("display", null).attr("x", cx).attr("y", cy).attr("width", Math.max(3, cw)).attr("height", cellH - 2);
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, cx + cw, cy + cellH) : [ex, ey!];
      showTooltip(`${p.plan} — ${c.name} (${c.size.toLocaleString("en-US")} consumers)`, [
        { color: p.color, label: `${data.metricLabel}, day ${t * data.tickDays}${per > 1 ? ` (days ${t0 * data.tickDays}–${t * data.tickDays})` : ""}`, value: fmtExact(c.values[t], "share") },
        { label: "people (mean)", value: fmtExact(c.values[t] * c.size) },
      ], ax, ay);
    }
    keyboardNav(svg, cells.length, (i) => show(cells[i].plan, cells[i].circle, cells[i].col), { stride: ncol, start: ncol - 1 });
    svg.on("blur.cursor", () => cursor.style("display", "none"));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
