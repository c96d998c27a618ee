/**
 * Trainer mode in Chromium: the three-stages scenario scaled down to 2,500 consumers, drawn dot by dot;
 * it plays, pauses and steps (buttons and keys), its counters equal the engine's trace of the same run,
 * the scenario's story is beside it, and classic models animate their own states. Screenshots go to
 * test-artifacts/screenshots/trainer-*.png.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { traceRun } from "../../engine/experiment/trace.ts";
import { loadScenario } from "../../scenarios/parse.ts";
import { counters, replay, trainerScenario, type Replay } from "../../viz/views/trainer/data.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";
import { snap } from "./snap.ts";

const library = (name: string) => JSON.parse(readFileSync(new URL(`../../scenarios/library/${name}.json`, import.meta.url), "utf8"));

/** The engine's trace of what the page shows: the scaled copy of a library scenario, one plan. */
function expectedReplay(name: string, plan = 0): Replay {
  const scaled = trainerScenario(loadScenario(library(name)));
  if (!scaled.ok) throw new Error(scaled.message);
  return replay(traceRun(loadScenario(scaled.raw), { plan }));
}

const tickOf = async (page: Page) => Number(await page.locator(".trainer").getAttribute("data-tick"));

/** The counters on screen, by key. */
const shown = (page: Page) =>
  page.$$eval(".trainer [data-counter]", (els) => Object.fromEntries(els.map((e) => [e.getAttribute("data-counter"), Number(e.getAttribute("data-value"))])));

const want = (r: Replay, t: number) => Object.fromEntries(counters(r, t).map((c) => [c.key, c.value]));

