/**
 * The Fit tab's charts: each parameter's marginal posterior, one weighted density per generation
 * overlaid (light: early, dark: late) so the narrowing shows; a pair plot of the last population
 * (scatter below the diagonal, weighted histograms on it, weighted correlations above); and the
 * posterior predictive check, the observed series against the simulated 5–95 % band and median.
 */
import { axisBottom, axisLeft, interpolateRgb, line, area, max, scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3";
import type { Band, PopulationView, Prior } from "../../../engine/viewer.ts";
import { axisLabel, chartSvg, legend } from "../../charts/frame.ts";
import { fmtAxis } from "../../charts/format.ts";
import { GRID, INK, MUTED, OKABE_ITO } from "../../charts/palette.ts";

export interface FitParam {
  name: string;
  prior: Prior;
}

const BINS = 24;
const early = "#b9d3e8";
const late = OKABE_ITO[0];

function xScale(p: Prior, range: [number, number]): ScaleContinuousNumeric<number, number> {
  return p.kind === "log-uniform" ? scaleLog().domain([p.min, p.max]).range(range) : scaleLinear().domain([p.min, p.max]).range(range);
}

/** Weighted density per bin of the prior's range (bins even on the scale the prior lives on). */
export function weightedHistogram(xs: readonly number[], ws: readonly number[], p: Prior, bins = BINS): number[] {
  const u = xScale(p, [0, bins]);
  const out = new Array<number>(bins).fill(0);
  const total = ws.reduce((a, b) => a + b, 0) || 1;
  xs.forEach((x, i) => {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(u(x))));
    out[k] += ws[i] / total;
  });
  return out;
}

const GRID_POINTS = 96;

/**
 * Weighted Gaussian kernel density on the prior's scale (log for log-uniform priors), at GRID_POINTS
 * even points of its range; the bandwidth is Silverman's rule with the weighted sd and the effective
 * sample size, and mass that the kernel spills past a bound is reflected back inside.
 */
export function weightedDensity(xs: readonly number[], ws: readonly number[], p: Prior, points = GRID_POINTS): number[] {
  const u = xScale(p, [0, 1]);
  const zs = xs.map((x) => u(x));
  const total = ws.reduce((a, b) => a + b, 0) || 1;
  const w = ws.map((x) => x / total);
  const mean = zs.reduce((a, z, i) => a + w[i] * z, 0);
  const sd = Math.sqrt(zs.reduce((a, z, i) => a + w[i] * (z - mean) * (z - mean), 0));
  const ess = 1 / w.reduce((a, x) => a + x * x, 0);
  const bw = Math.max(0.01, 1.06 * sd * Math.pow(ess, -0.2));
  const k = (d: number) => Math.exp((-0.5 * d * d) / (bw * bw)) / (bw * Math.sqrt(2 * Math.PI));
  return Array.from({ length: points }, (_, g) => {
    const at = g / (points - 1);
    let f = 0;
    zs.forEach((z, i) => (f += w[i] * (k(at - z) + k(at + z) + k(2 - at - z))));
    return f;
  });
}

