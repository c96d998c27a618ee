import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { pointScenario, prepareSweep, runOf } from "../../engine/experiment/sweep.ts";
import { mainAsync } from "../../engine/node/cli.ts";
import { createEngineApi } from "../../engine/worker/engine-api.ts";
import type { SweepInput } from "../../scenarios/schema/sweep.ts";
import { sweepDataFromCli } from "../../viz/views/sweep/cli-files.ts";
import { axisOf, gridCsv, sweepGrid, type SweepData } from "../../viz/views/sweep/data.ts";
import { runsCsv, valueCell, type BrowserRun } from "../../viz/views/sweep/runs-csv.ts";
import { tinySweepBase } from "../helpers.ts";

const sweep: SweepInput = {
  name: "tiny-grid",
  base: tinySweepBase,
  parameters: [
    { name: "fatigue", path: "circles.a.fatigueRate", min: 0.05, max: 0.25, steps: 3 },
    { name: "touches", path: "circles.b.touchesToConvert", values: [{ min: 1, max: 2 }, { min: 3, max: 4 }] },
  ],
  design: { kind: "grid" },
  replicates: 2,
  seed: 11,
};

/** The browser's way: the CLI's points and seeds, each run through the engine worker's own EngineApi, finished in reverse order. */
async function browserSweep(raw: SweepInput) {
  const prep = prepareSweep(raw);
  const api = createEngineApi();
  const runs: BrowserRun[] = [];
  for (let run = prep.runs - 1; run >= 0; run--) {
    const { point, replicate, seed } = runOf(prep, run);
    const r = await api.sweepRun({ scenario: pointScenario(prep, point), seed, replicate, plans: prep.sweep.plans ? prep.plans : undefined, perTick: prep.perTick });
    if (!r.ok) throw new Error(r.message);
    runs.push({ run, point, replicate, seed, plans: r.plans });
  }
  return { prep, runs };
}

/** `circlecast sweep FILE --out DIR --workers 0`, in process. */
async function cliSweep(raw: SweepInput): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "circlecast-viz-sweep-"));
  const file = join(dir, "sweep.json");
  writeFileSync(file, JSON.stringify(raw));
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    expect(await mainAsync(["sweep", file, "--out", join(dir, "out"), "--workers", "0"])).toBe(0);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return join(dir, "out");
}

const browser = await browserSweep(sweep);
const cliDir = await cliSweep(sweep);
const cliText = (f: string) => readFileSync(join(cliDir, f), "utf8");

function browserData(): SweepData {
  const { prep, runs } = browser;
  return {
    title: prep.sweep.name,
    params: prep.parameters.map((p) => ({ name: p.name })),
    points: prep.points.map((p) => p.map(valueCell)),
    plans: prep.plans,
    metrics: Object.keys(runs[0].plans[0].final),
    replicates: prep.replicates,
    rows: runs.flatMap((r) => r.plans.map((p) => ({ run: r.run, point: r.point, replicate: r.replicate, plan: p.plan, values: p.final }))),
  };
}

describe("browser sweeps against circlecast sweep", () => {
  it("writes runs.csv byte for byte as the CLI does for the same sweep file, whatever the completion order", () => {
    expect(browser.runs[0].run).toBe(browser.prep.runs - 1);
    expect(runsCsv(browser.prep, browser.runs)).toBe(cliText("runs.csv"));
  });

  it("draws the same cells from its own runs as from the CLI's runs.csv, points.csv and manifest.json", () => {
    const fromCli = sweepDataFromCli({ runs: cliText("runs.csv"), points: cliText("points.csv"), manifest: cliText("manifest.json") });
    expect(fromCli.title).toBe("tiny-grid");
    expect(fromCli.replicates).toBe(2);
    expect(fromCli.params.map((p) => p.name)).toEqual(["fatigue", "touches"]);
    expect(fromCli.params[1].unit).toBe("touches");
    for (const metric of ["customers", "reach", "roi", "costPerConversion"]) {
      const a = sweepGrid(browserData(), { x: 0, y: 1, metric });
      const b = sweepGrid(fromCli, { x: 0, y: 1, metric });
      expect(b.plans).toEqual(a.plans);
      expect(gridCsv(b)).toBe(gridCsv(a));
    }
  });
});

