/**
 * A comparison's replicates side by side in Chromium: under "auto" a run that is not split spreads its
 * replicates over one engine worker per core (at most one per replicate) and exports the same series
 * CSV, byte for byte, as the run on one worker and as the CLI; it draws its first replicates while the
 * others compute; Cancel stops every worker at once, and the next run starts fresh ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { cliSeriesCsv } from "./cli.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, startAndWait, waitForDone } from "./chromium.ts";

const library = (name: string) => JSON.parse(readFileSync(new URL(`../../scenarios/library/${name}.json`, import.meta.url), "utf8"));

async function load(page: Page, name: string, raw: unknown): Promise<void> {
  await page.setInputFiles("#scenario-file", { name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(raw)) });
  await page.waitForSelector(`.scenario-meta:has-text('file: ${name}')`);
}

describe.skipIf(!HAVE_CHROMIUM)(`viewer: a run's replicates on several workers${SKIP_NOTE}`, () => {
  const six = { ...library("three-stages"), name: "three-stages-six", replicates: 6 };
  let cliSeries: Promise<string>;
  beforeAll(() => {
    const file = join(mkdtempSync(join(tmpdir(), "circlecast-replicates-")), "three-stages-six.json");
    writeFileSync(file, JSON.stringify(six));
    cliSeries = cliSeriesCsv(file); // computed while the browser works
    cliSeries.catch(() => undefined);
  });
  const suite = appForSuite();

  it("spreads the replicates over one worker per core and exports what one worker and the CLI export", async () => {
    const { page } = suite();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const workers = Math.min(cores, 6, 8);
    await load(page, "three-stages-six.json", six);
    await waitForDone(page);
    const spread = (await page.locator(".run-text").textContent()) ?? "";
    if (workers > 1) expect(spread).toMatch(new RegExp(`^Computed in [\\d.]+ s on ${workers} workers · seed 2026 · 6 replicates`));
    else expect(spread).not.toContain("workers");
    await page.locator(".run-status").screenshot({ path: shot("replicates-01-spread.png") });
    const csv = await downloadText(page, "[data-export=series-csv]");
    expect(csv.text).toBe(await cliSeries);

    await page.selectOption("[data-setting=threads]", "1");
    await startAndWait(page, () => page.click("[data-action=rerun]"));
    const one = (await page.locator(".run-text").textContent()) ?? "";
    expect(one).toMatch(/^Computed in [\d.]+ s · seed 2026 · 6 replicates/);
    expect((await downloadText(page, "[data-export=series-csv]")).text).toBe(csv.text);
    await page.selectOption("[data-setting=threads]", "auto");
  });

  it("draws its first replicates while the rest compute, stops every worker on Cancel, and runs again", async () => {
    const { page } = suite();
    const long = { ...library("three-stages"), name: "three-stages-long", replicates: 400 };
    await load(page, "three-stages-long.json", long);
    // The first replicates are drawn as a preliminary result before the run ends (400 replicates take minutes).
    await page.waitForSelector("[data-partial]:not([hidden])", { timeout: 60_000 });
    await expect(page.locator(".run-status").getAttribute("data-status")).resolves.toBe("running");
    expect(await page.locator("[data-partial]").textContent()).toMatch(/^Preliminary: the first (1|2|4|8|16|32|64|128|256) of 400 replicates/);
    await page.click("[data-action=cancel]");
    await page.waitForSelector(".run-status[data-status=cancelled]");
    expect(await page.locator(".run-text").textContent()).toMatch(/^Cancelled — showing the previous results \(Three stages of social marketing, seed 2026, 6 replicates\)\.$/);
    // No worker goes on computing: the engine answers the next run at once with fresh ones.
    await startAndWait(page, () => load(page, "three-stages-six.json", six));
    expect(await page.locator(".run-text").textContent()).toContain("6 replicates");
    expect((await downloadText(page, "[data-export=series-csv]")).text).toBe(await cliSeries);
  });
});
