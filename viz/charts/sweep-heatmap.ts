/**
 * Reusable sweep heatmap: a metric over two parameters, one panel per plan, one cell per pair of
 * parameter values coloured by the mean over the cell's runs (viridis, one scale for every panel,
 * with its legend). Cells whose runs have not finished are hatched; hover or arrow keys give the
 * exact mean with its standard error, median, p5–p95, min–max and the number of runs.
 *
 *   sweepHeatmapChart().id("sweep").width(900)(container, data)
 */
import { lab } from "d3";
import { colorBar } from "./color-bar.ts";
import { axisLabel, chartSvg, keyboardNav } from "./frame.ts";
import { fmtAxis, fmtExact, fmtShort, unitLabel, type Unit } from "./format.ts";
import { INK, MUTED } from "./palette.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";

export interface SweepCell {
  /** Runs with a value, runs whose value is undefined, and runs the cell should get. */
  n: number;
  missing: number;
  expected: number;
  mean: number;
  median: number;
  p5: number;
  p95: number;
  min: number;
  max: number;
  /** Sample standard deviation over the cell's runs, and the standard error of its mean. */
  sd: number;
  se: number;
}

export interface SweepHeatmapData {
  metric: string;
  metricLabel: string;
  unit: Unit;
  /** The scenario's currency, naming a money axis (default "currency units"). */
  currency?: string;
  /** Axis titles (with units) and parameter names. */
  x: { title: string; name: string; levels: string[] };
  y: { title: string; name: string; levels: string[] };
  /** Per plan, cells[j * nx + i] for x level i and y level j. */
  panels: { plan: string; color: string; cells: SweepCell[] }[];
  domain: [number, number];
}

const HATCH = "#eef0f4";

/** Characters that fit in `px` at the 14px tick font. */
const fits = (text: string, px: number) => text.length * 7.6 <= px;

