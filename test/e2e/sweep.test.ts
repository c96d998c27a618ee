/**
 * The Sweep tab in Chromium: a sweep defined over two parameters of a (scaled-down) library scenario
 * runs on a pool of Web Workers and fills every cell with exactly the numbers `circlecast sweep` writes
 * for the downloaded sweep file; problems show under their fields; Cancel stops the workers and keeps
 * the finished runs; one parameter gives a line chart; a CLI output folder loads into the same heatmap.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { circlecast } from "./cli.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";

/** small-business at a fifth of its size: a run of both plans takes a few tens of milliseconds. */
function smallBusiness(): Record<string, unknown> {
  const s = JSON.parse(readFileSync(new URL("../../scenarios/library/small-business.json", import.meta.url), "utf8"));
  s.name = "small-business-fifth";
  s.replicates = 4;
  for (const c of s.population.circles) c.size /= 5;
  s.network.bigAccounts.followers /= 5;
  return s;
}

const PLANS = ["authentic", "reposts"];

interface Cell {
  plan: string;
  x: number;
  y: number;
  n: number;
  mean: number | null;
}

async function cells(page: Page, card: string): Promise<Cell[]> {
  return page.$$eval(`[data-card=${card}] svg rect.cell`, (rs) =>
    rs.map((r) => ({
      plan: r.getAttribute("data-plan")!,
      x: Number(r.getAttribute("data-x")),
      y: Number(r.getAttribute("data-y")),
      n: Number(r.getAttribute("data-n")),
      mean: r.hasAttribute("data-mean") ? Number(r.getAttribute("data-mean")) : null,
    })),
  );
}

/** Set a parameter: pick its path, then type min, max and steps. */
async function setParam(page: Page, i: number, name: string, min?: string, max?: string, steps?: string): Promise<void> {
  await page.selectOption(`[data-field="p${i}.path"]`, name);
  if (min !== undefined) await page.fill(`[data-field="p${i}.min"]`, min);
  if (max !== undefined) await page.fill(`[data-field="p${i}.max"]`, max);
  if (steps !== undefined) await page.fill(`[data-field="p${i}.steps"]`, steps);
}

const errorFor = (page: Page, field: string) => page.locator(`[data-sweep-error="${field}"]`).textContent();

/** Per plan and point, the mean of a metric over the point's runs in run order, from a runs.csv without quoted fields. */
function meansFromCsv(text: string, metric: string): Map<string, number> {
  const [head, ...lines] = text.trimEnd().split("\n");
  const cols = head.split(",");
  const sums = new Map<string, { sum: number; n: number }>();
  for (const l of lines) {
    const v = l.split(",");
    const key = `${v[cols.indexOf("plan")]}:${v[cols.indexOf("point")]}`;
    const s = sums.get(key) ?? { sum: 0, n: 0 };
    s.sum += Number(v[cols.indexOf(metric)]);
    s.n++;
    sums.set(key, s);
  }
  return new Map([...sums].map(([k, s]) => [k, s.sum / s.n]));
}

