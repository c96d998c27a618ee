/** The colour bar of the viridis charts (comparison heatmap, sweep heatmap, circle map): a gradient and its axis. */
import { axisBottom, range, scaleLinear, scaleSequential } from "d3";
import type { G, Svg } from "./frame.ts";
import { heatInterpolator } from "./palette.ts";

export interface ColorBar {
  /** Unique in the page: names the gradient. */
  id: string;
  domain: readonly [number, number];
  width: number;
  /** Top of the bar inside `g`; the axis hangs under it. */
  y: number;
  ticks: number;
  format: (v: number) => string;
}

/** The viridis scale over `domain`, for the chart's marks to use with the bar. */
export const viridis = (domain: readonly [number, number]) => scaleSequential(heatInterpolator).domain(domain);

/** Draw the bar in `g` (its gradient goes in the SVG's defs) and return the colour scale it shows. */
export function colorBar(svg: Svg, g: G, o: ColorBar) {
  const [d0, d1] = o.domain;
  const color = viridis(o.domain);
  const defs = svg.select<SVGDefsElement>("defs").empty() ? svg.append("defs") : svg.select<SVGDefsElement>("defs");
  const grad = defs.append("linearGradient").attr("id", `grad-${o.id}`);
  for (const s of range(0, 1.0001, 0.1)) grad.append("stop").attr("offset", `${s * 100}%`).attr("stop-color", color(d0 + s * (d1 - d0)));
  g.append("rect").attr("y", o.y).attr("width", o.width).attr("height", 14).attr("fill", `url(#grad-${o.id})`);
  g.append("g").attr("transform", `translate(0,${o.y + 14})`)
    .call(axisBottom(scaleLinear().domain(o.domain).range([0, o.width])).ticks(o.ticks).tickFormat((v) => o.format(+v)));
  return color;
}
