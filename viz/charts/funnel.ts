/**
 * Reusable funnel chart: one panel per plan, one bar per stage (impressions → real reach → aware →
 * interested → customers → fans). Bar lengths share a log scale across panels, because the stages
 * span four orders of magnitude; the label gives the mean and the share of the stage above.
 */
import { scaleLog } from "d3";
import { chartSvg, keyboardNav } from "./frame.ts";
import { fmtExact, fmtShort } from "./format.ts";
import { GRID, MUTED } from "./palette.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";
import type { Stat } from "../../engine/viewer.ts";

export interface FunnelStage {
  key: string;
  label: string;
  stat: Stat;
}

export interface FunnelData {
  plans: { plan: string; color: string; stages: FunnelStage[] }[];
}

export function funnelChart() {
  let width = 900;
  let id = "funnel";
  let label = "funnel per plan";

  function chart(container: HTMLElement, data: FunnelData): void {
    const n = data.plans.length;
    const cols = Math.max(1, Math.min(n, Math.floor(width / 330)));
    const panelW = width / cols;
    const stages = data.plans[0]?.stages.length ?? 0;
    const rowH = 46;
    const panelH = 36 + stages * rowH + 8;
    const rowsOfPanels = Math.ceil(n / cols);
    const height = rowsOfPanels * panelH + 10;
    const svg = chartSvg(container, id, width, height, label);
    const top = Math.max(10, ...data.plans.flatMap((p) => p.stages.map((s) => s.stat.mean)));
    const barMax = panelW - 24;
    const x = scaleLog().domain([1, top]).range([2, barMax * 0.72]).clamp(true);
    const focusables: { x: number; y: number; show: () => void }[] = [];

    data.plans.forEach((p, k) => {
      const px = (k % cols) * panelW + 12;
      const py = Math.floor(k / cols) * panelH + 8;
      const g = svg.append("g").attr("class", "funnel-plan").attr("data-plan", p.plan).attr("transform", `translate(${px},${py})`);
      g.append("rect").attr("width", 14).attr("height", 14).attr("y", 5).attr("rx", 3).attr("fill", p.color);
      g.append("text").attr("class", "panel-title").attr("x", 22).attr("y", 17).text(p.plan);
      p.stages.forEach((s, i) => {
        const y = 34 + i * rowH;
        const prev = i > 0 ? p.stages[i - 1].stat.mean : NaN;
        const share = i > 0 && prev > 0 ? s.stat.mean / prev : NaN;
        const row = g.append("g").attr("class", "stage").attr("data-stage", s.key).attr("data-value", s.stat.mean).attr("transform", `translate(0,${y})`);
        row.append("text").attr("class", "small-label").attr("y", 13).text(s.label);
        row.append("rect").attr("y", 18).attr("width", barMax * 0.72).attr("height", 20).attr("fill", GRID).attr("rx", 3);
        const w = s.stat.mean >= 1 ? x(s.stat.mean) : s.stat.mean > 0 ? 2 : 0;
        row.append("rect").attr("class", "bar").attr("y", 18).attr("width", w).attr("height", 20).attr("fill", p.color).attr("rx", 3);
        row.append("text").attr("class", "value-label").attr("x", barMax * 0.72 + 8).attr("y", 33)
          .text(fmtShort(s.stat.mean));
        if (Number.isFinite(share))
          row.append("text").attr("class", "small-label").attr("x", barMax * 0.72 + 8).attr("y", 13).attr("fill", MUTED)
            .text(`${share >= 0.1 ? (share * 100).toFixed(0) : (share * 100).toFixed(1)}% ↓`);
        const show = (ex?: number, ey?: number) => {
          const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, px + w, py + y + 30) : [ex, ey!];
          showTooltip(`${p.plan} — ${s.label}`, [
            { color: p.color, label: "mean", value: fmtExact(s.stat.mean) },
            { label: "median", value: fmtExact(s.stat.median) },
            { label: "p5 – p95", value: `${fmtExact(s.stat.p5)} – ${fmtExact(s.stat.p95)}` },
            ...(Number.isFinite(share) ? [{ label: `of ${p.stages[i - 1].label.toLowerCase()}`, value: fmtExact(share, "share") }] : []),
          ], ax, ay);
        };
        row.append("rect").attr("width", panelW - 24).attr("height", rowH - 2).attr("fill", "transparent")
          .on("pointermove", (e: PointerEvent) => show(e.pageX, e.pageY));
        focusables.push({ x: px, y: py + y, show: () => show() });
      });
    });
    keyboardNav(svg, focusables.length, (i) => focusables[i].show(), { stride: stages });
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