/** One panel per parameter, two to a row when there is room; every generation's weighted density as a curve. */
export function drawMarginals(el: HTMLElement, params: readonly FitParam[], gens: readonly PopulationView[], width: number): void {
  const cols = width >= 560 ? 2 : 1;
  const gap = 16, pw = Math.floor((width - gap * (cols - 1)) / cols), ph = 150;
  const rows = Math.ceil(params.length / cols);
  const legendH = 30;
  const H = rows * (ph + gap) + legendH;
  const svg = chartSvg(el, "fit-marginals", width, H, `Marginal posterior of ${params.map((p) => p.name).join(", ")}, generation by generation`);
  const color = (g: number) => (gens.length <= 1 ? late : interpolateRgb(early, late)(g / (gens.length - 1)));
  legend(svg, gens.length ? [{ label: `generation ${gens[0].generation}`, color: color(0) }, ...(gens.length > 1 ? [{ label: `generation ${gens[gens.length - 1].generation}`, color: color(gens.length - 1) }] : [])] : [], 4, 2, width);
  const m = { top: 22, right: 10, bottom: 26, left: 10 };
  params.forEach((p, j) => {
    const g = svg.append("g").attr("transform", `translate(${(j % cols) * (pw + gap)},${legendH + Math.floor(j / cols) * (ph + gap)})`).attr("data-marginal", p.name);
    const iw = pw - m.left - m.right, ih = ph - m.top - m.bottom;
    const x = xScale(p.prior, [0, iw]);
    const dens = gens.map((pop) => weightedDensity(pop.values.map((v) => v[j]), pop.weights, p.prior));
    const y = scaleLinear().domain([0, Math.max(0.5, max(dens.flat()) ?? 0)]).range([ih, 0]);
    g.append("text").attr("class", "panel-title").attr("x", m.left).attr("y", 15).text(p.name);
    const inner = g.append("g").attr("transform", `translate(${m.left},${m.top})`);
    const axis = p.prior.kind === "log-uniform" ? axisBottom(x).ticks(4, "~g") : axisBottom(x).ticks(5).tickFormat((v) => fmtAxis("count")(Number(v)));
    inner.append("g").attr("transform", `translate(0,${ih})`).call(axis);
    dens.forEach((f, gi) => {
      const pts = f.map((d, k): [number, number] => [(k / (f.length - 1)) * iw, y(d)]);
      const last = gi === dens.length - 1;
      inner.append("path").attr("d", line()([[0, ih], ...pts, [iw, ih]])).attr("fill", last ? "rgba(0,114,178,0.14)" : "none").attr("stroke", color(gi)).attr("stroke-width", last ? 2.4 : 1.4)
        .attr("data-generation", gens[gi].generation);
    });
  });
}

