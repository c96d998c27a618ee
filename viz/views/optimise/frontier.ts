/**
 * The optimiser's frontier: every plan the search evaluated as a point, spend across and the
 * objective's metric up (means over the search's replicates), later generations darker; the plans on
 * the frontier (no other plan spends less and gets more) joined by a line; the plan as written and the
 * winner ringed. Points are buttons: click or Enter picks a plan.
 */
import { axisBottom, axisLeft, extent, scaleLinear, select } from "d3";
import { fmtAxis, fmtExact, type Unit } from "../../charts/format.ts";
import { INK, MUTED } from "../../charts/palette.ts";

export interface FrontierPoint {
  id: number;
  spend: number;
  value: number;
  generation: number;
  /** The plan as written, the winner, the picked plan. */
  role?: "as-written" | "best";
  picked?: boolean;
}

/** The points no other point beats on both axes (less or equal spend, more value), by spend. */
export function frontierOf(points: readonly FrontierPoint[]): FrontierPoint[] {
  const ok = points.filter((p) => Number.isFinite(p.spend) && Number.isFinite(p.value)).sort((a, b) => a.spend - b.spend || b.value - a.value);
  const out: FrontierPoint[] = [];
  for (const p of ok) if (out.length === 0 || p.value > out[out.length - 1].value) out.push(p);
  return out;
}

export function drawFrontier(el: HTMLElement, points: readonly FrontierPoint[], o: { width: number; metricLabel: string; unit: Unit; money: string; onPick: (id: number) => void }): void {
  const W = o.width, H = Math.round(Math.min(420, Math.max(300, W * 0.45)));
  const m = { top: 16, right: 20, bottom: 46, left: 70 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const ok = points.filter((p) => Number.isFinite(p.spend) && Number.isFinite(p.value));
  const [x0, x1] = extent(ok, (p) => p.spend) as [number, number];
  const [y0, y1] = extent(ok, (p) => p.value) as [number, number];
  const pad = (a: number, b: number) => (a === b ? [a - 1, b + 1] : [a - 0.05 * (b - a), b + 0.05 * (b - a)]);
  const x = scaleLinear().domain(ok.length ? pad(x0, x1) : [0, 1]).range([0, iw]).nice();
  const y = scaleLinear().domain(ok.length ? pad(Math.min(0, y0), y1) : [0, 1]).range([ih, 0]).nice();
  const gens = Math.max(1, ...ok.map((p) => p.generation));
  select(el).selectAll("*").remove();
  const svg = select(el).append("svg").attr("width", W).attr("height", H).attr("data-chart", "frontier").attr("role", "group")
    .attr("aria-label", `${ok.length} plans: spend against ${o.metricLabel}`);
  const g = svg.append("g").attr("transform", `translate(${m.left},${m.top})`);
  g.append("g").attr("transform", `translate(0,${ih})`).call(axisBottom(x).ticks(6).tickFormat((v) => fmtAxis("money")(Number(v))));
  g.append("g").call(axisLeft(y).ticks(6).tickFormat((v) => fmtAxis(o.unit)(Number(v))));
  g.append("text").attr("class", "axis-label").attr("x", iw / 2).attr("y", ih + 38).attr("text-anchor", "middle").attr("fill", MUTED).text(`spend (${o.money})`);
  g.append("text").attr("class", "axis-label").attr("transform", `translate(-54,${ih / 2}) rotate(-90)`).attr("text-anchor", "middle").attr("fill", MUTED).text(o.metricLabel);
  const front = frontierOf(ok);
  g.append("path").attr("class", "frontier-line").attr("fill", "none").attr("stroke", INK).attr("stroke-width", 1.5).attr("stroke-dasharray", "4 3")
    .attr("d", front.length > 1 ? `M${front.map((p) => `${x(p.spend)},${y(p.value)}`).join("L")}` : null);
  const onFront = new Set(front.map((p) => p.id));
  for (const p of ok) {
    const shade = 0.35 + (0.65 * p.generation) / gens;
    const c = g.append("circle").attr("class", `point${onFront.has(p.id) ? " on-frontier" : ""}`).attr("cx", x(p.spend)).attr("cy", y(p.value))
      .attr("r", p.role ? 7 : 5).attr("fill", `rgba(0, 114, 178, ${shade.toFixed(2)})`)
      .attr("stroke", p.picked ? "#d55e00" : p.role === "best" ? INK : p.role === "as-written" ? "#e69f00" : "none").attr("stroke-width", p.picked || p.role ? 3 : 0)
      .attr("tabindex", 0).attr("role", "button").attr("data-plan-id", p.id).attr("data-role", p.role ?? null)
      .attr("aria-label", `plan ${p.id}${p.role ? ` (${p.role})` : ""}: spend ${fmtExact(p.spend, "money")}, ${o.metricLabel} ${fmtExact(p.value, o.unit)}`)
      .style("cursor", "pointer");
    c.on("click", () => o.onPick(p.id)).on("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        o.onPick(p.id);
      }
    });
    c.append("title").text(`plan ${p.id}${p.role ? ` · ${p.role}` : ""} · spend ${fmtExact(p.spend, "money")} · ${o.metricLabel} ${fmtExact(p.value, o.unit)}`);
  }
}