export function sweepHeatmapChart() {
  let width = 900;
  let id = "sweep-heatmap";
  let label = "sweep heatmap";

  function chart(container: HTMLElement, data: SweepHeatmapData): void {
    const nx = data.x.levels.length, ny = data.y.levels.length;
    const nplan = data.panels.length;
    const yTickW = Math.min(170, 16 + Math.max(...data.y.levels.map((l) => l.length)) * 7.6);
    const gap = 36;
    const left = 8;
    const top = 50; // plan title, then the y-axis title above the cells
    const right = 16;
    const maxPanel = nx * 130;
    const minPanel = Math.max(nx * 46, 170);
    const perRow = Math.max(1, Math.min(nplan, Math.floor((width - left - right + gap) / (yTickW + minPanel + gap))));
    const pw = Math.min(maxPanel, (width - left - right - (perRow - 1) * gap) / perRow - yTickW);
    const cw = pw / nx;
    const ch = ny <= 3 ? 60 : ny <= 6 ? 46 : Math.max(22, Math.min(40, 360 / ny));
    const rotate = data.x.levels.some((l) => !fits(l, cw - 6));
    const xTickH = rotate ? 16 + Math.min(90, Math.max(...data.x.levels.map((l) => l.length)) * 5.6) : 26;
    const panelH = top + ny * ch + xTickH + 30;
    const rows = Math.ceil(nplan / perRow);
    const legendH = 64;
    const height = legendH + rows * panelH + (rows - 1) * 18 + 8;
    const svg = chartSvg(container, id, width, height, label);

    const [lo, hi] = data.domain;
    const has = Number.isFinite(lo) && Number.isFinite(hi);
    const d0 = has ? lo : 0, d1 = has ? (hi > lo ? hi : lo + (Math.abs(lo) || 1) * 1e-9) : 1;

    // legend: the colour scale, and the swatch of cells still running
    const unitText = unitLabel(data.unit, data.currency);
    const lg = svg.append("g").attr("class", "legend").attr("transform", `translate(${left + 24},8)`);
    lg.append("text").attr("x", 0).attr("y", 16).text(`${data.metricLabel} (${unitText}), mean over the cell's runs ± its 95 % interval`);
    const lw = Math.min(360, width - left - right - 250);
    const color = colorBar(svg, lg, { id, domain: [d0, d1], width: lw, y: 26, ticks: Math.max(2, Math.floor(lw / 90)), format: fmtAxis(data.unit) });
    const hatchId = `hatch-${id}`;
    const pat = svg.select("defs").append("pattern").attr("id", hatchId).attr("width", 8).attr("height", 8).attr("patternUnits", "userSpaceOnUse").attr("patternTransform", "rotate(45)");
    pat.append("rect").attr("width", 8).attr("height", 8).attr("fill", HATCH);
    pat.append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 8).attr("stroke", "#c5cad3").attr("stroke-width", 3);
    const pend = lg.append("g").attr("transform", `translate(${lw + 28},26)`);
    pend.append("rect").attr("width", 22).attr("height", 14).attr("fill", `url(#${hatchId})`).attr("stroke", "#c5cad3");
    pend.append("text").attr("x", 30).attr("y", 12).text("not run yet");

    const cells: { k: number; i: number; j: number }[] = [];
    const origin = (k: number) => {
      const r = Math.floor(k / perRow), c = k % perRow;
      return [left + c * (yTickW + pw + gap) + yTickW, legendH + r * (panelH + 18)] as const;
    };
    data.panels.forEach((p, k) => {
      const [ox, oy] = origin(k);
      const g = svg.append("g").attr("class", "sweep-panel").attr("data-plan", p.plan).attr("transform", `translate(${ox},${oy})`);
      g.append("rect").attr("x", 0).attr("y", 6).attr("width", 14).attr("height", 14).attr("rx", 3).attr("fill", p.color);
      g.append("text").attr("class", "panel-title").attr("x", 22).attr("y", 18).text(p.plan);
      const yTitle = data.y.title.length * 7.6 > yTickW + pw ? `${data.y.title.slice(0, Math.floor((yTickW + pw) / 7.6) - 3)}…` : data.y.title;
      g.append("text").attr("class", "axis-label y-title").attr("x", -yTickW).attr("y", 42).text(`↑ ${yTitle}`);
      const body = g.append("g").attr("transform", `translate(0,${top})`);
      for (let j = 0; j < ny; j++) {
        const yy = (ny - 1 - j) * ch; // first level at the bottom
        body.append("text").attr("class", "tick-label").attr("x", -8).attr("y", yy + ch / 2 + 5).attr("text-anchor", "end").text(data.y.levels[j]);
        for (let i = 0; i < nx; i++) {
          const c = p.cells[j * nx + i];
          const filled = c.n > 0;
          // Hatched: runs still to come; plain: no point of the design falls in this cell (a scattered design's bins).
          const fill = filled ? color(c.mean) : c.expected > 0 ? `url(#${hatchId})` : "#f4f6f9";
          body.append("rect").attr("class", "cell").attr("x", i * cw).attr("y", yy).attr("width", cw - 2).attr("height", ch - 2).attr("rx", 2)
            .attr("fill", fill).attr("data-plan", p.plan).attr("data-x", i).attr("data-y", j)
            .attr("data-n", c.n).attr("data-missing", c.missing).attr("data-expected", c.expected).attr("data-mean", filled ? c.mean : null)
            .attr("data-partial", filled && c.n + c.missing < c.expected ? "" : null)
            .on("pointermove", (e: PointerEvent) => show(k, i, j, e.pageX, e.pageY));
          const text = filled ? fmtShort(c.mean, data.unit) : c.missing > 0 ? "–" : "";
          // Under the mean, when the cell has room and two runs or more: ± the 95 % interval of the mean (1.96 · se).
          const spread = filled && c.n >= 2 && ch >= 40 ? `±${fmtShort(1.96 * c.se, data.unit)}` : "";
          const ink = filled && lab(color(c.mean)).l < 62 ? "#fff" : INK;
          if (text && fits(text, cw - 8) && ch >= 22)
            body.append("text").attr("class", "value-label").attr("x", i * cw + (cw - 2) / 2).attr("y", yy + (ch - 2) / 2 + (spread ? -1 : 5)).attr("text-anchor", "middle")
              .attr("pointer-events", "none").style("fill", ink)
              .attr("font-style", filled && c.n + c.missing < c.expected ? "italic" : null).text(text);
          if (spread && fits(spread, cw - 8))
            body.append("text").attr("class", "value-spread").attr("x", i * cw + (cw - 2) / 2).attr("y", yy + (ch - 2) / 2 + 14).attr("text-anchor", "middle")
              .attr("pointer-events", "none").attr("font-size", 11).style("fill", ink).attr("opacity", 0.85).text(spread);
        }
      }
      const xt = body.append("g").attr("transform", `translate(0,${ny * ch + 6})`);
      data.x.levels.forEach((l, i) => {
        const t = xt.append("text").attr("class", "tick-label");
        if (rotate) t.attr("text-anchor", "end").attr("transform", `translate(${i * cw + cw / 2 + 4},10) rotate(-35)`).text(l);
        else t.attr("x", i * cw + (cw - 2) / 2).attr("y", 14).attr("text-anchor", "middle").text(l);
      });
      axisLabel(body, data.x.title, pw / 2, ny * ch + xTickH + 18);
    });
    svg.selectAll(".tick-label").style("font-size", "14px").style("fill", MUTED);

    const cursor = svg.append("rect").attr("fill", "none").attr("stroke", INK).attr("stroke-width", 2.5).attr("pointer-events", "none").style("display", "none");
    function show(k: number, i: number, j: number, ex?: number, ey?: number) {
      const p = data.panels[k], c = p.cells[j * nx + i];
      const [ox, oy] = origin(k);
      const cx = ox + i * cw, cy = oy + top + (ny - 1 - j) * ch;
      cursor.style("display", null).attr("x", cx - 1).attr("y", cy - 1).attr("width", cw).attr("height", ch);
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, cx + cw, cy + ch) : [ex, ey!];
      const u = data.unit;
      const runs = `${c.n + c.missing} of ${c.expected}${c.missing ? ` (${c.missing} undefined)` : ""}`;
      showTooltip(`${p.plan} — ${data.x.name} = ${data.x.levels[i]}, ${data.y.name} = ${data.y.levels[j]}`,
        c.n === 0
          ? [{ label: "runs done", value: runs }]
          : [
            { color: p.color, label: `${data.metricLabel}, mean`, value: fmtExact(c.mean, u), detail: `± ${fmtExact(c.se, u)} (SE) · median ${fmtExact(c.median, u)}` },
            { label: "p5–p95", value: `${fmtExact(c.p5, u)} – ${fmtExact(c.p95, u)}` },
            { label: "min–max", value: `${fmtExact(c.min, u)} – ${fmtExact(c.max, u)}` },
            { label: "runs (n)", value: runs },
          ], ax, ay);
    }
    // keyboard order: panel by panel, top row first (ArrowDown moves down a row)
    data.panels.forEach((_, k) => {
      for (let j = ny - 1; j >= 0; j--) for (let i = 0; i < nx; i++) cells.push({ k, i, j });
    });
    keyboardNav(svg, cells.length, (q) => show(cells[q].k, cells[q].i, cells[q].j), { stride: nx });
    svg.on("blur.cursor", () => cursor.style("display", "none"));
    svg.on("pointerleave.cursor", () => cursor.style("display", "none"));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
