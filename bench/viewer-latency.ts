/**
 * How fast the viewer answers in Chromium (what the end-to-end tests check happens, timed here rather
 * than asserted, since a test must not depend on the machine's load): the first chart and the full
 * comparison after the page opens; Cancel, from the click to the page saying "cancelled", for a long
 * comparison and for a run still building a large network; and the page's round trips (a call into
 * the page and back) while a 100,000-consumer comparison runs in the worker. Each measure is taken
 * `--rounds` times on a fresh page; the viewer is built once and served by `vite preview`.
 *
 *   npx tsx bench/viewer-latency.ts [--rounds 3] [--out bench/out/viewer-latency.md]
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview } from "vite";
import { arg, machineInfo, mdTable, median, ms } from "./util.ts";

const rounds = Number(arg("--rounds") ?? 3);
const out = arg("--out") ?? "bench/out/viewer-latency.md";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const library = (name: string) => JSON.parse(readFileSync(join(ROOT, `scenarios/library/${name}.json`), "utf8"));

const configFile = join(ROOT, "vite.config.ts");
const outDir = mkdtempSync(join(tmpdir(), "circlecast-viewer-"));
await build({ configFile, logLevel: "error", build: { outDir } });
const server = await preview({ configFile, logLevel: "error", build: { outDir }, preview: { port: 0, host: "127.0.0.1", strictPort: false } });
const url = server.resolvedUrls!.local[0];
const browser: Browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function fresh(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  return page;
}
const status = (page: Page) => page.locator(".run-status").getAttribute("data-status");
const load = (page: Page, name: string, scenario: unknown) =>
  page.setInputFiles("#scenario-file", { name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(scenario)) });

/** Opening the page: the first (preliminary) chart and the full comparison of the default scenario. */
async function opening(): Promise<{ first: number; full: number }> {
  const page = await fresh();
  const t = Date.now();
  await page.goto(url);
  await page.waitForSelector("svg[data-chart=reach] g.series", { timeout: 120_000 });
  const first = Date.now() - t;
  await page.waitForSelector(".run-status[data-status=done]", { timeout: 300_000 });
  const full = Date.now() - t;
  await page.context().close();
  return { first, full };
}

/** Click Cancel once `started` holds, and time until the page says the run was cancelled. */
async function cancelAfter(page: Page, started: () => Promise<unknown>): Promise<number> {
  await started();
  const t = Date.now();
  await page.click("[data-action=cancel]");
  await page.waitForSelector(".run-status[data-status=cancelled]", { timeout: 120_000 });
  return Date.now() - t;
}

async function cancels(): Promise<{ running: number; building: number }> {
  const page = await fresh();
  await page.goto(url);
  await page.waitForSelector(".run-status[data-status=done]", { timeout: 300_000 });
  const long = { ...library("three-stages"), name: "long", replicates: 400 };
  await load(page, "long.json", long);
  const running = await cancelAfter(page, () => page.waitForFunction(() => Number(document.querySelector(".progress")?.getAttribute("aria-valuenow")) >= 1, undefined, { timeout: 120_000 }));
  const huge = { ...library("crisis"), name: "huge", replicates: 1, population: { circles: [{ name: "everyone", size: 600_000 }] } };
  delete (huge as { plans?: unknown }).plans;
  await load(page, "huge.json", huge);
  const building = await cancelAfter(page, async () => {
    await page.waitForSelector(".run-status[data-status=running]");
    await page.waitForTimeout(200);
  });
  await page.context().close();
  return { running, building };
}

/** Round trips into the page (evaluate and back) every 100 ms while a 100,000-consumer comparison runs. */
async function roundTrips(): Promise<number[]> {
  const page = await fresh();
  await page.goto(url);
  await page.waitForSelector(".run-status[data-status=done]", { timeout: 300_000 });
  const big = library("three-stages");
  big.name = "three-stages-100k";
  big.replicates = 3;
  for (const c of big.population.circles) c.size *= 4;
  await load(page, "big.json", big);
  await page.waitForSelector(".run-status[data-status=running]");
  const times: number[] = [];
  while ((await status(page)) === "running") {
    const t = performance.now();
    await page.evaluate(() => document.querySelector(".progress")?.getAttribute("aria-valuenow"));
    times.push(performance.now() - t);
    await page.waitForTimeout(100);
  }
  await page.context().close();
  return times;
}

const open: { first: number; full: number }[] = [];
const cancel: { running: number; building: number }[] = [];
const trips: number[] = [];
try {
  for (let r = 0; r < rounds; r++) {
    open.push(await opening());
    cancel.push(await cancels());
    trips.push(...(await roundTrips()));
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

const sorted = trips.slice().sort((a, b) => a - b);
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const row = (what: string, xs: number[]) => [what, ms(median(xs)), ms(Math.min(...xs)), ms(Math.max(...xs)), String(xs.length)];
const info = machineInfo();
const md = [
  "# Viewer latency in Chromium",
  "",
  `${info.cpu}, ${info.cores} cores, Node ${info.node}, Debian's Chromium (headless); load ${info.loadAverage.map((l) => l.toFixed(1)).join(" ")} at start. \`npx tsx bench/viewer-latency.ts ${process.argv.slice(2).join(" ")}\``,
  "Wall-clock times from the test driver (playwright-core), so they include its own round trip to the page (a few ms).",
  "",
  mdTable(
    ["measure", "median", "min", "max", "samples"],
    [
      row("first chart after the page opens (three-stages, preliminary)", open.map((o) => o.first)),
      row("full comparison after the page opens", open.map((o) => o.full)),
      row("Cancel → 'cancelled', 400-replicate comparison running", cancel.map((c) => c.running)),
      row("Cancel → 'cancelled', 600,000-consumer network being built", cancel.map((c) => c.building)),
      row("round trip into the page during a 100,000-consumer comparison", trips),
    ],
    ["l", "r", "r", "r", "r"],
  ),
  "",
  `Round trips: p50 ${ms(q(0.5))}, p90 ${ms(q(0.9))}, p99 ${ms(q(0.99))}, max ${ms(sorted[sorted.length - 1])} (${trips.length} calls).`,
  "",
].join("\n");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md);
process.stdout.write(md);
