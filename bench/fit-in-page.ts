/**
 * The Fit tab's speed: builds the viewer, opens it in Debian's Chromium at 1024×768, loads the bakery
 * example and fits it with a budget, printing the page's own "Done" line and the load average before
 * and after. Pair it with the CLI on the same budget, alternating, on a quiet machine:
 *
 *   npx tsx bench/fit-in-page.ts 200,4,6000,100,2        # particles, generations, most simulations, predictive, workers
 *   npx circlecast calibrate docs/examples/bakery-calibration.json --out /tmp/fit --workers 2
 */
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build, preview } from "vite";

const [particles, generations, most, predictive, workers] = (process.argv[2] ?? "100,4,4000,60,2").split(",");
const outDir = join(tmpdir(), "circlecast-fit-bench");
await build({ configFile: "vite.config.ts", logLevel: "error", build: { outDir } });
const server = await preview({ configFile: "vite.config.ts", logLevel: "error", build: { outDir }, preview: { port: 0, host: "127.0.0.1" } });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  await page.goto(server.resolvedUrls!.local[0]);
  await page.click("#tab-fit");
  await page.click("[data-action=fit-example]");
  await page.waitForSelector("[data-fit-csv-status]:has-text('Read')");
  // The example's scenario runs once in the Compare tab: let it finish first.
  await page.waitForSelector(".run-status[data-status=done]", { timeout: 120_000 });
  for (const [field, value] of Object.entries({ particles, generations, max: most, predictive, workers })) await page.fill(`[data-field=fit-${field}]`, value);
  const before = loadavg()[0];
  await page.click("[data-action=run-fit]");
  await page.waitForSelector("[data-fit-status=done]", { timeout: 600_000 });
  process.stdout.write(`${await page.locator("[data-fit-status]").textContent()} (load average ${before.toFixed(2)} → ${loadavg()[0].toFixed(2)})\n`);
} finally {
  await browser.close();
  await server.close();
}
