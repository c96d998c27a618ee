/**
 * Reusable case-repetition decay chart: for each repeated case, one group of bars per wave (one bar
 * per plan), p5–p95 whiskers, and above waves 2… the decay ratio wave k / wave 1 (median over replicates).
 */
import { axisBottom, axisLeft, max, scaleBand, scaleLinear } from "d3";
import type { Stat } from "../../engine/viewer.ts";
import { axisLabel, chartSvg, keyboardNav, legend } from "./frame.ts";
import { fmtAxis, fmtExact, fmtShort, type Unit } from "./format.ts";
import { GRID, INK } from "./palette.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";

export interface DecayBar {
  plan: string;
  strategy: string;
  color: string;
  wave: number;
  start: number;
  end: number;
  stat: Stat;
  ratio: Stat;
}

export interface DecayData {
  metricLabel: string;
  unit: Unit;
  tickDays: number;
  bars: DecayBar[];
}

export function decayChart() {
  let width = 640;
  let height = 340;
  let id = "decay";
  let label = "decay per wave";

  function chart(container: HTMLElement, data: DecayData): void {
    const svg = chartSvg(container, id, width, height, label);
    const series = [...new Map(data.bars.map((b) => [`${b.plan} · ${b.strategy}`, b])).values()];
    const m = { top: 10, right: 16, bottom: 58, left: 76 };
    m.top += legend(svg, series.map((b) => ({ label: `${b.plan} · ${b.strategy}`, color: b.color, square: true })), m.left, 8, width - m.left - m.right) + 10;
    const iw = width - m.left - m.right;
    const ih = height - m.top - m.bottom;
    const waves = [...new Set(data.bars.map((b) => b.wave))].sort((a, b) => a - b);
    const x0 = scaleBand<number>().domain(waves).range([0, iw]).padding(0.22);
    const keys = series.map((b) => `${b.plan} · ${b.strategy}`);
    const x1 = scaleBand<string>().domain(keys).range([0, x0.bandwidth()]).padding(0.08);
    const top = max(data.bars.flatMap((b) => [b.stat.p95, b.stat.mean]).filter(Number.isFinite)) ?? 1;
    const y = scaleLinear().domain([0, (top || 1) * 1.12]).nice().range([ih, 0]);
    const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
    g.append("g").call(axisLeft(y).ticks(5).tickSize(-iw).tickFormat(() => "")).call((a) => a.select(".domain").remove()).selectAll("line").attr("stroke", GRID);
    g.append("g").attr("transform", `translate(0,${ih})`).call(axisBottom(x0).tickFormat((w) => {
      const b = data.bars.find((d) => d.wave === w)!;
      return `wave ${w} (days ${b.start * data.tickDays}–${b.end * data.tickDays})`;
    }));
    g.append("g").call(axisLeft(y).ticks(5).tickFormat((v) => fmtAxis(data.unit)(+v)));
    axisLabel(g, `${data.metricLabel} in the wave${data.unit === "people" ? " (people)" : ""}`, -58, ih / 2, true);
    axisLabel(g, "wave of the same case", iw / 2, ih + 46);
    const show = (i: number, ex?: number, ey?: number) => {
      const b = data.bars[i];
      const bx = x0(b.wave)! + x1(`${b.plan} · ${b.strategy}`)!;
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, m.left + bx + x1.bandwidth(), m.top + y(b.stat.mean)) : [ex, ey!];
      showTooltip(`${b.plan} · ${b.strategy} — wave ${b.wave} (ticks ${b.start}–${b.end})`, [
        { color: b.color, label: `${data.metricLabel}, mean`, value: fmtExact(b.stat.mean, data.unit) },
        { label: "p5 – p95", value: `${fmtExact(b.stat.p5, data.unit)} – ${fmtExact(b.stat.p95, data.unit)}` },
        { label: "decay ratio (median)", value: b.wave === 1 ? "1" : fmtExact(b.ratio.median) },
        { label: "decay ratio p5 – p95", value: b.wave === 1 ? "–" : `${fmtExact(b.ratio.p5)} – ${fmtExact(b.ratio.p95)}` },
      ], ax, ay);
    };
    data.bars.forEach((b, i) => {
      const key = `${b.plan} · ${b.strategy}`;
      const bx = x0(b.wave)! + x1(key)!;
      const bw = x1.bandwidth();
      const v = Number.isFinite(b.stat.mean) ? b.stat.mean : 0;
      const bar = g.append("g").attr("class", "wave-bar").attr("data-plan", b.plan).attr("data-strategy", b.strategy).attr("data-wave", b.wave)
        .attr("data-value", b.stat.mean).attr("data-ratio", b.ratio.median);
      bar.append("rect").attr("x", bx).attr("y", y(v)).attr("width", bw).attr("height", ih - y(v)).attr("fill", b.color).attr("rx", 2);
      if (Number.isFinite(b.stat.p5)) {
        const cx = bx + bw / 2;
        bar.append("line").attr("x1", cx).attr("x2", cx).attr("y1", y(b.stat.p5)).attr("y2", y(b.stat.p95)).attr("stroke", INK).attr("stroke-width", 1.5);
        for (const q of [b.stat.p5, b.stat.p95]) bar.append("line").attr("x1", cx - 5).attr("x2", cx + 5).attr("y1", y(q)).attr("y2", y(q)).attr("stroke", INK).attr("stroke-width", 1.5);
      }
      const labelY = y(Number.isFinite(b.stat.p95) ? Math.max(b.stat.p95, v) : v) - 8;
      bar.append("text").attr("class", "value-label halo").attr("text-anchor", "middle").attr("x", bx + bw / 2).attr("y", labelY)
        .text(b.wave === 1 ? fmtShort(v) : `×${Number.isFinite(b.ratio.median) ? b.ratio.median.toFixed(2) : "–"}`);
      bar.append("rect").attr("x", bx).attr("y", 0).attr("width", bw).attr("height", ih).attr("fill", "transparent")
        .on("pointermove", (e: PointerEvent) => show(i, e.pageX, e.pageY));
    });
    keyboardNav(svg, data.bars.length, (i) => show(i));
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.height = (v: number) => ((height = v), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
