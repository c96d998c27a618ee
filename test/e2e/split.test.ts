/**
 * One run split across Web Workers in Chromium: with "Threads per run" at 2 the viewer splits each
 * social run over two part workers (the page is cross-origin isolated) and exports the same series
 * CSV, byte for byte, as with one thread and as the CLI; so does an Independent Cascade run; a model
 * that does not split runs on one thread and says why.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { cliSeriesCsv } from "./cli.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, startAndWait, waitForDone } from "./chromium.ts";

const FIXTURE = new URL("../fixtures/every-strategy.json", import.meta.url);

async function runWith(page: Page, threads: string): Promise<string> {
  await page.selectOption("[data-setting=threads]", threads);
  await startAndWait(page, () => page.click("[data-action=rerun]"));
  return (await page.locator(".run-text").textContent()) ?? "";
}

describe.skipIf(!HAVE_CHROMIUM)(`viewer: one run split across Web Workers${SKIP_NOTE}`, () => {
  let cliSeries: Promise<string>;
  let icSeries: Promise<string>;
  beforeAll(() => {
    // Computed while the browser works.
    cliSeries = cliSeriesCsv(FIXTURE.pathname);
    icSeries = cliSeriesCsv("library:ic");
    for (const p of [cliSeries, icSeries]) p.catch(() => undefined);
  });
  const suite = appForSuite();

  it("splits every social run over 2 workers and exports what one thread and the CLI export", async () => {
    const { page } = suite();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.setInputFiles("#scenario-file", { name: "every-strategy.json", mimeType: "application/json", buffer: readFileSync(FIXTURE) });
    await page.waitForSelector(".scenario-meta:has-text('file: every-strategy.json')");
    await waitForDone(page);

    const one = await runWith(page, "1");
    expect(one).not.toContain("threads per run");
    const single = await downloadText(page, "[data-export=series-csv]");

    const two = await runWith(page, "2");
    expect(two).toMatch(/^Computed in [\d.]+ s on 2 threads per run · seed 7 · 2 replicates/);
    expect(two).not.toContain("one thread per run");
    await page.locator(".run-status").screenshot({ path: shot("split-01-two-threads.png") });
    const split = await downloadText(page, "[data-export=series-csv]");
    expect(split.text).toBe(single.text);
    expect(split.text).toBe(await cliSeries);
  });

  it("splits an Independent Cascade run too; a model that does not split runs on one thread and says why", async () => {
    const { page } = suite();
    await page.selectOption("#library", "ic");
    await page.waitForSelector(".scenario-meta:has-text('built-in: ic')");
    await waitForDone(page);
    expect(await runWith(page, "2")).toMatch(/ on 2 threads per run · /);
    expect((await downloadText(page, "[data-export=series-csv]")).text).toBe(await icSeries);

    await page.selectOption("#library", "sir");
    await page.waitForSelector(".scenario-meta:has-text('built-in: sir')");
    await waitForDone(page);
    expect(await page.locator(".run-text").textContent()).toContain('one thread per run: only social and ic runs are split (model.kind is "sir")');
    await page.selectOption("[data-setting=threads]", "auto");
  });
});
