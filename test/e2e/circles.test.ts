/**
 * The circle map in Chromium: one disc per circle with its consumers, one link per pair of circles with
 * ties (the engine's counts), colours that follow the timeline to the values in the results, play and
 * pause, tooltips, and exports. Screenshots go to test-artifacts/screenshots/circles-*.png.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { simulate, type Simulation } from "../../engine/experiment/simulate.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { circleMap, penetrationColor } from "../../viz/views/circles/data.ts";
import { fmtExact } from "../../viz/charts/format.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";
import { snap } from "./snap.ts";

const library = (name: string) => JSON.parse(readFileSync(new URL(`../../scenarios/library/${name}.json`, import.meta.url), "utf8"));

type NodeAttrs = { circle: string | null; size: number; value: number; fill: string | null; disc: string | null };
const nodes = (page: Page): Promise<NodeAttrs[]> =>
  page.$$eval("svg[data-chart=circle-map] g.node", (gs) => gs.map((g) => ({
    circle: g.getAttribute("data-circle"), size: Number(g.getAttribute("data-size")), value: Number(g.getAttribute("data-value")),
    fill: g.getAttribute("data-fill"), disc: g.querySelector("circle")?.getAttribute("fill") ?? null,
  })));

/** The colours and values the map must show for plan p, metric m at tick t. */
function expected(sim: Simulation, p: number, m: string, t: number): { value: number; fill: string }[] {
  const d = circleMap(sim, p, m);
  const color = penetrationColor(d.maxValue);
  return d.nodes.map((n) => ({ value: n.values[t], fill: color(n.values[t]) }));
}