function weightedCorrelation(a: readonly number[], b: readonly number[], w: readonly number[]): number {
  const t = w.reduce((s, x) => s + x, 0) || 1;
  const ma = a.reduce((s, x, i) => s + (w[i] / t) * x, 0), mb = b.reduce((s, x, i) => s + (w[i] / t) * x, 0);
  let sab = 0, saa = 0, sbb = 0;
  a.forEach((x, i) => {
    sab += (w[i] / t) * (x - ma) * (b[i] - mb);
    saa += (w[i] / t) * (x - ma) * (x - ma);
    sbb += (w[i] / t) * (b[i] - mb) * (b[i] - mb);
  });
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Scatter matrix of the last population: point opacity by weight. */
export function drawPairs(el: HTMLElement, params: readonly FitParam[], pop: PopulationView, width: number): void {
  const d = params.length;
  const left = 8, bottom = 4;
  const cell = Math.floor(Math.min(150, (width - left) / d));
  const W = left + cell * d, H = cell * d + bottom;
  const svg = chartSvg(el, "fit-pairs", W, H, `Pair plot of the posterior population (generation ${pop.generation}): ${params.map((p) => p.name).join(", ")}`);
  const pad = 6;
  const wmax = Math.max(...pop.weights);
  const scales = params.map((p, j) => {
    const s = xScale(p.prior, [pad, cell - pad]);
    return { x: s, y: xScale(p.prior, [cell - pad, pad]), j };
  });
  for (let r = 0; r < d; r++)
    for (let c = 0; c < d; c++) {
      const g = svg.append("g").attr("transform", `translate(${left + c * cell},${r * cell})`).attr("data-pair", `${params[r].name}|${params[c].name}`);
      g.append("rect").attr("width", cell - 2).attr("height", cell - 2).attr("fill", r === c ? "#f4f6f9" : "#fff").attr("stroke", GRID);
      const xs = pop.values.map((v) => v[c]);
      if (r === c) {
        const hist = weightedHistogram(xs, pop.weights, params[c].prior, 16);
        const hm = Math.max(...hist) || 1;
        hist.forEach((h, k) => {
          const x0 = pad + ((cell - 2 * pad) * k) / 16;
          const bh = ((cell - 2 * pad - 18) * h) / hm;
          g.append("rect").attr("x", x0).attr("y", cell - pad - bh).attr("width", (cell - 2 * pad) / 16 - 1).attr("height", bh).attr("fill", late);
        });
        g.append("text").attr("class", "small-label").attr("x", pad).attr("y", 16).attr("fill", INK).text(params[c].name);
      } else if (r > c) {
        const ys = pop.values.map((v) => v[r]);
        xs.forEach((x, i) => {
          g.append("circle").attr("cx", scales[c].x(x)).attr("cy", scales[r].y(ys[i])).attr("r", 2.2).attr("fill", late).attr("fill-opacity", (0.15 + 0.85 * pop.weights[i] / wmax).toFixed(2));
        });
      } else {
        const rho = weightedCorrelation(pop.values.map((v) => v[c]), pop.values.map((v) => v[r]), pop.weights);
        g.append("text").attr("class", "value-label").attr("x", cell / 2).attr("y", cell / 2 + 5).attr("text-anchor", "middle").attr("fill", Math.abs(rho) >= 0.3 ? INK : MUTED)
          .attr("data-correlation", rho.toFixed(3)).text(`ρ ${rho >= 0 ? "" : "−"}${Math.abs(rho).toFixed(2)}`);
      }
    }
}

/** One panel per observed series: the simulated 5–95 % band, its median, and the observed values as dots. */
export function drawPredictive(el: HTMLElement, bands: readonly (Band & { label: string })[], width: number, tickDays: number): void {
  const cols = width >= 560 ? 2 : 1;
  const gap = 16, pw = Math.floor((width - gap * (cols - 1)) / cols), ph = 186;
  const rows = Math.ceil(bands.length / cols);
  const legendH = 30;
  const svg = chartSvg(el, "fit-predictive", width, rows * (ph + gap) + legendH, `Posterior predictive check of ${bands.length} observed series`);
  legend(svg, [{ label: "simulated 5–95 %", color: "rgba(0,114,178,0.25)", square: true }, { label: "simulated median", color: late }, { label: "observed", color: OKABE_ITO[3] }], 4, 2, width);
  const m = { top: 44, right: 10, bottom: 26, left: 46 };
  bands.forEach((b, k) => {
    const g = svg.append("g").attr("transform", `translate(${(k % cols) * (pw + gap)},${legendH + Math.floor(k / cols) * (ph + gap)})`).attr("data-predictive", `${b.plan}/${b.metric}`);
    const iw = pw - m.left - m.right, ih = ph - m.top - m.bottom;
    const T = b.p50.length;
    const x = scaleLinear().domain([0, Math.max(1, T - 1) * tickDays]).range([0, iw]);
    const top = Math.max(1, max(b.p95) ?? 0, max(Array.from(b.observed).filter(Number.isFinite)) ?? 0);
    const y = scaleLinear().domain([0, top]).range([ih, 0]).nice();
    let inside = 0, known = 0;
    b.observed.forEach((v, t) => { if (Number.isFinite(v)) { known++; if (v >= b.p5[t] && v <= b.p95[t]) inside++; } });
    g.append("text").attr("class", "panel-title").attr("x", 0).attr("y", 15).text(b.label);
    g.append("text").attr("class", "small-label").attr("x", 0).attr("y", 31).attr("data-coverage", `${inside}/${known}`).text(`${inside} of ${known} observed inside the band`);
    const inner = g.append("g").attr("transform", `translate(${m.left},${m.top})`);
    inner.append("g").attr("transform", `translate(0,${ih})`).call(axisBottom(x).ticks(5));
    inner.append("g").call(axisLeft(y).ticks(4).tickFormat((v) => fmtAxis("count")(Number(v))));
    const ticks = Array.from({ length: T }, (_, t) => t);
    inner.append("path").attr("d", area<number>().x((t) => x(t * tickDays)).y0((t) => y(b.p5[t])).y1((t) => y(b.p95[t]))(ticks)).attr("fill", "rgba(0,114,178,0.22)");
    inner.append("path").attr("d", line<number>().x((t) => x(t * tickDays)).y((t) => y(b.p50[t]))(ticks)).attr("fill", "none").attr("stroke", late).attr("stroke-width", 1.6);
    ticks.filter((t) => Number.isFinite(b.observed[t])).forEach((t) => {
      inner.append("circle").attr("cx", x(t * tickDays)).attr("cy", y(b.observed[t])).attr("r", 2).attr("fill", OKABE_ITO[3]);
    });
  });
  axisLabel(svg, "day", width / 2, rows * (ph + gap) + legendH - 4);
}
