import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../engine/experiment/csv-read.ts";
import { loadObserved } from "../../engine/experiment/observed.ts";
import { prepareCalibration } from "../../engine/experiment/calibrate-prepare.ts";
import { Calibration } from "../../scenarios/schema/calibrate.ts";
import { guessCircle, guessMapping, guessPlan, guessRole, observedOf } from "../../viz/views/fit/mapping.ts";
import { PARAMETER_CHOICES, PRIOR_KINDS, priorFields, switchPrior } from "../../viz/views/fit/params.ts";

const examples = new URL("../../docs/examples/", import.meta.url);
const example = JSON.parse(readFileSync(new URL("bakery-calibration.json", examples), "utf8"));
const csv = readFileSync(new URL("bakery-campaign.csv", examples), "utf8");
const bakeryPlans = [
  { name: "authentic", words: "A weekly authentic post on the shop's own account own account creativeContent regulars club fanManagement" },
  { name: "reposts", words: "The same budget on reposts reposts buyReposts" },
];

describe("the Fit tab's column guesses", () => {
  it("map the bakery export as the worked example's calibration file does", () => {
    const records = readCsv(csv);
    const m = guessMapping(records[0].fields, records.slice(1).map((r) => r.fields), bakeryPlans);
    const observed = observedOf(m, "bakery-campaign.csv");
    const filled = Calibration.parse(example).observed;
    expect(observed).toEqual({ ...filled, time: { column: "Date", kind: "date" } });
  });

  it("read roles from headers and values: dates, tick numbers, channels, metrics by their usual names", () => {
    expect(guessRole("Day", ["2026-01-01", "2026-01-02"])).toBe("date");
    expect(guessRole("Reporting period", ["2026-01-01"])).toBe("date");
    expect(guessRole("tick", ["0", "1", "2"])).toBe("tick");
    expect(guessRole("Week", ["1", "2"])).toBe("tick");
    expect(guessRole("Platform", ["Weibo", "WeChat"])).toBe("channel");
    expect(guessRole("Account", ["1", "2"])).toBe("ignore");
    expect(guessRole("Amount spent (CNY)", ["3"])).toBe("spend");
    expect(guessRole("Video views", ["3"])).toBe("realImpressions");
    expect(guessRole("Unique users reached", ["3"])).toBe("reach");
    expect(guessRole("Likes", ["3"])).toBe("engagements");
    expect(guessRole("Retweets", ["3"])).toBe("shares");
    expect(guessRole("New subscribers", ["3"])).toBe("fans");
    expect(guessRole("Purchases", ["3"])).toBe("purchases");
    expect(guessRole("Sales", ["3"])).toBe("purchases");
    expect(guessRole("Sales value", ["3"])).toBe("revenue");
    expect(guessRole("Notes", ["x"])).toBe("ignore");
  });

  it("tell running totals from daily values, per channel, and use each metric once", () => {
    const header = ["date", "channel", "Reach", "Followers", "Impressions", "Views", "Total orders"];
    const rows = [
      ["2026-01-01", "A", "5", "10", "3", "1", "1"],
      ["2026-01-01", "B", "2", "4", "1", "1", "0"],
      ["2026-01-02", "A", "7", "9", "0", "1", "2"],
      ["2026-01-02", "B", "3", "4", "2", "1", "2"],
    ];
    const m = guessMapping(header, rows, [{ name: "p", words: "" }]);
    expect(m.columns.map((c) => [c.role, c.values, c.fit])).toEqual([
      ["date", "daily", true], ["channel", "daily", true], ["reach", "cumulative", true],
      // Followers fall on channel A: not a running total (the user can say otherwise).
      ["fans", "daily", true], ["realImpressions", "daily", true], ["ignore", "daily", true], ["purchases", "cumulative", true],
    ]);
    expect(m.channelPlans).toEqual({ A: "p", B: "p" });
  });

  it("give a per-circle metric column to the circle its header names, one column per metric and circle", () => {
    const header = ["Date", "Reach – young mothers", "Reach (office-workers)", "Customers young-mothers", "Orders young mothers", "Reach"];
    const rows = [["2026-01-01", "10", "5", "1", "1", "15"], ["2026-01-02", "12", "6", "1", "0", "18"]];
    const m = guessMapping(header, rows, [{ name: "p", words: "" }], ["office-workers", "young-mothers", "mothers"]);
    expect(m.columns.map((c) => [c.role, c.circle])).toEqual([
      ["date", undefined], ["reach", "young-mothers"], ["reach", "office-workers"], ["customers", "young-mothers"],
      // Orders have no per-circle series: the campaign's, whatever the header says.
      ["purchases", undefined], ["reach", undefined],
    ]);
    const observed = observedOf(m, "segments.csv");
    expect(observed.metrics.map((x) => [x.column, x.metric, x.circle])).toEqual([
      ["Reach – young mothers", "reach", "young-mothers"], ["Reach (office-workers)", "reach", "office-workers"],
      ["Customers young-mothers", "customers", "young-mothers"], ["Orders young mothers", "purchases", undefined], ["Reach", "reach", undefined],
    ]);
    expect(guessCircle("Reach: students", ["students", "gamers"])).toBe("students");
    expect(guessCircle("Reach of gamer", ["gamers"])).toBeUndefined();
  });

  it("match channels to the plan that shares their words, else the first plan", () => {
    expect(guessPlan("Bakery's own account", bakeryPlans)).toBe("authentic");
    expect(guessPlan("Paid reposts", bakeryPlans)).toBe("reposts");
    expect(guessPlan("Newsletter", bakeryPlans)).toBe("authentic");
  });

  it("make an observed block the CLI's reader takes, and whose bad cells it names", () => {
    const records = readCsv(csv);
    const m = guessMapping(records[0].fields, records.slice(1).map((r) => r.fields), bakeryPlans);
    const ctx = { horizon: 90, tickDays: 1, plans: ["authentic", "reposts"], source: "c.csv" };
    expect(loadObserved(csv, observedOf(m, "c.csv"), ctx).series).toHaveLength(8);
    const bad = csv.replace("2026-07-05,Bakery's own account,0,0,53,0,0,0,0,0", "2026-07-05,Bakery's own account,0,0,53,0,0,0,lots,0");
    expect(() => loadObserved(bad, observedOf(m, "c.csv"), ctx)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'c.csv, line 6, column "Orders"', received: '"lots"' })] }));
  });
});