describe.skipIf(!HAVE_CHROMIUM)(`viewer: the circle map${SKIP_NOTE}`, () => {
  let sim: Simulation;
  const suite = appForSuite({ waitDone: false });
  beforeAll(async () => {
    // The same results in Node: the page computes the same scenario and seed in its worker meanwhile.
    sim = simulate(loadScenario(library("three-stages")));
    await waitForDone(suite().page);
  });

  it("draws one disc per circle with its consumers and one link per pair of circles with ties", async () => {
    const { page } = suite();
    await page.click("#tab-circles");
    await page.waitForSelector("svg[data-chart=circle-map] g.node");
    const got = await nodes(page);
    expect(got.map((n) => [n.circle, n.size])).toEqual(sim.scenario.population.circles.map((c) => [c.name, c.size]));
    const links = await page.$$eval("svg[data-chart=circle-map] line.link", (ls) => ls.map((l) => [l.getAttribute("data-source"), l.getAttribute("data-target"), Number(l.getAttribute("data-ties"))]));
    const want = circleMap(sim, 0, "reach").links.map((l) => [sim.scenario.population.circles[l.source].name, sim.scenario.population.circles[l.target].name, l.total]);
    expect(want).toHaveLength(6); // four circles, every pair tied
    expect(links).toEqual(want);
    const t = sim.circleTies!;
    expect(await page.$$eval("table[data-table=circle-ties] td", (tds) => tds.map((td) => Number(td.getAttribute("data-mean"))))).toEqual(Array.from(t.mean));
    // Opens on the last day, the final penetration of the first plan.
    await expect(page.locator(".day-label").first().getAttribute("data-day")).resolves.toBe("240");
    expect((await nodes(page)).map((n) => ({ value: n.value, fill: n.fill }))).toEqual(expected(sim, 0, "reach", 240));
    await snap(page, "[data-card=circle-map]", "circles-01-map-three-stages.png");
    await snap(page, "[data-card=circle-ties]", "circles-02-tie-table.png");
  });

  it("recolours the circles to the results' values as the timeline is scrubbed, by keyboard", async () => {
    const { page } = suite();
    const slider = page.locator("input[data-control=tick]").first();
    await slider.focus();
    await page.keyboard.press("Home");
    await expect(page.locator("svg[data-chart=circle-map]").getAttribute("data-tick")).resolves.toBe("0");
    for (let k = 0; k < 12; k++) await page.keyboard.press("ArrowRight");
    await expect(page.locator("svg[data-chart=circle-map]").getAttribute("data-tick")).resolves.toBe("12");
    await expect(page.locator(".day-label").first().textContent()).resolves.toBe("Day 12 of 240");
    const at12 = await nodes(page);
    expect(at12.map((n) => ({ value: n.value, fill: n.fill }))).toEqual(expected(sim, 0, "reach", 12));
    for (const n of at12) expect(n.disc).toBe(n.fill);
    const colours = new Set(at12.map((n) => n.fill));
    expect(colours.size).toBeGreaterThan(1);

    // Another plan and metric: conversions of fan management.
    await page.selectOption("select[data-control=plan] >> nth=0", { label: "fan-management" });
    await page.click("[data-card=circle-map] .switch label:has-text('Share converted')");
    await slider.fill("150");
    await expect(page.locator("svg[data-chart=circle-map]").getAttribute("data-tick")).resolves.toBe("150");
    expect((await nodes(page)).map((n) => ({ value: n.value, fill: n.fill }))).toEqual(expected(sim, 2, "customers", 150));
    await snap(page, "[data-card=circle-map]", "circles-03-map-conversions-day150.png");
  });

  it("plays and pauses", async () => {
    const { page } = suite();
    const svg = page.locator("svg[data-chart=circle-map]");
    await page.locator("input[data-control=tick]").first().fill("0");
    await page.click("[data-card=circle-map] [data-action=play]");
    await expect(page.locator("[data-card=circle-map] [data-action=play]").getAttribute("aria-pressed")).resolves.toBe("true");
    await page.waitForFunction(() => Number(document.querySelector("svg[data-chart=circle-map]")?.getAttribute("data-tick")) >= 20);
    await page.click("[data-card=circle-map] [data-action=play]");
    const stopped = Number(await svg.getAttribute("data-tick"));
    await page.waitForTimeout(300);
    expect(Number(await svg.getAttribute("data-tick"))).toBe(stopped);
    expect(stopped).toBeLessThan(240);
    expect((await nodes(page)).map((n) => n.value)).toEqual(expected(sim, 2, "customers", stopped).map((e) => e.value));
  });

  it("shows exact values in tooltips, by pointer and by keyboard", async () => {
    const { page } = suite();
    const tick = Number(await page.locator("svg[data-chart=circle-map]").getAttribute("data-tick"));
    const disc = page.locator("svg[data-chart=circle-map] g.node[data-circle=students] circle");
    const box = (await disc.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator(".tooltip");
    await expect(tip.isVisible()).resolves.toBe(true);
    const text = (await tip.textContent())!;
    expect(text).toContain(`students — fan-management, day ${tick}`);
    expect(text).toContain(fmtExact(sim.plans[2].circleSeries.customers[2][tick], "share"));
    expect(text).toContain("7,000");
    await page.mouse.move(0, 0);
    await page.locator("svg[data-chart=circle-map]").focus();
    await expect(tip.textContent()).resolves.toContain("office-workers — fan-management");
    for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
    await expect(tip.textContent()).resolves.toContain("Ties between office-workers and young-mothers");
    await page.keyboard.press("Escape");
  });

  it("exports the map as PNG and SVG and the data behind it as CSV", async () => {
    const { page } = suite();
    const png = await downloadText(page, "[data-card=circle-map] [data-export=png]");
    expect(png.name).toBe("three-stages-seed2026-circle-map.png");
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    writeFileSync(shot("circles-05-exported.png"), png.bytes);
    const svg = await downloadText(page, "[data-card=circle-map] [data-export=svg]");
    expect(svg.text).toMatch(/^<\?xml/);
    expect(svg.text).toContain("Circle map");
    expect(svg.text).toContain("plan fan-management");
    const csv = await downloadText(page, "[data-card=circle-map] [data-export=csv]");
    expect(csv.text.trim().split("\n")).toHaveLength(1 + 3 * 2 * 4 * 241);
    const ties = await downloadText(page, "[data-card=circle-ties] [data-export=csv]");
    expect(ties.text.trim().split("\n")).toHaveLength(1 + 16);
  });

  it("maps a classic model's circles by its own state", async () => {
    const { page } = suite();
    await page.selectOption("#library", "ic");
    await waitForDone(page);
    await page.waitForSelector("svg[data-chart=circle-map] g.node[data-circle=c]");
    const got = await nodes(page);
    expect(got.map((n) => n.circle)).toEqual(library("ic").population.circles.map((c: { name: string }) => c.name));
    await expect(page.locator("[data-card=circle-map] svg .legend text").first().textContent()).resolves.toBe("Share active (% of the circle)");
    await snap(page, "[data-card=circle-map]", "circles-04-map-ic.png");
  });

  it("lays out six circles readably, and explains a single-circle scenario", async () => {
    const { page } = suite();
    await page.selectOption("#library", "kol-circles");
    await waitForDone(page);
    const kol = library("kol-circles");
    await page.waitForSelector(`svg[data-chart=circle-map] g.node[data-circle="${kol.population.circles[5].name}"]`);
    expect((await nodes(page)).map((n) => [n.circle, n.size])).toEqual(kol.population.circles.map((c: { name: string; size: number }) => [c.name, c.size]));
    expect(await page.locator("svg[data-chart=circle-map] line.link").count()).toBe(15);
    await snap(page, "[data-card=circle-map]", "circles-06-map-kol-circles.png");
    await page.selectOption("#library", "bass");
    await waitForDone(page);
    await page.waitForSelector("svg[data-chart=circle-map] g.node[data-circle=market]");
    expect(await page.locator("svg[data-chart=circle-map] g.node").count()).toBe(1);
    expect(await page.locator("svg[data-chart=circle-map] line.link").count()).toBe(0);
    await expect(page.locator("[data-card=circle-map] .card-note").textContent()).resolves.toContain("single circle");
  });
});
