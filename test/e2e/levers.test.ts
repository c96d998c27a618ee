/**
 * Live levers in Chromium: the default comparison's main numbers as sliders; moving one reruns the
 * comparison at once, with a preliminary preview from its first replicates, then the full result; the
 * form and the URL follow, and the result is the CLI's for the edited scenario. Screenshot:
 * levers-01-preview.png.
 */
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circlecast } from "./cli.ts";
import { appForSuite, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";

describe.skipIf(!HAVE_CHROMIUM)(`viewer: live levers${SKIP_NOTE}`, () => {
  const suite = appForSuite();

  it("offers the scenario's main numbers as sliders at their values, and a slider reruns the comparison with a preview first", async () => {
    const { page } = suite();
    const levers = await page.$$eval("[data-lever]", (ls) => ls.map((l) => [l.getAttribute("data-lever"), Number((l as HTMLInputElement).value)]));
    expect(levers).toEqual([
      ["plans[0].budget", 6000], ["plans[1].budget", 6000], ["plans[2].budget", 6000],
      ["population.circles[0].productAffinity", 0.5], ["population.circles[1].productAffinity", 0.9],
      ["population.circles[2].productAffinity", 0.4], ["population.circles[3].productAffinity", 0.2],
      ["dynamics.persuasion", 1],
    ]);
    await page.locator('[data-lever="dynamics.persuasion"]').fill("0.5");
    // The rerun shows its first replicates as a preliminary preview, then the full 20.
    await page.waitForSelector("[data-partial]:not([hidden])", { timeout: 60_000 });
    await page.screenshot({ path: shot("levers-01-preview.png") });
    await waitForDone(page);
    await expect(page.locator("h1.scenario-title").textContent()).resolves.toBe("Three stages of social marketing (edited)");
    await expect(page.locator('[data-lever="dynamics.persuasion"]').inputValue()).resolves.toBe("0.5");
    await expect(page.locator('[data-lever="dynamics.persuasion"]').getAttribute("max")).resolves.toBe("2.5"); // its range stays put

    // The numbers on screen are the CLI's for the same edit.
    const dir = mkdtempSync(join(tmpdir(), "circlecast-levers-"));
    const s = JSON.parse(readFileSync(new URL("../../scenarios/library/three-stages.json", import.meta.url), "utf8"));
    delete s.$schema;
    s.dynamics = { ...(s.dynamics ?? {}), persuasion: 0.5 };
    writeFileSync(join(dir, "edited.json"), JSON.stringify(s));
    const csv = await circlecast("compare", join(dir, "edited.json"), "--format", "csv");
    const head = csv.split("\n")[0].split(",");
    const rows = csv.trim().split("\n").slice(1).map((l) => l.split(","));
    const cliCustomers = Object.fromEntries(rows.map((r) => [r[head.indexOf("plan")], Number(r[head.indexOf("customers_mean")])]));
    const shown = Object.fromEntries(await page.$$eval("table[data-table=final-values] tr[data-metric=customers] td", (tds) => tds.map((td, k) => [k, Number(td.getAttribute("data-mean"))])));
    expect(Object.values(shown)).toEqual(["repost-buying", "creative-content", "fan-management"].map((p) => cliCustomers[p]));
  });
});