describe.skipIf(!HAVE_CHROMIUM)(`viewer: trainer mode${SKIP_NOTE}`, () => {
  let reposts: Replay;
  const suite = appForSuite({ waitDone: false });
  beforeAll(async () => {
    reposts = expectedReplay("three-stages", 0); // while the page computes
    await waitForDone(suite().page);
  });

  it("draws the scaled-down scenario with its story and says it is scaled", async () => {
    const { page } = suite();
    await page.click("#tab-trainer");
    await page.waitForSelector(".trainer:not([hidden])[data-plan=repost-buying]");
    await expect(page.locator(".trainer").getAttribute("data-consumers")).resolves.toBe("2500");
    await expect(page.locator(".scaled-note").textContent()).resolves.toContain("25,000 consumers → 2,500");
    const three = library("three-stages");
    await expect(page.locator(".trainer-title").textContent()).resolves.toBe(three.title);
    await expect(page.locator(".trainer-story-text").textContent()).resolves.toBe(three.story);
    await expect(page.locator(".trainer-plan").textContent()).resolves.toBe(`Plan: repost-buying — ${three.plans[0].description}`);
    expect(await tickOf(page)).toBe(0);
    expect(await shown(page)).toEqual(want(reposts, 0));
    const box = (await page.locator("canvas.trainer-canvas").boundingBox())!;
    expect(box.width).toBeGreaterThan(600);
    expect(box.height).toBeGreaterThan(380);
  });

  it("steps forward and back with buttons and keys, with counters equal to the trace", async () => {
    const { page } = suite();
    for (let k = 0; k < 8; k++) await page.click(".trainer [data-action=step]");
    expect(await tickOf(page)).toBe(8);
    expect(await shown(page)).toEqual(want(reposts, 8));
    await page.locator("canvas.trainer-canvas").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    expect(await tickOf(page)).toBe(9);
    expect(await shown(page)).toEqual(want(reposts, 9));
    await expect(page.locator(".trainer .day-label").textContent()).resolves.toBe("Day 9 of 240");
    expect((await shown(page)).reach).toBeGreaterThan(100);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await snap(page, ".trainer", "trainer-01-three-stages-reposts-day9.png");
  });

  it("plays and pauses (button and Space), and the counters follow", async () => {
    const { page } = suite();
    await page.selectOption("select[data-control=speed]", "40");
    await page.click(".trainer [data-action=play]");
    await expect(page.locator(".trainer [data-action=play]").getAttribute("aria-pressed")).resolves.toBe("true");
    await page.waitForFunction(() => Number(document.querySelector(".trainer")?.getAttribute("data-tick")) >= 40);
    await page.click(".trainer [data-action=play]");
    const stopped = await tickOf(page);
    await page.waitForTimeout(300);
    expect(await tickOf(page)).toBe(stopped);
    expect(await shown(page)).toEqual(want(reposts, stopped));
    await page.locator("canvas.trainer-canvas").focus();
    await page.keyboard.press(" ");
    await page.waitForFunction((t) => Number(document.querySelector(".trainer")?.getAttribute("data-tick")) >= t + 10, stopped);
    await page.keyboard.press(" ");
    const again = await tickOf(page);
    await page.waitForTimeout(200);
    expect(await tickOf(page)).toBe(again);
    expect(await shown(page)).toEqual(want(reposts, again));
  });

  it("traces another plan and jumps to its end; exports the trace", async () => {
    const { page } = suite();
    await page.selectOption(".trainer select[data-control=plan]", { label: "fan-management" });
    await page.waitForSelector(".trainer[data-plan=fan-management]");
    const fans = expectedReplay("three-stages", 2);
    await page.locator("input[data-control=tick] >> visible=true").fill("120");
    expect(await tickOf(page)).toBe(120);
    expect(await shown(page)).toEqual(want(fans, 120));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await snap(page, ".trainer", "trainer-02-three-stages-fans-day120.png");
    await page.locator("canvas.trainer-canvas").focus();
    await page.keyboard.press("End");
    expect(await tickOf(page)).toBe(240);
    const end = await shown(page);
    expect(end).toEqual(want(fans, 240));
    expect(end.customers).toBe(fans.trace.series.customers[240]);
    expect(end.customers).toBeGreaterThan(0);
    const csv = await downloadText(page, ".trainer [data-export=csv]");
    expect(csv.name).toBe("three-stages-seed2026-fan-management-trainer.csv");
    expect(csv.text.trim().split("\n")).toHaveLength(1 + 2500);
    const png = await downloadText(page, ".trainer [data-export=png]");
    expect(png.bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("races every plan on the same world against one clock: lanes equal each plan's trace, paid actions marked, a prediction revealed", async () => {
    const { page } = suite();
    await page.check(".trainer input[type=radio][value=race]");
    await page.waitForSelector(".trainer[data-mode=race]:not([hidden])");
    const plans = ["repost-buying", "creative-content", "fan-management"];
    expect(await page.$$eval(".race-lane", (ls) => ls.map((l) => l.getAttribute("data-lane")))).toEqual(plans);
    const traces = plans.map((_, k) => expectedReplay("three-stages", k));
    // Paid actions on the timeline: the ticks each plan's spend rises, from the engine's own trace.
    for (const [k, plan] of plans.entries()) {
      const spend = traces[k].trace.series.spend;
      const paid = Array.from(spend.keys()).filter((t) => spend[t] > (t > 0 ? spend[t - 1] : 0));
      expect(await page.$$eval(`.race-marker-row[data-plan=${plan}] i`, (is) => is.map((i) => Number(i.getAttribute("data-tick"))))).toEqual(paid);
    }
    await expect(page.locator(".race-predict").getAttribute("data-predict")).resolves.toBe("ask");
    await page.click("[data-pick=repost-buying]");
    await page.locator(".trainer input[data-control=tick]").fill("100");
    expect(await tickOf(page)).toBe(100);
    const lane = (plan: string, key: string) => page.getAttribute(`[data-lane-counter="${plan}:${key}"]`, "data-value").then(Number);
    for (const [k, plan] of plans.entries()) {
      expect(await lane(plan, "customers")).toBe(traces[k].customers[100]);
      expect(await lane(plan, "reached")).toBe(traces[k].ever[1][100]);
    }
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await snap(page, ".trainer", "trainer-05-race-day100.png");
    // The end reveals who won, against the engine's counts, and says whether the pick was right.
    await page.locator(".race-canvas").first().focus();
    await page.keyboard.press("End");
    const final = traces.map((r, k) => ({ plan: plans[k], customers: r.customers[240] })).sort((a, b) => b.customers - a.customers);
    expect(final[0].customers).toBeGreaterThan(final[1].customers);
    const verdict = await page.locator(".race-predict").textContent();
    expect(verdict).toContain(`${final[0].plan} won with ${final[0].customers} customers`);
    await expect(page.locator(".race-predict").getAttribute("data-predict")).resolves.toBe(final[0].plan === "repost-buying" ? "right" : "wrong");
    const csv = await downloadText(page, ".trainer [data-export=csv]");
    expect(csv.name).toBe("three-stages-seed2026-race-trainer.csv");
    expect(csv.text.trim().split("\n")).toHaveLength(1 + 241 * 3);
    // Full screen on a 1024×768 projector: controls and all three lanes on screen at once.
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await page.click(".trainer [data-action=fullscreen]");
      await page.waitForSelector(".trainer[data-fullscreen=true]");
      await page.waitForTimeout(300);
      const boxes = await page.$$eval(".race-canvas, .trainer [data-action=play]", (els) => els.map((e) => e.getBoundingClientRect().bottom));
      expect(Math.max(...boxes)).toBeLessThanOrEqual(768);
      await page.screenshot({ path: shot("trainer-06-race-fullscreen-1024x768.png") });
      await page.keyboard.press("f");
      await page.waitForSelector(".trainer[data-fullscreen=false]");
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
    await page.check(".trainer input[type=radio][value=one]");
    await page.waitForSelector(".trainer[data-mode=one]:not([hidden])");
  });

  it("shows a library scenario's story, and animates a classic model's states", async () => {
    const { page } = suite();
    await page.selectOption("#library", "mothers-threshold");
    const mothers = library("mothers-threshold");
    await page.waitForSelector(`.trainer-title:text-is("${mothers.title}")`);
    await page.waitForSelector(".trainer:not([hidden])[data-consumers='2500']");
    await expect(page.locator(".trainer-story-text").textContent()).resolves.toBe(mothers.story);
    await page.locator("canvas.trainer-canvas").focus();
    await page.keyboard.press("End");
    expect(await shown(page)).toEqual(want(expectedReplay("mothers-threshold", 0), mothers.horizon));
    await page.locator(".tabs").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
    await page.screenshot({ path: shot("trainer-03-mothers-threshold.png") });

    await page.selectOption("#library", "sir");
    await page.waitForSelector(`.trainer-title:text-is("${library("sir").title}")`);
    await page.waitForSelector(".trainer:not([hidden]) [data-counter='state:recovered']");
    const sir = expectedReplay("sir", 0);
    await page.locator("input[data-control=tick] >> visible=true").fill("30");
    const got = await shown(page);
    expect(got).toEqual(want(sir, 30));
    expect(got["state:infected"]).toBe(sir.trace.series.infected[30]);
    expect(got["state:infected"]).toBeGreaterThan(0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await snap(page, ".trainer", "trainer-04-sir-day30.png");
    await waitForDone(page);
  });
});
