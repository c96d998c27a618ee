import { describe, expect, it } from "vitest";
import { cellValue, parseCsv, SweepFileError, sweepDataFromCli } from "../../viz/views/sweep/cli-files.ts";
import { sweepGrid } from "../../viz/views/sweep/data.ts";
import { kindOf } from "../../viz/views/sweep/loader.ts";

const RUNS = [
  "run,point,replicate,seed,budget,touches,plan,customers,roi",
  '0,0,0,11,800,"{""max"":2,""min"":1}",a,10,0.5',
  '0,0,0,11,800,"{""max"":2,""min"":1}",b,4,',
  '1,0,1,11,800,"{""max"":2,""min"":1}",a,12,-0.25',
  '1,0,1,11,800,"{""max"":2,""min"":1}",b,6,1e-7',
  '4,2,0,99,1200,"{""max"":4,""min"":3}",a,20,0.1',
  '4,2,0,99,1200,"{""max"":4,""min"":3}",b,8,0.2',
].join("\n") + "\n";
const POINTS = ["point,seed,budget,touches", '0,11,800,"{""max"":2,""min"":1}"', '1,55,800,"{""max"":4,""min"":3}"', '2,99,1200,"{""max"":4,""min"":3}"', '3,7,1200,"{""max"":2,""min"":1}"'].join("\n") + "\n";
const MANIFEST = JSON.stringify({
  format: "circlecast-sweep 1", name: "g", replicates: 2, parameters: ["budget", "touches"],
  sweep: { parameters: [{ name: "budget", path: "plans.a.budget" }, { name: "touches", path: "circles.x.touchesToConvert" }] },
});

describe("parseCsv", () => {
  it("reads RFC 4180 as the CLI writes it: quotes, doubled quotes, commas and line breaks inside quotes", () => {
    expect(parseCsv('a,b,c\n1,"x, ""y""",\n"line\nbreak","",3\n')).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', null],
      ["line\nbreak", "", "3"],
    ]);
  });

  it("keeps an unquoted empty field (missing) apart from a quoted one (empty text), and accepts CRLF and no final newline", () => {
    expect(parseCsv('a,b\r\n,""\r\n1,2')).toEqual([["a", "b"], [null, ""], ["1", "2"]]);
    expect(parseCsv("a,\n")).toEqual([["a", null]]);
  });

  it("says where a malformed file goes wrong", () => {
    expect(() => parseCsv('a,b\n1,"open\n', "runs.csv")).toThrow('runs.csv: line 2: a quoted field is not closed');
    expect(() => parseCsv('a,b\n1,x"y\n', "runs.csv")).toThrow("runs.csv: line 2: a quote inside an unquoted field");
    expect(() => parseCsv('a\n"x"y\n', "runs.csv")).toThrow("runs.csv: line 2: expected , or a line end after a quoted field");
  });

  it("turns cells into values: shortest round-trip numbers back to the same doubles", () => {
    for (const x of [0.1 + 0.2, 1e-7, -0.25, 2 ** 53 - 1, 1853127743, 5e-324]) expect(cellValue(String(x))).toBe(x);
    expect(cellValue(null)).toBeNull();
    expect(cellValue("")).toBe("");
    expect(cellValue("true")).toBe(true);
    expect(cellValue("fan-management")).toBe("fan-management");
    expect(cellValue('{"max":2,"min":1}')).toBe('{"max":2,"min":1}');
  });
});

