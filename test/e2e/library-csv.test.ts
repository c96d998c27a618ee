/**
 * "Series CSV" in the viewer for every library scenario, byte for byte what `circlecast run --out
 * series.csv` writes for the same scenario (two replicates, to keep it quick): every plan's metrics,
 * plans whose metrics differ included (community groups' activity).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { libraryNames } from "../../engine/node/load.ts";
import { encodeScenarioHash } from "../../viz/url.ts";
import { runCli } from "../run-cli.ts";
import { downloadText, HAVE_CHROMIUM, launch, openApp, SKIP_NOTE, waitForDone, type AppPage } from "./chromium.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-library-csv-"));

describe.skipIf(!HAVE_CHROMIUM)(`viewer: Series CSV of every library scenario equals the CLI's${SKIP_NOTE}`, () => {
  let browser: Browser;
  let app: AppPage;
  beforeAll(async () => {
    browser = await launch();
    // One page for all: opened on a tiny scenario, then each library scenario is loaded as a file.
    app = await openApp(browser, inject("viewerUrl") + (await encodeScenarioHash({ name: "tiny", horizon: 5, replicates: 1, population: { circles: [{ name: "a", size: 200 }] } })));
    await waitForDone(app.page);
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(app.errors).toEqual([]);
  });

  for (const name of libraryNames())
    it(`library:${name}`, async () => {
      const raw = { ...JSON.parse(readFileSync(join(LIBRARY_DIR, `${name}.json`), "utf8")), replicates: 2 };
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(raw));
      // The CLI in-process: the same command as `circlecast run <file> --out series.csv`.
      const r = await runCli("run", file, "--out", `${file}.csv`);
      expect(r.code, r.err).toBe(0);
      const { page } = app;
      await page.setInputFiles("#scenario-file", { name: `${name}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(raw)) });
      await page.waitForSelector(`.scenario-meta:has-text('file: ${name}.json')`);
      await waitForDone(page);
      const csv = await downloadText(page, "[data-export=series-csv]");
      expect(csv.text).toBe(readFileSync(`${file}.csv`, "utf8"));
    });
});
