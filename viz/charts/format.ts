/** Number formats for axes, labels and tooltips, by unit (each metric declares its unit: engine/core/metrics.ts). */
import { format } from "d3";
import type { Unit } from "../../engine/viewer.ts";

export type { Unit };

const grouped = format(",");
const twoDecimals = format(",.2~f");
const short = format("~s");

/** Typographic minus, as d3-format writes it, so every negative number looks the same. */
const minus = (s: string) => s.replace(/^-/, "−");

/** Short value for labels: 1,301,051 → 1.30M; 156.4 → 156; 9.25 → 9.25; ratios as percentages. */
export function fmtShort(x: number, unit: Unit = "count"): string {
  return minus(shortValue(x, unit));
}

function shortValue(x: number, unit: Unit): string {
  if (!Number.isFinite(x)) return "–";
  if (unit === "ratio") return `${(x * 100).toFixed(0)}%`;
  if (unit === "share") return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  if (a >= 100) return grouped(Math.round(x));
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** Exact value for tooltips and tables: every integer digit, two decimals at most. */
export function fmtExact(x: number, unit: Unit = "count"): string {
  if (!Number.isFinite(x)) return "–";
  if (unit === "ratio" || unit === "share") return `${format(",.2~f")(x * 100)}%`;
  if (Math.abs(x) < 1 && x !== 0) return format(".4~r")(x);
  return twoDecimals(x);
}

/** Axis tick format. */
export function fmtAxis(unit: Unit): (x: number) => string {
  if (unit === "ratio" || unit === "share") return (x) => `${format("~r")(+(x * 100).toFixed(6))}%`;
  return (x) => (Math.abs(x) < 1000 ? format("~r")(x) : short(x).replace("G", "B"));
}

/** The axis label of a unit: money in the scenario's currency when it names one. */
export function unitLabel(unit: Unit, currency?: string): string {
  return unit === "money" && currency ? currency : UNIT_LABEL[unit];
}

/** A money amount already formatted, followed by the currency when there is one ("6,000 CNY"). */
export function withCurrency(text: string, currency?: string): string {
  return currency ? `${text} ${currency}` : text;
}

export const UNIT_LABEL: Record<Unit, string> = {
  people: "people",
  impressions: "impressions",
  touches: "persuasive touches",
  purchases: "purchases",
  shares: "shares",
  money: "currency units",
  ratio: "% of spend",
  share: "% of the circle",
  count: "count",
};