describe.skipIf(!HAVE_CHROMIUM)(`viewer: sweeps in the browser${SKIP_NOTE}`, () => {
  const dir = mkdtempSync(join(tmpdir(), "circlecast-e2e-sweep-"));
  let gridCells: Cell[] = [];

  const suite = appForSuite();
  beforeAll(async () => {
    await suite().page.setInputFiles("#scenario-file", { name: "small-business-fifth.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(smallBusiness())) });
    await suite().page.waitForSelector(".scenario-meta:has-text('file: small-business-fifth.json')");
    await waitForDone(suite().page);
    await suite().page.click("#tab-sweep");
    await suite().page.waitForSelector('[data-field="p0.path"] option[value="authentic.budget"]', { state: "attached" });
  });

  it("offers the scenario's parameters and shows each problem under its field", async () => {
    const { page } = suite();
    const groups = await page.$$eval('[data-field="p0.path"] optgroup', (gs) => gs.map((g) => g.getAttribute("label")));
    expect(groups).toEqual(["Plan authentic", "Plan reposts", "Circle neighbourhood", "Circle office-workers", "Circle students", "All circles", "Product", "Network"]);
    // It starts on a parameter every plan feels (not a budget that may be only a cap), with 8 runs a point.
    await expect(page.locator('[data-field="p0.path"]').inputValue()).resolves.toBe("all.productAffinity");
    await expect(page.locator('[data-field="p1.path"]').inputValue()).resolves.toBe("");
    await expect(page.locator('[data-field="replicates"]').inputValue()).resolves.toBe("8");
    await setParam(page, 0, "authentic.budget");
    await expect(page.locator('[data-field="p0.min"]').inputValue()).resolves.toBe("800");
    await expect(page.locator('[data-field="p0.max"]').inputValue()).resolves.toBe("1600");
    await expect(page.locator('[data-hint="p0.path"]').textContent()).resolves.toBe("now 800 · currency units");

    await page.fill('[data-field="p0.max"]', "700");
    await expect(errorFor(page, "p0.max")).resolves.toBe("got 700, expected a number > min (800)");
    await expect(page.locator("[data-action=download-sweep]").isDisabled()).resolves.toBe(true);
    await page.fill('[data-field="p0.max"]', "1200");
    await page.fill('[data-field="p0.min"]', "400");
    // The CLI's own checks (plans compile) follow after a pause.
    await page.waitForSelector('[data-sweep-error="p0.min"]:has-text("planned cost")');
    await expect(errorFor(page, "p0.min")).resolves.toBe("got 400, expected at least the planned cost 770 of the plan's strategies");
    await expect(errorFor(page, "p0.max")).resolves.toBe("");
    await page.locator("[data-card=sweep-define]").screenshot({ path: shot("sweep-01-field-errors.png") });
    await page.fill('[data-field="replicates"]', "0");
    await expect(errorFor(page, "replicates")).resolves.toBe("got 0, expected a number ≥ 1");
    await page.click("[data-action=run-sweep]");
    await expect(page.locator(".sweep-status").isHidden()).resolves.toBe(true);
  });

  it("runs a 3 × 2 grid on a pool of workers, fills every cell, and gives circlecast sweep's numbers for the same sweep file", async () => {
    const { page } = suite();
    await setParam(page, 0, "authentic.budget", "800", "1200", "3");
    await setParam(page, 1, "neighbourhood.productAffinity", "0.4", "0.8", "2");
    await page.fill('[data-field="replicates"]', "2");
    await page.fill('[data-field="seed"]', "5");
    await page.selectOption('[data-field="metric"]', "customers");
    await page.waitForSelector('.sweep-size:has-text("= 12 runs")');
    await expect(page.locator(".sweep-size").textContent()).resolves.toMatch(/^3 × 2 points × 2 replicates = 12 runs of 2 plans, on \d workers$/);

    const file = await downloadText(page, "[data-action=download-sweep]");
    expect(file.name).toBe("small-business-fifth-sweep.json");
    const sweep = JSON.parse(file.text);
    expect(sweep.parameters).toEqual([
      { name: "authentic.budget", path: "plans.authentic.budget", min: 800, max: 1200, steps: 3 },
      { name: "neighbourhood.productAffinity", path: "circles.neighbourhood.productAffinity", min: 0.4, max: 0.8, steps: 2 },
    ]);
    expect(sweep.base.name).toBe("small-business-fifth"); // a loaded file goes inline: the sweep file is self-contained
    writeFileSync(join(dir, "sweep.json"), file.text);
    const cli = circlecast("sweep", join(dir, "sweep.json"), "--out", join(dir, "out"), "--workers", "1");
    cli.catch(() => undefined);

    await page.click("[data-action=run-sweep]");
    await page.waitForSelector(".sweep-status[data-status=done]", { timeout: 60_000 });
    await expect(page.locator(".sweep-status .sweep-text").textContent()).resolves.toMatch(/^Done: 12 runs in [\d.]+ s \([\d.]+ runs\/s, \d workers?\)/);
    gridCells = await cells(page, "sweep-heatmap");
    expect(gridCells).toHaveLength(2 * 3 * 2);
    expect(gridCells.every((c) => c.n === 2 && c.mean !== null)).toBe(true);
    // Every cell says how sure its mean is: ± the 95 % interval (1.96 · standard error over its runs).
    const spreads = await page.$$eval("[data-card=sweep-heatmap] text.value-spread", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(spreads).toHaveLength(2 * 3 * 2);
    expect(spreads.every((t) => /^±[\d.,]+k?$/.test(t))).toBe(true);
    const axes = await page.$$eval("[data-card=sweep-heatmap] svg .axis-label", (ts) => ts.map((t) => t.textContent));
    expect(axes).toContain("budget · authentic (currency units)");
    expect(axes).toContain("↑ productAffinity · neighbourhood (0–1)");
    await page.locator("#view-sweep [data-section=sweep-define]").screenshot({ path: shot("sweep-02-tab.png") });
    await page.locator("[data-card=sweep-heatmap]").screenshot({ path: shot("sweep-03-heatmap.png") });

    await cli;
    const cliRuns = readFileSync(join(dir, "out", "runs.csv"), "utf8");
    const means = meansFromCsv(cliRuns, "customers");
    for (const c of gridCells) expect(c.mean, `${c.plan} (${c.x}, ${c.y})`).toBe(means.get(`${c.plan}:${c.x * 2 + c.y}`));
    const runs = await downloadText(page, "[data-export=runs-csv]");
    expect(runs.name).toBe("small-business-fifth-sweep-runs.csv");
    expect(runs.text).toBe(cliRuns);

    // Another metric: the same cells, other values.
    await page.selectOption("[data-card=sweep-heatmap] [data-control=metric]", "roi");
    const roi = meansFromCsv(cliRuns, "roi");
    for (const c of await cells(page, "sweep-heatmap")) expect(c.mean).toBe(roi.get(`${c.plan}:${c.x * 2 + c.y}`));

    const cell = page.locator('[data-card=sweep-heatmap] rect.cell[data-plan=authentic][data-x="2"][data-y="1"]');
    await cell.hover();
    const tip = await page.locator(".tooltip").textContent();
    expect(tip).toContain("authentic — authentic.budget = 1,200, neighbourhood.productAffinity = 0.8");
    expect(tip).toContain("runs (n)2 of 2");
    expect(tip).toMatch(/± [^ ]+ \(SE\)/); // the mean with its standard error
    await page.screenshot({ path: shot("sweep-04-tooltip.png"), clip: await page.locator("[data-card=sweep-heatmap]").boundingBox().then((b) => ({ x: b!.x, y: b!.y, width: b!.width, height: b!.height + 120 })) });
    await page.mouse.move(0, 0);

    const csv = await downloadText(page, "[data-card=sweep-heatmap] [data-export=csv]");
    expect(csv.text.split("\n")[0]).toBe("plan,authentic.budget,neighbourhood.productAffinity,metric,runs,undefined,expected,mean,median,p5,p95,min,max,sd,se");
    expect(csv.text.trim().split("\n")).toHaveLength(1 + 12);
    const png = await downloadText(page, "[data-card=sweep-heatmap] [data-export=png]");
    expect(png.name).toBe("small-business-fifth-sweep-seed5-sweep-heatmap.png");
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    writeFileSync(shot("sweep-08-exported.png"), png.bytes);
    const svg = await downloadText(page, "[data-card=sweep-heatmap] [data-export=svg]");
    expect(svg.text).toContain("master seed 5");
    await page.selectOption("[data-card=sweep-heatmap] [data-control=metric]", "customers");
  });

  it("cancels a sweep part way: the workers stop and the finished runs stay on screen", async () => {
    const { page } = suite();
    await setParam(page, 0, "authentic.budget", "800", "1300", "6");
    await setParam(page, 1, "neighbourhood.productAffinity", "0.3", "0.9", "5");
    await page.fill('[data-field="replicates"]', "3");
    await page.click("[data-action=run-sweep]");
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>(".sweep-status")?.dataset.done) >= 3, undefined, { timeout: 60_000 });
    await page.click("[data-action=cancel-sweep]");
    await page.waitForSelector(".sweep-status[data-status=cancelled]");
    const done = Number(await page.locator(".sweep-status").getAttribute("data-done"));
    expect(done).toBeGreaterThanOrEqual(3);
    expect(done).toBeLessThan(90);
    await expect(page.locator(".sweep-status .sweep-text").textContent()).resolves.toBe(`Cancelled after ${done} of 90 runs; the finished runs are shown.`);
    await page.waitForTimeout(800);
    expect(Number(await page.locator(".sweep-status").getAttribute("data-done"))).toBe(done);
    const cs = await cells(page, "sweep-heatmap");
    expect(cs).toHaveLength(2 * 6 * 5);
    const runsShown = cs.filter((c) => c.plan === "authentic").reduce((a, c) => a + c.n, 0);
    expect(runsShown).toBe(done);
    expect(cs.some((c) => c.n === 0)).toBe(true);
    await expect(page.locator("[data-action=run-sweep]").isEnabled()).resolves.toBe(true);
    await page.locator("[data-card=sweep-heatmap]").screenshot({ path: shot("sweep-05-cancelled.png") });
  });

  it("draws one parameter as a line chart with its p5–p95 band", async () => {
    const { page } = suite();
    await setParam(page, 0, "authentic.budget", "800", "1400", "4");
    await page.selectOption('[data-field="p1.path"]', "");
    // A plan's own parameter cannot move the other plans: the form says so, and with common random
    // numbers (the default) they come out the same in every cell.
    const others = PLANS.filter((p) => p !== "authentic");
    await expect.poll(() => page.locator("[data-untouched]").textContent()).toBe(
      `The swept parameters change only one plan: ${others.join(", ")} stay${others.length > 1 ? "" : "s"} the same in every cell (common random numbers: every point on the same worlds).`);
    await page.fill('[data-field="replicates"]', "3");
    await page.selectOption('[data-field="metric"]', "revenue");
    await page.click("[data-action=run-sweep]");
    await page.waitForSelector(".sweep-status[data-status=done]", { timeout: 60_000 });
    await expect(page.locator("[data-card=sweep-heatmap] [data-control=metric]").inputValue()).resolves.toBe("revenue");
    const series = await page.$$eval("[data-card=sweep-heatmap] svg g.series", (gs) =>
      gs.map((g) => [g.getAttribute("data-plan"), g.querySelectorAll("circle.point").length, (g.querySelector("path.band")?.getAttribute("d") ?? "").length > 20]));
    expect(series).toEqual(PLANS.map((p) => [p, 4, true]));
    const axes = await page.$$eval("[data-card=sweep-heatmap] svg .axis-label", (ts) => ts.map((t) => t.textContent));
    expect(axes).toEqual(["budget · authentic (currency units)", "Revenue (currency units)"]);
    await page.locator("[data-card=sweep-heatmap]").screenshot({ path: shot("sweep-06-line.png") });
  });

  it("loads a Latin-hypercube sweep run by the CLI: scattered points binned into cells that say how many runs each holds", async () => {
    const { page } = suite();
    const lhs = {
      name: "lhs-demo", base: smallBusiness(), plans: ["authentic"], replicates: 1, seed: 11,
      parameters: [
        { name: "affinity", path: "circles.neighbourhood.productAffinity", min: 0.3, max: 0.9 },
        { name: "quality", path: "plans.authentic.strategies[0].quality", min: 0.3, max: 0.9 },
      ],
      design: { kind: "lhs", points: 16 },
    };
    const file = join(dir, "lhs.json");
    writeFileSync(file, JSON.stringify(lhs));
    const out = join(dir, "lhs-out");
    await circlecast("sweep", file, "--out", out, "--workers", "1");
    await page.setInputFiles("#sweep-files", ["runs.csv", "points.csv", "manifest.json"].map((f) => join(out, f)));
    await page.waitForSelector("[data-load-status=ok]");
    await expect(page.locator("[data-load-status]").textContent()).resolves.toBe("Loaded lhs-demo: 2 parameters (affinity, quality), 16 points, 16 runs, 1 plan.");
    await page.selectOption("[data-card=sweep-loaded] [data-control=metric]", "customers");
    const binned = await cells(page, "sweep-loaded");
    // Every run lands in one cell; the runs per cell add up to the 16 points (one replicate each).
    expect(binned.reduce((a, c) => a + c.n, 0)).toBe(16);
    expect(binned.filter((c) => c.n > 0).length).toBeGreaterThan(1);
    const ticks = await page.$$eval("[data-card=sweep-loaded] svg .tick-label", (ts) => ts.map((t) => t.textContent ?? ""));
    expect(ticks.some((t) => /^0\.\d+–0\.\d+$/.test(t))).toBe(true); // bins are labelled by their range
    await page.locator("[data-card=sweep-loaded]").screenshot({ path: shot("sweep-09-loaded-lhs.png") });
  });

  it("loads a CLI output folder (runs.csv, points.csv, manifest.json) into the same heatmap; a dropped runs.csv alone works too", async () => {
    const { page } = suite();
    const out = join(dir, "out");
    await page.setInputFiles("#sweep-files", ["runs.csv", "points.csv", "manifest.json"].map((f) => join(out, f)));
    await page.waitForSelector("[data-load-status=ok]");
    await expect(page.locator("[data-load-status]").textContent()).resolves.toBe(
      "Loaded small-business-fifth-sweep: 2 parameters (authentic.budget, neighbourhood.productAffinity), 6 points, 12 runs, 2 plans.");
    await page.selectOption("[data-card=sweep-loaded] [data-control=metric]", "customers");
    expect(await cells(page, "sweep-loaded")).toEqual(gridCells);
    await page.locator("[data-section=sweep-load]").screenshot({ path: shot("sweep-07-loaded-cli.png") });

    const title = await page.locator("h1.scenario-title").textContent();
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "runs.csv", { type: "text/csv" }));
      const zone = document.querySelector(".sweep-drop")!;
      for (const type of ["dragenter", "dragover", "drop"]) zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, readFileSync(join(out, "runs.csv"), "utf8"));
    await page.waitForSelector("[data-load-status=ok]");
    await expect(page.locator("[data-load-status]").textContent()).resolves.toBe("Loaded runs: 2 parameters (authentic.budget, neighbourhood.productAffinity), 6 points, 12 runs, 2 plans.");
    await expect(page.locator("h1.scenario-title").textContent()).resolves.toBe(title); // the page's scenario drop zone left it alone
    await expect(page.locator("[data-panel=issues]").isHidden()).resolves.toBe(true);
    await expect(page.locator(".drop-overlay").isHidden()).resolves.toBe(true);

    await page.setInputFiles("#sweep-files", { name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("a,b\n1,2\n") });
    await page.waitForSelector("[data-load-status=error]");
    await expect(page.locator("[data-load-status]").textContent()).resolves.toBe("notes.csv: not a file of a circlecast sweep output (expected runs.csv, points.csv or manifest.json)");
  });
});
