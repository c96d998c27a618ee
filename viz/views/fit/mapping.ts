/**
 * The Fit tab's column mapping: what each column of a campaign export is (the date or tick, the
 * channel, an engine metric, or nothing), guessed from its header and first values, and the
 * calibration file's `observed` block it makes (read by engine/experiment/observed.ts, as the CLI
 * reads it). Pure: the tab and its unit test share it.
 */
import type { Observed } from "../../../engine/viewer.ts";

/** The metrics a column can be (per-tick metrics of a plan, and revenue = purchases × price), in menu order. */
export const METRIC_CHOICES: readonly { metric: string; label: string }[] = [
  { metric: "spend", label: "spend" },
  { metric: "realImpressions", label: "impressions (real)" },
  { metric: "reportedImpressions", label: "impressions (reported)" },
  { metric: "reach", label: "reach" },
  { metric: "brandAware", label: "brand aware" },
  { metric: "engagements", label: "engagements" },
  { metric: "interested", label: "interested" },
  { metric: "shares", label: "shares" },
  { metric: "fans", label: "followers (fans)" },
  { metric: "customers", label: "customers" },
  { metric: "purchases", label: "conversions (purchases)" },
  { metric: "revenue", label: "revenue" },
];

/** What a column is: not used, the time (a date or a tick number), the channel, or a metric. */
export type Role = "ignore" | "date" | "tick" | "channel" | string;

export interface ColumnMap {
  column: string;
  role: Role;
  values: "daily" | "cumulative";
  fit: boolean;
  /** The circle whose metric the column is (observed.metrics[].circle), or undefined for the whole campaign. */
  circle?: string;
}

/** Metrics a column may hold for one circle: the social model's per-circle series (docs/calibration.md, "Per-circle columns"). */
export const CIRCLE_METRICS: readonly string[] = ["reach", "customers"];

/** The circle a header names ("Reach – young mothers", "young-mothers reach"), by words, the longest name first. */
export function guessCircle(header: string, circles: readonly string[]): string | undefined {
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9\u00c0-\uffff]+/).filter(Boolean).join(" ");
  const h = ` ${words(header)} `;
  return [...circles].sort((a, b) => b.length - a.length).find((c) => words(c) !== "" && h.includes(` ${words(c)} `));
}

export interface Mapping {
  columns: ColumnMap[];
  /** Each channel value's plan (used when a column is the channel). */
  channelPlans: Record<string, string>;
}

/** Header words → metric, first match wins (revenue before sales: "sales value" is money). */
const METRIC_WORDS: readonly [RegExp, string][] = [
  [/revenue|income|turnover|gmv|sales ?(value|amount)|takings/, "revenue"],
  [/spend|spent|cost|budget/, "spend"],
  [/reported.*impression|impressions? ?\(reported\)/, "reportedImpressions"],
  [/impression|views?\b|plays?\b/, "realImpressions"],
  [/reach|unique/, "reach"],
  [/aware/, "brandAware"],
  [/engag|interaction|likes?\b|reactions?\b|clicks?\b/, "engagements"],
  [/share|repost|retweet|forward/, "shares"],
  [/follower|fans?\b|subscriber|members?\b/, "fans"],
  [/interested|leads?\b/, "interested"],
  [/customer|buyer/, "customers"],
  [/orders?\b|purchase|conversion|sales?\b|transaction/, "purchases"],
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE = /^\d+$/;
const MISSING = new Set(["", "na", "n/a", "nan", "null", "-"]);

/** Metrics that dashboards usually export as running totals (reach to date, follower count). */
const USUALLY_RUNNING = new Set(["reach", "fans", "brandAware"]);

function known(values: readonly string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => !MISSING.has(v.toLowerCase()));
}

/** Whether the numbers never fall (within each channel when there is one): a running total. */
function neverFalls(values: readonly string[], groups: readonly string[] | undefined): boolean {
  const last = new Map<string, number>();
  let seen = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i].trim();
    if (MISSING.has(v.toLowerCase())) continue;
    const x = Number(v);
    if (!Number.isFinite(x)) return false;
    const g = groups?.[i] ?? "";
    if (last.has(g) && x < last.get(g)!) return false;
    last.set(g, x);
    seen++;
  }
  return seen > 1;
}

