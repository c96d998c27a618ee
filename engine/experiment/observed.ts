/**
 * A past campaign's CSV export, mapped onto a scenario's ticks and plans (docs/calibration.md,
 * "Observed data"): dates (or tick numbers) to ticks, channel values to plans, columns to metrics.
 * Missing days and empty cells are allowed; any bad row fails the whole load with every problem
 * named by line, column, value and what was expected (a ScenarioError: exit 2), so nothing is
 * half-loaded.
 */
import type { ScenarioIssue } from "../../scenarios/issues.ts";
import type { Observed } from "../../scenarios/schema/calibrate.ts";
import { ScenarioError } from "../errors.ts";
import { CsvSyntaxError, readCsv } from "./csv-read.ts";

export interface ObservedSeries {
  plan: string;
  metric: string;
  /** The circle the column measures (a per-circle metric), absent for whole-campaign metrics. */
  circle?: string;
  column: string;
  values: "daily" | "cumulative";
  fit: boolean;
  /**
   * One value per tick 0…horizon, NaN where unknown. "daily": the tick's total (known only when
   * every day of the tick has a value); "cumulative": the running total at the tick's last day.
   */
  byTick: Float64Array;
}

export interface ObservedData {
  series: ObservedSeries[];
  /** Data rows read (header excluded). */
  rows: number;
  /** First and last tick with any value. */
  firstTick: number;
  lastTick: number;
}

export interface ObservedContext {
  horizon: number;
  tickDays: number;
  /** The scenario's plans, in order. */
  plans: readonly string[];
  /** Names the file in messages. */
  source?: string;
}

/** Issues listed before the rest are counted. */
const SHOWN_ISSUES = 20;
const MISSING = new Set(["", "na", "n/a", "nan", "null", "-"]);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or undefined when it is not a real calendar date. */
export function isoDay(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / 86_400_000;
}

