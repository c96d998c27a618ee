import { describe, expect, it } from "vitest";
import { readCsv } from "../../engine/experiment/csv-read.ts";
import { loadObserved } from "../../engine/experiment/observed.ts";
import { ScenarioError } from "../../engine/errors.ts";
import { Observed } from "../../scenarios/schema/calibrate.ts";

const ctx = { horizon: 9, tickDays: 1, plans: ["organic", "paid"], source: "export.csv" };
const map = (over: object = {}) =>
  Observed.parse({
    file: "export.csv",
    time: { column: "Date" },
    channel: { column: "Channel", plans: { Instagram: "organic", TikTok: "organic", Ads: "paid" } },
    metrics: [{ column: "Orders", metric: "purchases" }, { column: "Reach", metric: "reach", values: "cumulative" }],
    ...over,
  });

function failure(text: string, m = map()): ScenarioError {
  try {
    loadObserved(text, m, ctx);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("readCsv", () => {
  it("reads quotes, doubled quotes, line breaks in fields, a BOM, CRLF and blank lines, keeping each record's line", () => {
    const recs = readCsv('\uFEFFa,"b, c"\r\n"x ""y""",2\r\n\r\n"multi\nline",3\n');
    expect(recs).toEqual([
      { line: 1, fields: ["a", "b, c"] },
      { line: 2, fields: ['x "y"', "2"] },
      { line: 4, fields: ["multi\nline", "3"] },
    ]);
  });
  it("names the line of an unclosed quote", () => {
    expect(() => readCsv('a,b\n1,"oops\n2,3\n')).toThrow(/line 2: a quoted field is never closed/);
  });
});

describe("loadObserved", () => {
  it("maps dates to ticks, sums channels mapped to one plan, and leaves missing days unknown", () => {
    const text = [
      "Date,Channel,Orders,Reach",
      "2026-03-01,Instagram,2,10",
      "2026-03-01,TikTok,1,5",
      "2026-03-01,Ads,4,",
      "2026-03-03,Instagram,3,NA",
      "2026-03-03,TikTok,,7",
    ].join("\r\n");
    const d = loadObserved(text, map(), ctx);
    const s = (plan: string, metric: string) => d.series.find((x) => x.plan === plan && x.metric === metric)!.byTick;
    expect(Array.from(s("organic", "purchases").slice(0, 4))).toEqual([3, NaN, 3, NaN]);
    expect(Array.from(s("organic", "reach").slice(0, 3))).toEqual([15, NaN, 7]);
    expect(Array.from(s("paid", "purchases").slice(0, 2))).toEqual([4, NaN]);
    expect(d.rows).toBe(5);
    expect([d.firstTick, d.lastTick]).toEqual([0, 2]);
  });

  it("sums daily values into weekly ticks only when every day of the tick is there", () => {
    const rows = ["Date,Channel,Orders,Reach"];
    for (let day = 0; day < 14; day++) if (day !== 9) rows.push(`2026-03-${String(day + 1).padStart(2, "0")},Ads,1,${day}`);
    const d = loadObserved(rows.join("\n"), map(), { ...ctx, tickDays: 7 });
    const orders = d.series.find((x) => x.plan === "paid" && x.metric === "purchases")!.byTick;
    const reach = d.series.find((x) => x.plan === "paid" && x.metric === "reach")!.byTick;
    expect([orders[0], orders[1]]).toEqual([7, NaN]);
    expect([reach[0], reach[1]]).toEqual([6, 13]);
  });

  it("names the line, the column, the value and what was expected for every bad cell, and loads nothing", () => {
    const e = failure(["Date,Channel,Orders,Reach", "2026-03-01,Instagram,2,10", "2026-02-30,Instagram,1,1", "2026-03-02,Facebook,1,1", "2026-03-03,Ads,-1,1", "2026-03-04,Ads,1.2.3,1", "2026-03-20,Ads,1,1"].join("\n"));
    const lines = e.issues.map((i) => `${i.path}: ${i.message} ${i.received ?? ""}`);
    expect(lines).toEqual([
      expect.stringMatching(/^export\.csv, line 3, column "Date": expected a date as YYYY-MM-DD "2026-02-30"/),
      expect.stringMatching(/^export\.csv, line 4, column "Channel": expected a channel listed in observed\.channel\.plans .* "Facebook"/),
      expect.stringMatching(/^export\.csv, line 5, column "Orders": expected a number ≥ 0 .* "-1"/),
      expect.stringMatching(/^export\.csv, line 6, column "Orders": expected a number ≥ 0 .* "1\.2\.3"/),
      expect.stringMatching(/^export\.csv, line 7, column "Date": expected dates from tick 0 \(2026-03-01\) to the horizon/),
    ]);
    expect(e.message).toMatch(/nothing was loaded/);
  });

  it("names a missing column and lists the header", () => {
    const e = failure("Day,Channel,Orders,Reach\n2026-03-01,Ads,1,1\n");
    expect(e.issues[0].path).toBe('export.csv, line 1, column "Date"');
    expect(e.issues[0].message).toMatch(/the header has "Day", "Channel", "Orders", "Reach"/);
  });

  it("refuses the same day and channel twice, naming both lines", () => {
    const e = failure("Date,Channel,Orders,Reach\n2026-03-01,Ads,1,1\n2026-03-01,Ads,2,2\n");
    expect(e.issues[0].path).toBe('export.csv, line 3, column "Date"');
    expect(e.issues[0].message).toMatch(/line 2 has it too/);
  });

  it("reads tick numbers without a channel column as the plan named", () => {
    const m = map({ time: { column: "t", kind: "tick" }, channel: undefined, plan: "paid" });
    const d = loadObserved("t,Orders,Reach\n0,1,1\n1,2,3\n", m, ctx);
    expect(d.series.map((s) => s.plan)).toEqual(["paid", "paid"]);
    expect(Array.from(d.series[0].byTick.slice(0, 3))).toEqual([1, 2, NaN]);
  });
});
