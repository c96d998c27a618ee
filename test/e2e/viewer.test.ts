/**
 * The viewer in Chromium: it opens on the three-stages comparison and computes it, the charts hold the
 * expected series (read from the DOM), exports match the CLI byte for byte, and a shared link replays
 * the same numbers. Screenshots of the main views go to test-artifacts/screenshots/.
 */
import { writeFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { circlecast, cliSeriesCsv } from "./cli.ts";
import { downloadText, HAVE_CHROMIUM, launch, openApp, shot, SKIP_NOTE, startAndWait, waitForDone, type AppPage } from "./chromium.ts";

const PLANS = ["repost-buying", "creative-content", "fan-management"];
const CIRCLES = ["office-workers", "young-mothers", "students", "gamers"];

describe.skipIf(!HAVE_CHROMIUM)(`viewer: the default comparison${SKIP_NOTE}`, () => {
  let browser: Browser;
  let app: AppPage;
  // The CLI's files for the same scenario and seed, computed while the browser works.
  let cliSeries: Promise<string>;
  let opened = 0;

  beforeAll(async () => {
    cliSeries = cliSeriesCsv("library:three-stages");
    cliSeries.catch(() => undefined);
    browser = await launch();
    opened = Date.now();
    app = await openApp(browser, inject("viewerUrl"));
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(app.errors).toEqual([]);
  });

  it("opens on the three-stages comparison, already computing, and draws every chart", async () => {
    const { page } = app;
    await expect(page.locator("h1.scenario-title").textContent()).resolves.toBe("Three stages of social marketing");
    await expect(page.locator("#library").inputValue()).resolves.toBe("three-stages");
    await page.waitForSelector("svg[data-chart=reach] g.series", { timeout: 90_000 });
    const firstChartMs = Date.now() - opened;
    // The first charts are the first replicates' (1, 2, 4, 8, 16 of 20: always sent before the full
    // result), marked as preliminary until the run ends; the note keeps its last text once hidden.
    await page.screenshot({ path: shot("00-first-replicates.png") });
    await waitForDone(page);
    const partial = await page.locator("[data-partial]").textContent();
    expect(partial).toMatch(/^Preliminary: the first (1|2|4|8|16) of 20 replicates; the numbers tighten as more arrive\.$/);
    await expect(page.locator("[data-partial]").isHidden()).resolves.toBe(true);
    const runText = await page.locator(".run-text").textContent();
    writeFileSync(new URL("../../test-artifacts/e2e-timings.json", import.meta.url), JSON.stringify({ firstChartMs, runText }, null, 1));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.screenshot({ path: shot("01-compare-three-stages.png"), fullPage: true });
    await page.locator("[data-section=over-time]").screenshot({ path: shot("02-over-time.png") });
    await page.locator("[data-card=funnel]").screenshot({ path: shot("03-funnel.png") });
    await page.locator("[data-section=money]").screenshot({ path: shot("04-money.png") });
    await page.locator("[data-card=heatmap]").screenshot({ path: shot("05-circle-heatmap.png") });
    await page.locator("[data-section=tables]").screenshot({ path: shot("06-tables.png") });
  });

  it("fits a 1024×768 projector: every table and chart of the comparison fits its card without scrolling sideways", async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.waitForTimeout(400); // charts redraw on resize
      const wide = await page.$$eval(".table-wrap, .card-body", (els) =>
        els.filter((e) => (e as HTMLElement).offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.closest("[data-card]")?.getAttribute("data-card")}: ${e.scrollWidth} > ${e.clientWidth}`));
      expect(wide).toEqual([]);
      await page.locator("[data-card=money-table]").screenshot({ path: shot("04b-money-1024.png") });
      await page.locator("[data-card=final-values]").screenshot({ path: shot("06b-final-values-1024.png") });
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
  });

  it("answers first: the verdict is the comparison's first section, names the winner on the chosen goal and follows the goal switch", async () => {
    const { page } = app;
    await page.waitForSelector("[data-verdict] .verdict-headline", { timeout: 90_000 });
    const first = await page.locator("[data-section]").first().getAttribute("data-section");
    expect(first).toBe("verdict");
    const headline = page.locator("[data-verdict] .verdict-headline");
    const conversions = await headline.textContent();
    expect(conversions).toMatch(/^(?:(repost-buying|creative-content|fan-management) wins on conversions: it beat \S+ in \d+ of \d+ matched worlds|No clear winner on conversions: .+)$/);
    const ranking = await page.locator("[data-verdict] .verdict-ranking li").allTextContents();
    expect(ranking.map((r) => r.split(":")[0]).sort()).toEqual([...PLANS].sort());
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator("[data-section=verdict] h2").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: shot("00-verdict-1440x900.png") });
    await page.locator("[data-card=verdict] .switch label", { hasText: "Return on spend" }).click();
    await expect.poll(() => headline.textContent()).toMatch(/on return on spend/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator("[data-section=verdict] h2").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: shot("00-verdict-1024x768.png") });
    const box = await page.locator("[data-verdict]").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator("[data-card=verdict] .switch label", { hasText: "Conversions" }).click();
  });

  it("has one line and one p5–p95 band per plan in each over-time chart", async () => {
    const { page } = app;
    for (const chart of ["reach", "awareness", "conversions"]) {
      const series = await page.$$eval(`svg[data-chart=${chart}] g.series`, (gs) =>
        gs.map((g) => ({
          plan: g.getAttribute("data-plan"),
          points: Number(g.getAttribute("data-points")),
          line: (g.querySelector("path.line")?.getAttribute("d") ?? "").length > 100,
          band: (g.querySelector("path.band")?.getAttribute("d") ?? "").length > 100,
        })),
      );
      expect(series, chart).toEqual(PLANS.map((plan) => ({ plan, points: 241, line: true, band: true })));
    }
    const impressions = await page.$$eval("svg[data-chart=impressions] g.series", (gs) => gs.map((g) => `${g.getAttribute("data-plan")}:${g.getAttribute("data-metric")}`));
    expect(impressions.sort()).toEqual(PLANS.flatMap((p) => [`${p}:realImpressions`, `${p}:reportedImpressions`]).sort());
    const colours = await page.$$eval("svg[data-chart=reach] g.series path.line", (ps) => ps.map((p) => p.getAttribute("stroke")));
    expect(new Set(colours).size).toBe(3);
    const legend = await page.$$eval("svg[data-chart=reach] .legend [data-legend]", (gs) => gs.map((g) => g.getAttribute("data-legend")));
    expect(legend).toEqual(PLANS);
    const axes = await page.$$eval("svg[data-chart=reach] .axis-label", (ts) => ts.map((t) => t.textContent));
    expect(axes).toEqual(["day", "people"]);
  });

  it("shows where each plan's conversions come from: bought, earned and fans' posts adding up to its conversions", async () => {
    const { page } = app;
    const panels = await page.$$eval("svg[data-chart=sources] g.panel", (gs) =>
      gs.map((g) => ({
        plan: g.getAttribute("data-plan"),
        layers: [...g.querySelectorAll("path.layer")].map((p) => [p.getAttribute("data-layer"), Number(p.getAttribute("data-final"))] as const),
      })));
    expect(panels.map((p) => p.plan)).toEqual(PLANS);
    const finals = Object.fromEntries(await page.$$eval("svg[data-chart=conversions] g.series", (gs) => gs.map((g) => [g.getAttribute("data-plan"), Number(g.getAttribute("data-final"))])));
    for (const p of panels) {
      expect(p.layers.map(([k]) => k)).toEqual(["customersBought", "customersEarned", "customersFans"]);
      expect(p.layers.reduce((a, [, v]) => a + v, 0)).toBeCloseTo(finals[p.plan!], 9);
    }
    await page.locator("[data-card=sources]").screenshot({ path: shot("12-sources.png") });
  });

  it("draws the funnel, money bars, heatmap and tables for every plan", async () => {
    const { page } = app;
    const funnel = await page.$$eval("svg[data-chart=funnel] g.funnel-plan", (gs) =>
      gs.map((g) => [g.getAttribute("data-plan"), [...g.querySelectorAll(".stage")].map((s) => s.getAttribute("data-stage"))]));
    expect(funnel).toEqual(PLANS.map((p) => [p, ["reportedImpressions", "reach", "brandAware", "interested", "customers", "fans"]]));
    for (const m of ["spend", "costPerConversion", "roi"])
      expect(await page.$$eval(`svg[data-chart=money-${m}] .bar-item`, (gs) => gs.map((g) => g.getAttribute("data-plan")))).toEqual(PLANS);
    const heat = await page.$$eval("svg[data-chart=heatmap] g.heat-plan", (gs) =>
      gs.map((g) => [g.getAttribute("data-plan"), [...g.querySelectorAll(".heat-row")].map((r) => r.getAttribute("data-circle"))]));
    expect(heat).toEqual(PLANS.map((p) => [p, CIRCLES]));
    expect(await page.locator("table[data-table=final-values] tbody tr").count()).toBeGreaterThan(15);
    expect(await page.locator("table[data-table=pairs] tbody tr").count()).toBe(3);
    expect(await page.locator("[data-card=decay]").count()).toBe(0); // no repeated case in this scenario
  });

  it("shows exact values in tooltips, by pointer and by keyboard", async () => {
    const { page } = app;
    const overlay = page.locator("svg[data-chart=conversions] rect.overlay");
    await overlay.scrollIntoViewIfNeeded();
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width - 0.5, box.y + box.height / 2);
    const tip = page.locator(".tooltip");
    await expect(tip.isVisible()).resolves.toBe(true);
    const text = await tip.textContent();
    expect(text).toContain("Day 240");
    for (const p of PLANS) expect(text).toContain(p);
    await page.mouse.move(0, 0);
    await page.locator("svg[data-chart=reach]").focus();
    await page.keyboard.press("ArrowLeft");
    await expect(tip.textContent()).resolves.toContain("Day 239");
    await page.keyboard.press("Escape");
  });

  it("exports the per-tick series exactly as the CLI writes them (final values: see the shared-link test)", async () => {
    const { page } = app;
    const series = await downloadText(page, "[data-export=series-csv]");
    expect(series.name).toBe("three-stages-seed2026-series.csv");
    const expected = await cliSeries;
    expect(series.text.split("\n").length).toBe(3 * 241 + 2);
    expect(series.text).toBe(expected);
  });

  it("exports each chart as PNG, SVG and the CSV behind it", async () => {
    const { page } = app;
    const png = await downloadText(page, "[data-card=reach] [data-export=png]");
    expect(png.name).toBe("three-stages-seed2026-reach.png");
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.bytes.length).toBeGreaterThan(20_000);
    const svg = await downloadText(page, "[data-card=funnel] [data-export=svg]");
    expect(svg.text).toMatch(/^<\?xml/);
    expect(svg.text).toContain("Funnel per plan");
    expect(svg.text).toContain("seed 2026");
    const csv = await downloadText(page, "[data-card=conversions] [data-export=csv]");
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("plan,metric,tick,day,mean,median,p5,p95");
    expect(lines.length).toBe(1 + 3 * 241);
    const heat = await downloadText(page, "[data-card=heatmap] [data-export=csv]");
    expect(heat.text.trim().split("\n").length).toBe(1 + 3 * 2 * 4 * 241);
  });

  it("restores an edited scenario and its seed from a shared link, with the same numbers", async () => {
    const { page } = app;
    await page.fill("input[data-path=seed]", "7");
    await page.fill("input[data-path=replicates]", "4");
    await startAndWait(page, () => page.click("[data-action=apply]"));
    await expect(page.locator(".run-text").textContent()).resolves.toContain("seed 7 · 4 replicates");
    const cli = circlecast("compare", "library:three-stages", "--seed", "7", "--replicates", "4", "--format", "csv");
    const before = await downloadText(page, "[data-export=summary-csv]");
    await page.click("[data-action=share]");
    await page.waitForSelector("input[data-share-url]:not([hidden])"); // the link is compressed asynchronously
    const url = await page.locator("input[data-share-url]").inputValue();
    expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);

    const again = await openApp(browser, url);
    try {
      await waitForDone(again.page);
      await expect(again.page.locator("input[data-path=seed]").inputValue()).resolves.toBe("7");
      await expect(again.page.locator(".scenario-meta").textContent()).resolves.toContain("shared link");
      const after = await downloadText(again.page, "[data-export=summary-csv]");
      expect(after.text).toBe(before.text);
      expect(after.text).toBe(await cli);
      await again.page.reload();
      await waitForDone(again.page);
      expect((await downloadText(again.page, "[data-export=summary-csv]")).text).toBe(before.text);
      expect(again.errors).toEqual([]);
    } finally {
      await again.page.context().close();
    }
  });
});
