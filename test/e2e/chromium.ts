/**
 * Debian's Chromium driven by playwright-core, and what every end-to-end test needs: a page that
 * records console errors, waits for runs, and reads downloads.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";

export const CHROMIUM = "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** Describe-block suffix that says why the end-to-end tests did not run. */
export const SKIP_NOTE = HAVE_CHROMIUM ? "" : " [SKIPPED: /usr/bin/chromium not found; install it with `apt-get install -y chromium`]";

export const SHOTS = new URL("../../test-artifacts/screenshots/", import.meta.url);

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface AppPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

export async function openApp(browser: Browser, url: string, opts: { width?: number; height?: number } = {}): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1600, height: opts.height ?? 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("crash", () => errors.push("page crashed"));
  await page.goto(url);
  return { page, errors };
}

/** Wait until no run is in progress and the last one finished with results. */
export async function waitForDone(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector(".run-status[data-status=done]", { timeout });
}

/**
 * Do what starts a run (`start`: a click, a key) and wait until that run is done. It waits for the run
 * by its number (the status's data-run), not for a "running" status first: a run that starts and ends
 * between two looks at the page never shows one.
 */
export async function startAndWait(page: Page, start: () => Promise<unknown>, timeout = 90_000): Promise<void> {
  const before = Number(await page.getAttribute(".run-status", "data-run"));
  await start();
  await page.waitForSelector(`.run-status[data-run="${before + 1}"][data-status=done]`, { timeout });
}

/** Click an export control and return the downloaded file's name and text. */
export async function downloadText(page: Page, selector: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = await dl.path();
  const bytes = readFileSync(path);
  return { name: dl.suggestedFilename(), text: bytes.toString("utf8"), bytes };
}

export function shot(name: string): string {
  return new URL(name, SHOTS).pathname;
}

/**
 * One browser and page for a describe block, opened on the viewer before its tests (after its first
 * run unless `waitDone` is false) and closed after them; every test must leave no console error.
 */
export function appForSuite(opts: { waitDone?: boolean } = {}): () => AppPage {
  let browser: Browser | undefined;
  let app: AppPage;
  beforeAll(async () => {
    browser = await launch();
    app = await openApp(browser, inject("viewerUrl"));
    if (opts.waitDone ?? true) await waitForDone(app.page);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(app.errors).toEqual([]);
  });
  return () => app;
}
