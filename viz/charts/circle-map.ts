/**
 * Reusable circle map: circles as discs (area ∝ consumers) coloured by penetration at one tick
 * (viridis, with a legend in percent), links between circles with width ∝ the ties between them, a
 * label per circle, tooltips with exact values (pointer and keyboard). The layout is d3-force run for a
 * fixed number of ticks from fixed positions on a ring, so the same data always gives the same picture.
 * `setTick` recolours without redrawing, for animation.
 */
import { max, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from "d3";
import type { CircleMapData } from "../views/circles/data.ts";
import { penetrationColor } from "../views/circles/data.ts";
import { colorBar } from "./color-bar.ts";
import { chartSvg, keyboardNav } from "./frame.ts";
import { fmtAxis, fmtExact, fmtShort } from "./format.ts";
import { INK, MUTED } from "./palette.ts";
import { pagePoint, showTooltip } from "./tooltip.ts";

export interface Placed {
  x: number;
  y: number;
  r: number;
}

/** Ticks of the force layout: fixed, so the layout is reproducible. */
export const LAYOUT_TICKS = 300;
/** Room under each disc for its two label lines. */
const LABEL_H = 44;

/**
 * Place C discs of the given sizes in a width × height box: radii ∝ √size (the discs cover about an
 * eighth of the box), start on an ellipse in circle order, then d3-force pulls tied circles together
 * (strength ∝ ties) and pushes all apart with room for the labels, every disc (and its label) kept
 * inside the box after each of the fixed number of ticks.
 */
export function circleLayout(sizes: readonly number[], links: readonly { source: number; target: number; total: number }[], width: number, height: number): Placed[] {
  const C = sizes.length;
  const pad = 12;
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  const k = Math.sqrt((0.12 * width * height) / (Math.PI * total));
  const rMax = Math.min(width, height - LABEL_H) / (C === 1 ? 3.2 : 4.2);
  const r = sizes.map((s) => Math.max(16, Math.min(rMax, k * Math.sqrt(s))));
  const cx = width / 2, cy = (height - LABEL_H) / 2;
  type N = SimulationNodeDatum & { i: number };
  type L = SimulationLinkDatum<N> & { total: number };
  const largest = max(r) ?? 0;
  const rx = Math.max(0, width / 2 - pad - largest) * 0.8;
  const ry = Math.max(0, (height - LABEL_H) / 2 - pad - largest) * 0.8;
  const nodes: N[] = sizes.map((_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / C;
    return C === 1 ? { i, x: cx, y: cy } : { i, x: cx + rx * Math.cos(a), y: cy + ry * Math.sin(a) };
  });
  const clamp = () => {
    for (const n of nodes) {
      const ri = r[n.i];
      n.x = Math.max(pad + ri, Math.min(width - pad - ri, n.x!));
      n.y = Math.max(pad + ri, Math.min(height - pad - ri - LABEL_H, n.y!));
    }
  };
  if (C > 1) {
    const maxTies = Math.max(1, max(links, (l) => l.total) ?? 0);
    const sim = forceSimulation<N>(nodes)
      .force("link", forceLink<N, L>(links.map((l): L => ({ source: l.source, target: l.target, total: l.total })))
        .id((d) => d.i)
        .distance((l) => r[(l.source as N).i] + r[(l.target as N).i] + 120)
        .strength((l) => 0.03 + 0.3 * (l.total / maxTies)))
      .force("charge", forceManyBody<N>().strength(-Math.min(width, height) * 1.2))
      .force("collide", forceCollide<N>((d) => r[d.i] + LABEL_H * 0.75 + 12).iterations(3))
      // A weaker pull sideways than up and down: the map spreads over a wide card.
      .force("x", forceX<N>(cx).strength(0.02))
      .force("y", forceY<N>(cy).strength(0.05))
      .stop();
    for (let t = 0; t < LAYOUT_TICKS; t++) {
      sim.tick();
      clamp();
    }
  }
  clamp();
  return nodes.map((n) => ({ x: n.x!, y: n.y!, r: r[n.i] }));
}

/** Link width in pixels: ∝ ties (the largest link 18 px), at least 1.5 px so a thin link stays visible. */
export function linkWidth(ties: number, maxTies: number): number {
  return maxTies > 0 ? Math.max(1.5, (18 * ties) / maxTies) : 0;
}

/** Text colour readable on a viridis fill (dark on the light end). */
function inkOn(share: number, max: number): string {
  return share / max > 0.55 ? INK : "#fff";
}

export interface CircleMapHandle {
  setTick(t: number): void;
}

export function circleMapChart() {
  let width = 900;
  let height = 560;
  let id = "circle-map";
  let label = "circle map";

  function chart(container: HTMLElement, data: CircleMapData, tick: number): CircleMapHandle {
    const svg = chartSvg(container, id, width, height, label);
    const top = 64;
    const placed = circleLayout(data.nodes.map((n) => n.size), data.links, width, height - top);
    const color = penetrationColor(data.maxValue);

    // Colour legend (top left) and link-width legend (top right).
    const lg = svg.append("g").attr("class", "legend").attr("transform", "translate(16,10)");
    lg.append("text").attr("y", 12).text(`${data.metricLabel} (% of the circle)`);
    colorBar(svg, lg, { id, domain: [0, data.maxValue], width: Math.min(300, width * 0.38), y: 20, ticks: 4, format: fmtAxis("share") });
    if (data.links.length) {
      const wl = svg.append("g").attr("class", "legend width-legend").attr("transform", `translate(${width - 16},10)`);
      wl.append("text").attr("y", 12).attr("text-anchor", "end").text("Line width: ties between circles");
      const samples = [data.maxTies, data.maxTies / 2, data.maxTies / 8].filter((v) => v > 0);
      let x = 0;
      for (const v of samples) {
        const g = wl.append("g").attr("transform", `translate(${x - 64},0)`);
        g.append("line").attr("x1", 0).attr("x2", 56).attr("y1", 30).attr("y2", 30).attr("stroke", MUTED).attr("stroke-opacity", 0.55).attr("stroke-width", linkWidth(v, data.maxTies));
        g.append("text").attr("class", "small-label").attr("x", 28).attr("y", 56).attr("text-anchor", "middle").text(fmtShort(v));
        x -= 76;
      }
    }

    const plot = svg.append("g").attr("transform", `translate(0,${top})`);
    const links = plot.append("g").attr("class", "links");
    data.links.forEach((l) => {
      const a = placed[l.source], b = placed[l.target];
      links.append("line").attr("class", "link").attr("data-source", data.nodes[l.source].name).attr("data-target", data.nodes[l.target].name)
        .attr("data-ties", l.total).attr("x1", a.x).attr("y1", a.y).attr("x2", b.x).attr("y2", b.y)
        .attr("stroke", MUTED).attr("stroke-opacity", 0.45).attr("stroke-linecap", "round").attr("stroke-width", linkWidth(l.total, data.maxTies))
        .on("pointermove", (e: PointerEvent) => showLink(l, e.pageX, e.pageY));
    });
    const nodes = data.nodes.map((n, i) => {
      const p = placed[i];
      const g = plot.append("g").attr("class", "node").attr("data-circle", n.name).attr("data-size", n.size).attr("transform", `translate(${p.x},${p.y})`)
        .on("pointermove", (e: PointerEvent) => showNode(i, e.pageX, e.pageY));
      const disc = g.append("circle").attr("r", p.r).attr("stroke", INK).attr("stroke-opacity", 0.35).attr("stroke-width", 1.5);
      const pct = g.append("text").attr("class", "value-label").attr("text-anchor", "middle").attr("y", 6).style("font-weight", "700").style("font-size", p.r > 34 ? "18px" : "14px");
      // Name and size on a white plate, so links passing behind never cross the text.
      const count = `${n.size.toLocaleString("en-US")} consumers`;
      const plateW = Math.max(n.name.length * 9.6, count.length * 7.4) + 14;
      g.append("rect").attr("class", "label-plate").attr("x", -plateW / 2).attr("y", p.r + 4).attr("width", plateW).attr("height", 40).attr("rx", 5)
        .attr("fill", "#fff").attr("fill-opacity", 0.92);
      g.append("text").attr("class", "panel-title").attr("text-anchor", "middle").attr("y", p.r + 21).text(n.name);
      g.append("text").attr("class", "small-label").attr("text-anchor", "middle").attr("y", p.r + 39).text(count);
      return { g, disc, pct };
    });

    let now = 0;
    const setTick = (t: number) => {
      now = Math.max(0, Math.min(data.ticks - 1, t));
      svg.attr("data-tick", now);
      data.nodes.forEach((n, i) => {
        const v = n.values[now];
        const fill = color(v);
        nodes[i].g.attr("data-value", v).attr("data-fill", fill);
        nodes[i].disc.attr("fill", fill);
        nodes[i].pct.style("fill", inkOn(v, data.maxValue)).text(fmtShort(v, "share"));
      });
    };
    setTick(tick);

    const day = () => `day ${now * data.tickDays}`;
    function showNode(i: number, ex?: number, ey?: number) {
      const n = data.nodes[i], p = placed[i];
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, p.x + p.r * 0.7, top + p.y + p.r * 0.7) : [ex, ey!];
      showTooltip(`${n.name} — ${data.plan}, ${day()}`, [
        { color: color(n.values[now]), label: data.metricLabel, value: fmtExact(n.values[now], "share") },
        { label: "people (mean)", value: fmtExact(n.values[now] * n.size) },
        { label: "consumers", value: n.size.toLocaleString("en-US") },
        { label: "ties inside the circle", value: fmtExact(n.inside), detail: `replicate 0: ${fmtExact(n.insideFirst)}` },
      ], ax, ay);
    }
    function showLink(l: CircleMapData["links"][number], ex?: number, ey?: number) {
      const a = data.nodes[l.source].name, b = data.nodes[l.target].name;
      const pa = placed[l.source], pb = placed[l.target];
      const [ax, ay] = ex === undefined ? pagePoint(svg.node()!, (pa.x + pb.x) / 2, top + (pa.y + pb.y) / 2) : [ex, ey!];
      showTooltip(`Ties between ${a} and ${b}`, [
        { label: `${a} → ${b}`, value: fmtExact(l.forward) },
        { label: `${b} → ${a}`, value: fmtExact(l.backward) },
        { label: "both ways", value: fmtExact(l.total), detail: `replicate 0: ${fmtExact(l.totalFirst)}` },
      ], ax, ay);
    }
    // Keyboard: the circles first, then the links.
    keyboardNav(svg, data.nodes.length + data.links.length, (k) => (k < data.nodes.length ? showNode(k) : showLink(data.links[k - data.nodes.length])));
    return { setTick };
  }

  chart.width = (w: number) => ((width = w), chart);
  chart.height = (h: number) => ((height = h), chart);
  chart.id = (v: string) => ((id = v), chart);
  chart.label = (v: string) => ((label = v), chart);
  return chart;
}
