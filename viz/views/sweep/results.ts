/**
 * A card that draws a sweep's results: the heatmap of a metric over two parameters (or the line
 * chart over one), with switches for the metric and the axes, and PNG / SVG / CSV exports. It
 * redraws at most once per frame while runs stream in.
 */
import { METRIC_ORDER } from "../../../engine/viewer.ts";
import { planColor } from "../../charts/palette.ts";
import { sweepHeatmapChart } from "../../charts/sweep-heatmap.ts";
import { sweepLineChart } from "../../charts/sweep-line.ts";
import { hideTooltip } from "../../charts/tooltip.ts";
import { h } from "../../dom.ts";
import { card } from "../card.ts";
import { metricLabel } from "../compare/data.ts";
import { gridCount, gridCsv, paramLabel, sweepGrid, type Grid, type SweepData } from "./data.ts";

export interface ResultsCard {
  el: HTMLElement;
  /** Show a new data set; `metric` is the one to show first. */
  set(d: SweepData, context: { stem: string; caption: string }, metric?: string): void;
  /** Rows (or metrics) were added to the data set on screen. */
  refresh(): void;
  setMetric(metric: string): void;
  shown(): void;
}

/** Metrics in the CLI's reading order, then any others. */
export function orderMetrics(metrics: readonly string[]): string[] {
  return [...METRIC_ORDER.filter((m) => metrics.includes(m)), ...metrics.filter((m) => !METRIC_ORDER.includes(m))];
}

function select(name: string, control: string, onChange: (v: string) => void): HTMLSelectElement {
  return h("select", { class: "card-select", "aria-label": name, "data-control": control, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value) });
}

function options(sel: HTMLSelectElement, items: { value: string; label: string }[], value: string): void {
  sel.replaceChildren(...items.map((o) => h("option", { value: o.value }, o.label)));
  sel.value = value;
}

export function resultsCard(o: { id: string; title: string; note: string; extra?: HTMLElement[] }): ResultsCard {
  let data: SweepData | undefined;
  let ctx = { stem: "sweep", caption: "" };
  let metric = "";
  let xi = 0;
  let yi: number | undefined;
  let grid: Grid | undefined;
  let frame = 0;

  const metricSel = select("Metric", "metric", (v) => { metric = v; draw(); });
  const xSel = select("Parameter on the x axis", "x", (v) => { xi = Number(v); if (yi === xi) yi = data!.params.findIndex((_, i) => i !== xi); sync(); draw(); });
  const ySel = select("Parameter on the y axis", "y", (v) => { yi = v === "" ? undefined : Number(v); if (yi === xi) xi = data!.params.findIndex((_, i) => i !== yi); sync(); draw(); });
  const axes = h("span", { class: "axis-switches" }, h("label", {}, "x ", xSel), h("label", {}, "y ", ySel));
  const c = card({
    id: o.id, title: o.title, note: o.note, wide: true,
    controls: [h("label", { class: "metric-switch" }, "Metric ", metricSel), axes, ...(o.extra ?? [])],
    context: () => ctx,
    csv: () => (grid ? gridCsv(grid) : ""),
  });
  c.el.classList.add("sweep-results");
  const chartBox = h("div", { class: "sweep-chart" });
  c.body.append(chartBox);
  c.el.hidden = true;
  const heat = sweepHeatmapChart().id(o.id).label(`${o.title}: heatmap of a metric over two parameters, one panel per plan`);
  const lines = sweepLineChart().id(o.id).label(`${o.title}: a metric over one parameter, one line per plan`);

  function sync() {
    if (!data) return;
    const ms = orderMetrics(data.metrics);
    if (ms.length && !ms.includes(metric)) metric = ms.includes("customers") ? "customers" : ms[0];
    options(metricSel, ms.map((m) => ({ value: m, label: metricLabel(m) })), metric);
    const ps = data.params.map((p, i) => ({ value: String(i), label: p.name }));
    options(xSel, ps, String(xi));
    options(ySel, [...ps, { value: "", label: "— none (a line chart) —" }], yi === undefined ? "" : String(yi));
    axes.hidden = data.params.length < 2;
  }

  function draw() {
    cancelAnimationFrame(frame);
    frame = 0;
    if (!data || !metric || c.el.hidden) return;
    const w = Math.floor(chartBox.clientWidth);
    if (w === 0) return; // hidden tab: drawn when shown
    hideTooltip();
    grid = sweepGrid(data, { x: xi, y: yi, metric });
    const col = new Map(data.plans.map((p, i) => [p, planColor(i)]));
    const label = metricLabel(metric);
    const level = (g: NonNullable<Grid["y"]>) => ({ title: paramLabel(g.param), name: g.param.name, levels: g.levels.map((l) => l.label) });
    if (grid.y)
      heat.width(w)(chartBox, {
        metric, metricLabel: label, unit: grid.unit, currency: data.currency, x: level(grid.x), y: level(grid.y), domain: grid.domain,
        panels: grid.plans.map((p) => ({ plan: p.plan, color: col.get(p.plan)!, cells: p.cells })),
      });
    else
      lines.width(w).height(Math.round(Math.min(460, Math.max(340, w * 0.42))))(chartBox, {
        metric, metricLabel: label, unit: grid.unit, currency: data.currency, x: { ...level(grid.x), at: grid.x.levels.map((l) => l.at) },
        lines: grid.plans.map((p) => ({ plan: p.plan, color: col.get(p.plan)!, cells: p.cells })),
      });
    const { done, expected } = gridCount(grid);
    chartBox.dataset.done = String(done);
    chartBox.dataset.expected = String(expected);
  }

  return {
    el: c.el,
    set(d, context, first) {
      data = d;
      ctx = context;
      xi = 0;
      yi = d.params.length > 1 ? 1 : undefined;
      if (first) metric = first;
      c.el.hidden = false;
      sync();
      draw();
    },
    refresh() {
      if (!data) return;
      if (!metricSel.options.length || metricSel.options.length !== data.metrics.length) sync();
      if (!frame) frame = requestAnimationFrame(draw);
    },
    setMetric(m) {
      metric = m;
      sync();
      draw();
    },
    shown() {
      draw();
    },
  };
}