describe("sweep grid cells", () => {
  const data = browserData();

  it("has one cell per pair of values, each the mean of its replicates in run order, with n and the spread", () => {
    const g = sweepGrid(data, { x: 0, y: 1, metric: "customers" });
    expect(g.x.levels.map((l) => l.label)).toEqual(["0.05", "0.15", "0.25"]);
    expect(g.y!.levels.map((l) => l.label)).toEqual(["max 2, min 1", "max 4, min 3"]);
    expect(g.plans.map((p) => p.plan)).toEqual(["post", "fans"]);
    const cells = g.plans[1].cells;
    expect(cells).toHaveLength(6);
    // Point k is (fatigue k div 2, touches k mod 2): the first parameter varies slowest.
    for (const [point, x, y] of [[0, 0, 0], [1, 0, 1], [4, 2, 0], [5, 2, 1]]) {
      const vals = [0, 1].map((r) => browser.runs.find((b) => b.run === point * 2 + r)!.plans[1].final.customers);
      const c = cells[y * 3 + x];
      expect(c).toMatchObject({ x, y, n: 2, missing: 0, expected: 2, min: Math.min(...vals), max: Math.max(...vals) });
      expect(c.mean).toBe((vals[0] + vals[1]) / 2);
      // Two values a, b: SD |a − b| / √2, SE |a − b| / 2.
      expect(c.sd).toBeCloseTo(Math.abs(vals[0] - vals[1]) / Math.SQRT2, 9);
      expect(c.se).toBeCloseTo(Math.abs(vals[0] - vals[1]) / 2, 9);
    }
    expect(g.domain[0]).toBe(Math.min(...g.plans.flatMap((p) => p.cells.map((c) => c.mean))));
  });

  it("leaves cells whose runs have not finished empty, and counts undefined values apart", () => {
    const partial = { ...data, rows: data.rows.filter((r) => r.point !== 3 && !(r.point === 0 && r.replicate === 1)) };
    partial.rows = partial.rows.map((r) => (r.point === 1 && r.replicate === 0 ? { ...r, values: { ...r.values, customers: NaN } } : r));
    const cells = sweepGrid(partial, { x: 0, y: 1, metric: "customers" }).plans[0].cells;
    expect(cells[1 * 3 + 1]).toMatchObject({ n: 0, missing: 0, expected: 2 }); // point 3
    expect(cells[1 * 3 + 1].mean).toBeNaN();
    expect(cells[0]).toMatchObject({ n: 1, expected: 2 }); // point 0, one replicate
    expect(cells[1 * 3 + 0]).toMatchObject({ n: 1, missing: 1 }); // point 1
  });

  it("with one parameter averages over the other, and writes the CSV behind the chart", () => {
    const g = sweepGrid(data, { x: 1, metric: "reach" });
    expect(g.y).toBeUndefined();
    expect(g.plans[0].cells.map((c) => [c.n, c.expected])).toEqual([[6, 6], [6, 6]]);
    const lines = gridCsv(g).trim().split("\n");
    expect(lines[0]).toBe("plan,touches,metric,runs,undefined,expected,mean,median,p5,p95,min,max,sd,se");
    expect(lines).toHaveLength(1 + 2 * 2);
    expect(lines[1]).toMatch(/^post,"{""max"":2,""min"":1}",reach,6,0,6,/);
  });

  it("cuts many distinct numbers (a random design) into equal bins", () => {
    const points = Array.from({ length: 40 }, (_, k) => [k / 4, k % 2]);
    const d: SweepData = { title: "r", params: [{ name: "a" }, { name: "b" }], points, plans: ["p"], metrics: ["m"], replicates: 1,
      rows: points.map((_, k) => ({ run: k, point: k, replicate: 0, plan: "p", values: { m: k } })) };
    const ax = axisOf(d, 0);
    expect(ax.binned).toBe(true);
    expect(ax.levels).toHaveLength(6); // about √40 bins, so most cells hold a point
    expect(ax.levels[0].label).toBe("0–1.63"); // edges to 3 significant digits
    expect(ax.of(9.75)).toBe(5);
    const g = sweepGrid(d, { x: 0, y: 1, metric: "m" });
    expect(g.plans[0].cells.reduce((a, c) => a + c.n, 0)).toBe(40);
  });

  it("bins a scattered design (Latin hypercube) even with few distinct values, and leaves a grid's levels alone", () => {
    const lhs = Array.from({ length: 16 }, (_, k) => [(k * 7) % 16 / 16 + 0.01, k / 16 + 0.02]);
    const make = (points: number[][], scattered?: boolean): SweepData => ({ title: "s", params: [{ name: "a" }, { name: "b" }], points, plans: ["p"], metrics: ["m"], replicates: 1,
      rows: points.map((_, k) => ({ run: k, point: k, replicate: 0, plan: "p", values: { m: k } })), scattered });
    for (const scattered of [true, undefined]) {
      const ax = axisOf(make(lhs, scattered), 0);
      expect(ax.binned).toBe(true);
      expect(ax.levels).toHaveLength(4);
    }
    const grid = Array.from({ length: 16 }, (_, k) => [k % 4, Math.floor(k / 4)]);
    expect(axisOf(make(grid), 0).binned).toBe(false);
    expect(axisOf(make(grid, false), 0).levels).toHaveLength(4);
  });
});
