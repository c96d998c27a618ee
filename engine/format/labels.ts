/**
 * Labels and units of every output metric, from the metrics' declarations (engine/core/metrics.ts),
 * and the tables' reading order; shared by the CLI tables and the viewer.
 */
import type { MetricInfo } from "../core/metrics.ts";
import { ACTIVATION_CIRCLE_METRICS, ACTIVATION_METRICS } from "../core/models/activation.ts";
import { BASS_CIRCLE_METRICS, BASS_METRICS } from "../core/models/bass.ts";
import { SIR_CIRCLE_METRICS, SIR_METRICS } from "../core/models/sir.ts";
import { GROUP_ACTIVITY, SOCIAL_CIRCLE_METRICS, SOCIAL_METRICS } from "../core/models/social-metrics.ts";
import { DERIVED_METRICS, UNSPENT } from "../experiment/summarize.ts";

/** The social model's metrics and the final values derived from them. */
const SOCIAL_OUTPUTS: readonly MetricInfo[] = [...SOCIAL_METRICS.list, ...DERIVED_METRICS, UNSPENT];

/** Labels of the social model's outputs: what the CLI's tables print (the classic models' metrics print by name). */
export const METRIC_LABELS: Record<string, string> = Object.fromEntries(SOCIAL_OUTPUTS.map((m) => [m.name, m.label]));

function byName(lists: readonly (readonly MetricInfo[])[]): Map<string, MetricInfo> {
  const map = new Map<string, MetricInfo>();
  for (const m of lists.flat()) {
    const had = map.get(m.name);
    if (had && (had.label !== m.label || had.unit !== m.unit)) throw new Error(`metric "${m.name}" is declared twice, differently`);
    map.set(m.name, { name: m.name, label: m.label, unit: m.unit });
  }
  return map;
}

/** Every model's declarations, in the order of run.ts's models. */
const METRICS = byName([SOCIAL_OUTPUTS, BASS_METRICS.list, ACTIVATION_METRICS.list, SIR_METRICS.list]);
const CIRCLE_METRICS = byName([SOCIAL_CIRCLE_METRICS.list, BASS_CIRCLE_METRICS.list, ACTIVATION_CIRCLE_METRICS.list, SIR_CIRCLE_METRICS.list]);

/** Label and unit of an output metric of any model (undefined: no model reports it). */
export function metricInfo(name: string): MetricInfo | undefined {
  const m = METRICS.get(name);
  if (m || !name.startsWith(GROUP_ACTIVITY.prefix)) return m;
  const group = name.slice(GROUP_ACTIVITY.prefix.length);
  return { name, label: GROUP_ACTIVITY.label(group), unit: GROUP_ACTIVITY.unit };
}

/** Label and unit of a per-circle metric of any model (its count of consumers; the viewer shows it as a share of the circle). */
export function circleMetricInfo(name: string): MetricInfo | undefined {
  return CIRCLE_METRICS.get(name);
}

/** The tables' reading order of the social model's outputs: each derived value beside what it derives from. */
export const METRIC_ORDER = ["reportedImpressions", "realImpressions", "realShare", "reach", "brandAware", "engagements", "interested", "customers", "customersBought", "customersEarned", "customersFans", "purchases", "fans", "shares", "harmed", "spend", "unspent", "skippedForBudget", "revenue", "costPerReach", "costPerConversion", "roi"];

/** Rows that only matter when they are not zero: shown when some plan has some. */
const QUIET = ["skippedForBudget", "harmed", "unspent"];

/**
 * The final-value rows of a comparison, in reading order: every plan's metrics (plans may differ:
 * community activity), METRIC_ORDER first, quiet rows left out when every plan has zero. The CLI's
 * tables and the viewer's share it.
 */
export function finalMetricRows(plans: readonly { final: Record<string, { mean: number }> }[]): string[] {
  const keys = [...new Set(plans.flatMap((p) => Object.keys(p.final)))];
  const quiet = new Set(QUIET.filter((k) => plans.every((p) => !p.final[k] || p.final[k].mean === 0)));
  return [...METRIC_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !METRIC_ORDER.includes(k))].filter((k) => !quiet.has(k));
}

/** A row label with the scenario's currency after a money metric ("Spend (CNY)"); others as they are. CLI tables and viewer tables alike. */
export function labelWithCurrency(label: string, unit: string | undefined, currency: string | undefined): string {
  return unit === "money" && currency ? `${label} (${currency})` : label;
}
