/**
 * "Series CSV" in the viewer for every library scenario, byte for byte what `circlecast run --out
 * series.csv` writes for the same scenario (two replicates, to keep it quick): every plan's metrics,
 * plans whose metrics differ included (community groups' activity).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { LIBRARY_DIR } from "../../engine/node/package-info.ts";
import { libraryNames } from "../../engine/node/load.ts";
import { encodeScenarioHash } from "../../viz/url.ts";
import { runCli } from "../run-cli.ts";
import { downloadText, HAVE_CHROMIUM, launch, openApp, SKIP_NOTE, waitForDone } from "./chromium.ts";

const dir = mkdtempSync(join(tmpdir(), "circlecast-library-csv-"));

describe.skipIf(!HAVE_CHROMIUM)(`viewer: Series CSV of every library scenario equals the CLI's${SKIP_NOTE}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const name of libraryNames())
    it(`library:${name}`, async () => {
      const raw = { ...JSON.parse(readFileSync(join(LIBRARY_DIR, `${name}.json`), "utf8")), replicates: 2 };
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(raw));
      // The CLI in-process: the same command as `circlecast run <file> --out series.csv`.
      const r = await runCli("run", file, "--out", `${file}.csv`);
      expect(r.code, r.err).toBe(0);
      const app = await openApp(browser, inject("viewerUrl") + (await encodeScenarioHash(raw)));
      try {
        await waitForDone(app.page);
        const csv = await downloadText(app.page, "[data-export=series-csv]");
        expect(csv.text).toBe(readFileSync(`${file}.csv`, "utf8"));
        expect(app.errors).toEqual([]);
      } finally {
        await app.page.context().close();
      }
    });
});