/** A column's role from its header and values (`channel` picks at most one channel column). */
export function guessRole(header: string, values: readonly string[]): Role {
  const name = header.trim().toLowerCase();
  const vals = known(values);
  if (/date|^day$|^time$|period/.test(name) && vals.length && vals.every((v) => ISO_DATE.test(v))) return "date";
  if (vals.length && vals.every((v) => ISO_DATE.test(v))) return "date";
  if (/^(tick|day|week|t)$|day ?(number|no|index)|tick/.test(name) && vals.length && vals.every((v) => WHOLE.test(v))) return "tick";
  if (/channel|account|source|platform|^page$|network|medium|campaign/.test(name) && vals.some((v) => !Number.isFinite(Number(v)))) return "channel";
  for (const [re, metric] of METRIC_WORDS) if (re.test(name)) return metric;
  return "ignore";
}

/**
 * The whole mapping from a header and its data rows: roles, daily or running values (a running total
 * is said so by its header, or is a reach or follower count that never falls), fitted or not (spend
 * is set by the plan and revenue repeats purchases: loaded for the predictive check, not fitted), and
 * each channel value's plan.
 */
export function guessMapping(header: readonly string[], rows: readonly string[][], plans: readonly PlanWords[], circles: readonly string[] = []): Mapping {
  const col = (k: number) => rows.map((r) => r[k] ?? "");
  let time = false, channel = -1;
  const roles = header.map((h, k) => {
    let role = guessRole(h, col(k));
    if (role === "date" || role === "tick") role = time ? "ignore" : ((time = true), role);
    if (role === "channel") role = channel >= 0 ? "ignore" : ((channel = k), role);
    return role;
  });
  const groups = channel >= 0 ? col(channel).map((v) => v.trim()) : undefined;
  const taken = new Set<string>();
  const columns = header.map((column, k): ColumnMap => {
    let role = roles[k];
    // A per-circle metric whose header names a circle is that circle's.
    const circle = CIRCLE_METRICS.includes(role) ? guessCircle(column, circles) : undefined;
    // One column per metric (and circle): a second "Impressions"-like column is left out rather than double-counted.
    const slot = circle === undefined ? role : `${role}@${circle}`;
    if (METRIC_CHOICES.some((m) => m.metric === role)) role = taken.has(slot) ? "ignore" : (taken.add(slot), role);
    const name = column.toLowerCase();
    const running = /total|cumulative|to date|running|lifetime/.test(name) || (USUALLY_RUNNING.has(role) && neverFalls(col(k), groups));
    return { column, role, values: running ? "cumulative" : "daily", fit: role !== "spend" && role !== "revenue", ...(circle !== undefined && role !== "ignore" ? { circle } : {}) };
  });
  const channelPlans: Record<string, string> = {};
  if (groups) for (const v of new Set(groups)) if (v !== "") channelPlans[v] = guessPlan(v, plans);
  return { columns, channelPlans };
}

/** A plan's name and the words that describe it (strategy names and types, its description). */
export interface PlanWords {
  name: string;
  words: string;
}

function tokens(s: string): Set<string> {
  return new Set(s.toLowerCase().replace(/'s\b/g, "").split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
}

/** The plan that shares most words with a channel's name (the first plan when none does). */
export function guessPlan(channel: string, plans: readonly PlanWords[]): string {
  const c = tokens(channel);
  let best = plans[0]?.name ?? "", score = 0;
  for (const p of plans) {
    const w = tokens(`${p.name} ${p.words}`);
    const s = [...c].filter((x) => w.has(x)).length;
    if (s > score) (best = p.name), (score = s);
  }
  return best;
}

/** The calibration file's `observed` block for a mapping of `file`: columns used in header order. */
export function observedOf(m: Mapping, file: string): Observed {
  const time = m.columns.find((c) => c.role === "date" || c.role === "tick");
  const channel = m.columns.find((c) => c.role === "channel");
  const metrics = m.columns.filter((c) => METRIC_CHOICES.some((x) => x.metric === c.role));
  return {
    file,
    time: { column: time?.column ?? "", kind: time?.role === "tick" ? "tick" : "date" },
    ...(channel ? { channel: { column: channel.column, plans: { ...m.channelPlans } } } : {}),
    metrics: metrics.map((c) => ({ column: c.column, metric: c.role, values: c.values, fit: c.fit, ...(c.circle !== undefined ? { circle: c.circle } : {}) })),
  };
}
