/**
 * Colour-blind-safe colours. Plans take the Okabe–Ito palette (Okabe & Ito 2008) in an order that keeps
 * the first colours far apart and readable on white; the yellow is last. Heatmaps use viridis.
 */
import { interpolateViridis } from "d3";

export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"] as const;

export function planColor(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}

export const heatInterpolator = interpolateViridis;

export const INK = "#1d2330";
export const MUTED = "#5b6372";
export const GRID = "#e3e6ec";