describe("the Fit tab's parameters", () => {
  it("offer the worked example's four first, with its priors, and valid priors for the rest", () => {
    const on = PARAMETER_CHOICES.filter((c) => c.on).map(({ name, path, prior }) => ({ name, path, prior }));
    expect(on).toEqual(Calibration.parse(example).parameters.map(({ name, path, prior }) => ({ name, path, prior })));
    // Every bound of every prior is a value the bakery scenario accepts at its path.
    const scenario = JSON.parse(readFileSync(new URL("bakery-scenario.json", examples), "utf8"));
    const prep = prepareCalibration({ ...example, scenario, parameters: PARAMETER_CHOICES.map(({ name, path, prior }) => ({ name, path, prior })) }, { readObserved: () => csv });
    expect(prep.parameters.map((p) => p.name)).toEqual(PARAMETER_CHOICES.map((c) => c.name));
  });

  it("switch prior kinds over the same range, with the fields each kind has", () => {
    const u = { kind: "uniform", min: 0, max: 0.6 } as const;
    expect(switchPrior(u, "normal")).toEqual({ kind: "normal", mean: 0.3, sd: 0.15, min: 0, max: 0.6 });
    expect(switchPrior(u, "beta")).toEqual({ kind: "beta", alpha: 1, beta: 1, min: 0, max: 0.6 });
    expect(switchPrior(u, "log-uniform")).toEqual({ kind: "log-uniform", min: 0.006, max: 0.6 });
    for (const k of PRIOR_KINDS) expect(Object.keys(switchPrior(u, k)).filter((f) => f !== "kind").sort()).toEqual([...priorFields(k)].sort());
  });
});