/** Parse a CSV export under its mapping; throws ScenarioError listing every bad row and column. */
export function loadObserved(text: string, map: Observed, ctx: ObservedContext): ObservedData {
  const source = ctx.source ?? map.file;
  const issues: ScenarioIssue[] = [];
  let bad = 0;
  const fail = (line: number | undefined, column: string | undefined, message: string, value?: string) => {
    if (++bad > SHOWN_ISSUES) return;
    const where = [line !== undefined ? `line ${line}` : undefined, column !== undefined ? `column ${JSON.stringify(column)}` : undefined].filter(Boolean).join(", ");
    issues.push({ path: where ? `${source}, ${where}` : source, message, ...(value !== undefined ? { received: JSON.stringify(value) } : {}) });
  };
  const finish = () => {
    if (bad > SHOWN_ISSUES) issues.push({ path: source, message: `… and ${bad - SHOWN_ISSUES} more problem(s)` });
    if (issues.length) throw new ScenarioError(issues, source, `${source}: the campaign data cannot be loaded (${bad} problem(s); nothing was loaded)`);
  };

  let records;
  try {
    records = readCsv(text);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    fail(e.line, undefined, e.message.replace(/^line \d+: /, "expected well-formed CSV: "));
    return finish() as never;
  }
  if (records.length === 0) {
    fail(undefined, undefined, "expected a header line and data rows; the file is empty");
    return finish() as never;
  }
  const header = records[0].fields.map((h) => h.trim());
  const col = (name: string, at: string): number => {
    const k = header.indexOf(name);
    if (k < 0) fail(records[0].line, name, `expected a column named ${JSON.stringify(name)} (${at}); the header has ${header.map((h) => JSON.stringify(h)).join(", ")}`);
    return k;
  };
  const timeCol = col(map.time.column, "observed.time.column");
  const channelCol = map.channel ? col(map.channel.column, "observed.channel.column") : -1;
  const metricCols = map.metrics.map((m, i) => col(m.column, `observed.metrics[${i}].column`));
  const plan0 = map.plan ?? ctx.plans[0];
  if (!map.channel && !ctx.plans.includes(plan0)) fail(undefined, undefined, `observed.plan: expected a plan of the scenario (${ctx.plans.join(", ")}), not ${JSON.stringify(plan0)}`);
  for (const [value, plan] of Object.entries(map.channel?.plans ?? {}))
    if (!ctx.plans.includes(plan)) fail(undefined, undefined, `observed.channel.plans[${JSON.stringify(value)}]: expected a plan of the scenario (${ctx.plans.join(", ")}), not ${JSON.stringify(plan)}`);
  if (map.time.kind === "date" && !(Number.isInteger(ctx.tickDays) && ctx.tickDays >= 1))
    fail(undefined, undefined, `observed.time.kind "date" needs whole-day ticks; the scenario's tickDays is ${ctx.tickDays}: use tick numbers instead`);
  if (issues.length) return finish() as never;

  const rows = records.slice(1);
  // Day (or tick) of every row; with dates, tick 0 is `start` or the earliest date.
  const days = rows.map((r) => {
    const v = (r.fields[timeCol] ?? "").trim();
    if (map.time.kind === "tick") {
      if (!/^\d+$/.test(v)) return fail(r.line, map.time.column, "expected a tick number (a whole number ≥ 0)", v);
      return Number(v);
    }
    const d = isoDay(v);
    if (d === undefined) fail(r.line, map.time.column, "expected a date as YYYY-MM-DD", v);
    return d;
  });
  const known = days.filter((d): d is number => d !== undefined);
  const start = map.time.kind === "tick" ? 0 : map.time.start !== undefined ? isoDay(map.time.start)! : known.length ? Math.min(...known) : 0;
  const perTick = map.time.kind === "tick" ? 1 : ctx.tickDays;
  const lastDay = (ctx.horizon + 1) * perTick - 1;

  // Values by (series, day): channels mapped to one plan are summed.
  const planNames = [...new Set(map.channel ? Object.values(map.channel.plans) : [plan0])];
  const key = (plan: string, m: number) => `${plan}\u0000${m}`;
  const byDay = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  rows.forEach((r, k) => {
    const d = days[k];
    if (r.fields.length !== header.length)
      fail(r.line, undefined, `expected ${header.length} fields as in the header, found ${r.fields.length}`);
    let plan = plan0;
    if (map.channel) {
      const c = (r.fields[channelCol] ?? "").trim();
      const p = Object.hasOwn(map.channel.plans, c) ? map.channel.plans[c] : undefined;
      if (p === undefined) {
        fail(r.line, map.channel.column, `expected a channel listed in observed.channel.plans (${Object.keys(map.channel.plans).map((x) => JSON.stringify(x)).join(", ")})`, c);
        return;
      }
      plan = p;
    }
    if (d === undefined) return;
    const day = d - start;
    if (day < 0 || day > lastDay) {
      const span = map.time.kind === "tick" ? `ticks 0 to ${ctx.horizon}` : `dates from tick 0 (${new Date(start * 86_400_000).toISOString().slice(0, 10)}) to the horizon (${ctx.horizon} ticks of ${ctx.tickDays} day(s))`;
      fail(r.line, map.time.column, `expected ${span}`, r.fields[timeCol]);
      return;
    }
    const dupKey = `${day}\u0000${map.channel ? r.fields[channelCol].trim() : ""}`;
    if (seen.has(dupKey)) fail(r.line, map.time.column, `expected each ${map.time.kind}${map.channel ? " and channel" : ""} once; line ${seen.get(dupKey)} has it too`, r.fields[timeCol]);
    else seen.set(dupKey, r.line);
    map.metrics.forEach((m, i) => {
      const raw = (r.fields[metricCols[i]] ?? "").trim();
      if (MISSING.has(raw.toLowerCase())) return;
      const x = Number(raw);
      if (!NUMBER.test(raw) || !Number.isFinite(x) || x < 0) {
        fail(r.line, m.column, "expected a number ≥ 0 (plain digits, a point for decimals; empty or NA when missing)", raw);
        return;
      }
      const cell = byDay.get(key(plan, i)) ?? new Map<number, number>();
      byDay.set(key(plan, i), cell.set(day, (cell.get(day) ?? 0) + x));
    });
  });
  finish();

  let firstTick = Infinity, lastTick = -Infinity;
  const series: ObservedSeries[] = planNames.flatMap((plan) =>
    map.metrics.map((m, i) => {
      const cell = byDay.get(key(plan, i)) ?? new Map<number, number>();
      const byTick = new Float64Array(ctx.horizon + 1).fill(NaN);
      for (let t = 0; t <= ctx.horizon; t++) {
        const from = t * perTick;
        if (m.values === "cumulative") {
          const v = cell.get(from + perTick - 1);
          if (v !== undefined) byTick[t] = v;
        } else {
          let sum = 0, count = 0;
          for (let d = from; d < from + perTick; d++) {
            const v = cell.get(d);
            if (v !== undefined) (sum += v), count++;
          }
          if (count === perTick) byTick[t] = sum;
        }
        if (!Number.isNaN(byTick[t])) (firstTick = Math.min(firstTick, t)), (lastTick = Math.max(lastTick, t));
      }
      return { plan, metric: m.metric, ...(m.circle !== undefined ? { circle: m.circle } : {}), column: m.column, values: m.values, fit: m.fit, byTick };
    }),
  );
  if (!Number.isFinite(firstTick)) throw new ScenarioError([{ path: source, message: "expected at least one value in the mapped columns; every cell is empty" }], source);
  return { series, rows: rows.length, firstTick, lastTick };
}
