/**
 * The viewer under bad input: a damaged link's error stays until dismissed (the fallback run does
 * not clear it), a scenario too large for a link is saved as a file instead, and a scenario that
 * would run for years is refused before a worker starts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { encodeScenarioHash } from "../../viz/url.ts";
import { HAVE_CHROMIUM, launch, openApp, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";

/** A page opened on a tiny scenario rather than the default comparison: its first run is over at once. */
const tiny = () => encodeScenarioHash({ name: "tiny", horizon: 5, replicates: 1, population: { circles: [{ name: "a", size: 200 }] } });

/** A valid scenario whose share link is over 2 MiB: many contents with incompressible ids. */
function tooLargeForALink(): unknown {
  let x = 12345; // xorshift32: fixed, incompressible text
  const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x >>> 26);
  const id = () => Array.from({ length: 48 }, () => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"[next()]).join("");
  return {
    name: "many-contents", horizon: 5, replicates: 1,
    population: { circles: [{ name: "a", size: 200 }] },
    contents: Array.from({ length: 45_000 }, () => ({ id: id() })),
  };
}

describe.skipIf(!HAVE_CHROMIUM)(`viewer: bad input${SKIP_NOTE}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a damaged link's error stays after the fallback scenario has run, until dismissed", async () => {
    const app = await openApp(browser, `${inject("viewerUrl")}#s=not-a-scenario`);
    const { page } = app;
    await page.waitForSelector("[data-panel=issues]:not([hidden])");
    await waitForDone(page);
    await page.waitForTimeout(500); // any late state change would have happened by now
    await expect(page.locator("[data-panel=issues] h2").textContent()).resolves.toMatch(/^The shared link holds an invalid scenario: 1 problem/);
    await page.screenshot({ path: shot("30-damaged-link-stays.png") });
    await page.click("[data-panel=issues] button.dismiss");
    await expect(page.locator("[data-panel=issues]").isHidden()).resolves.toBe(true);
    expect(app.errors).toEqual([]);
    await page.context().close();
  });

  it("a scenario too large for a link is saved as a file, with a message saying why", async () => {
    const app = await openApp(browser, inject("viewerUrl") + (await tiny()));
    const { page } = app;
    await waitForDone(page);
    await page.setInputFiles("#scenario-file", { name: "many.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tooLargeForALink())) });
    await page.waitForSelector(".scenario-meta:has-text('file: many.json')");
    await waitForDone(page);
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-action=share]")]);
    expect(dl.suggestedFilename()).toBe("many-contents-seed1.json");
    await expect(page.locator(".toolbar .copied").textContent()).resolves.toMatch(/^This scenario is too large for a link \([\d.]+ MiB; browsers open at most 2 MiB\)/);
    await expect(page.locator("input[data-share-url]").isHidden()).resolves.toBe(true);
    await page.screenshot({ path: shot("31-share-too-large.png"), clip: { x: 0, y: 0, width: 1600, height: 160 } });
    expect(page.url()).not.toContain("#s=");
    expect(app.errors).toEqual([]);
    await page.context().close();
  });

  it("a scenario estimated at years of work is refused before it runs, with the estimate", async () => {
    const app = await openApp(browser, inject("viewerUrl") + (await tiny()));
    const { page } = app;
    await waitForDone(page);
    const huge = { name: "huge", horizon: 100_000, replicates: 100_000, population: { circles: [{ name: "a", size: 1_000_000 }] } };
    await page.setInputFiles("#scenario-file", { name: "huge.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(huge)) });
    await page.waitForSelector("[data-panel=issues]:not([hidden])");
    await expect(page.locator("[data-panel=issues] li[data-path='--max-work']").textContent()).resolves.toContain("CPU-years");
    await expect(page.locator(".run-status").getAttribute("data-status")).resolves.toBe("done");
    expect(app.errors).toEqual([]);
    await page.context().close();
  });
});