describe("a CLI sweep output as sweep data", () => {
  it("reads parameters, plans, metrics and runs from runs.csv; points.csv gives the whole design", () => {
    const d = sweepDataFromCli({ runs: RUNS, points: POINTS, manifest: MANIFEST });
    expect(d.title).toBe("g");
    expect(d.params).toEqual([{ name: "budget", unit: "currency units" }, { name: "touches", unit: "touches" }]);
    expect(d.plans).toEqual(["a", "b"]);
    expect(d.metrics).toEqual(["customers", "roi"]);
    expect(d.points).toHaveLength(4);
    expect(d.rows).toHaveLength(6);
    expect(d.rows[1].values.roi).toBeNaN();
    expect(d.rows[3].values.roi).toBe(1e-7);
    const g = sweepGrid(d, { x: 0, y: 1, metric: "customers" });
    // budget 800/1200 × touches {1,2}/{3,4}: points 1 and 3 have no runs yet.
    expect(g.plans[0].cells.map((c) => [c.n, c.expected, c.mean])).toEqual([[2, 2, 11], [0, 2, NaN], [0, 2, NaN], [1, 2, 20]]);
    const roi = sweepGrid(d, { x: 0, y: 1, metric: "roi" }).plans[1].cells[0];
    expect([roi.n, roi.missing, roi.mean]).toEqual([1, 1, 1e-7]);
  });

  it("without points.csv takes the design from the runs, and replicates from the largest replicate", () => {
    const d = sweepDataFromCli({ runs: RUNS, name: "runs" });
    expect(d.title).toBe("runs");
    expect(d.points).toEqual([[800, '{"max":2,"min":1}'], [1200, '{"max":4,"min":3}']]);
    expect(d.rows.map((r) => r.point)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(d.replicates).toBe(2);
    expect(d.params[0].unit).toBeUndefined();
  });

  it("refuses files that are not a sweep's, or of different sweeps, naming the file", () => {
    const err = (f: Parameters<typeof sweepDataFromCli>[0]) => {
      try {
        sweepDataFromCli(f);
      } catch (e) {
        expect(e).toBeInstanceOf(SweepFileError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(err({ runs: "plan,tick,reach\na,0,1\n" })).toBe("runs.csv: expected the columns of a circlecast sweep's runs.csv (run, point, replicate, seed, <parameters>, plan, <metrics>), found plan, tick, reach");
    expect(err({ runs: RUNS.replace("\n0,0,0,11,800", "\n0,0,0,11") })).toBe("runs.csv: line 2: 8 fields, expected 9 as in the header");
    expect(err({ runs: RUNS.replace(",a,10,0.5", ",a,ten,0.5") })).toBe('runs.csv: line 2: customers is "ten", expected a number or an empty field');
    expect(err({ runs: RUNS, manifest: MANIFEST.replace('["budget","touches"]', '["x","touches"]') })).toBe("manifest.json: its parameters (x, touches) are not the columns of runs.csv (budget, touches): files of different sweeps?");
    expect(err({ runs: RUNS, manifest: "{" })).toMatch(/^manifest\.json: not valid JSON/);
    expect(err({ runs: RUNS, points: POINTS.replace("2,99,1200", "2,99,1300") })).toBe("points.csv: point 2 differs from runs.csv: files of different sweeps?");
    expect(err({ runs: RUNS, points: "point,seed,other\n" })).toBe("points.csv: expected the columns point, seed, budget, touches (those of runs.csv), found point, seed, other");
    expect(err({ runs: "" })).toBe("runs.csv: the file is empty");
  });

  it("recognises each file by its content", () => {
    expect(kindOf(RUNS)).toBe("runs");
    expect(kindOf(POINTS)).toBe("points");
    expect(kindOf(MANIFEST)).toBe("manifest");
    expect(kindOf("plan,metric\n")).toBeUndefined();
  });
});

describe("large CLI outputs", () => {
  it("200,000 runs without points.csv load (no argument spread over the points)", () => {
    const lines = ["run,point,replicate,seed,x,plan,customers"];
    for (let k = 0; k < 200_000; k++) lines.push(`${k},${k},0,${k},${k},a,${k % 7}`);
    const d = sweepDataFromCli({ runs: lines.join("\n") + "\n", name: "big" });
    expect([d.points.length, d.rows.length, d.replicates]).toEqual([200_000, 200_000, 1]);
    expect(d.points[199_999]).toEqual([199_999]);
  });
});

