/**
 * The Optimise tab in Chromium, on the small-business library scenario: pick levers and run the search
 * on the page's workers; every plan evaluated is a point of the frontier chart; the winner and the
 * paired verdict are the CLI's for the downloaded optimisation file (same search, same numbers);
 * clicking a plan shows its values; the best plan loads into Compare next to the plans as written.
 * Screenshot: optimise-01-small-business.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circlecast } from "./cli.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";

describe.skipIf(!HAVE_CHROMIUM)(`viewer: the Optimise tab${SKIP_NOTE}`, () => {
  const suite = appForSuite();

  it("searches a plan's levers on the page's workers with the CLI's numbers, draws the plans, and loads the winner into Compare", async () => {
    const { page } = suite();
    await page.selectOption("#library", "small-business");
    await page.waitForSelector("h1.scenario-title:has-text('Small-business')");
    await waitForDone(page);
    await page.click("#tab-optimise");
    await page.waitForSelector("tr[data-opt-lever]");
    await page.fill("[data-field=opt-evaluations]", "12");
    await page.fill("[data-field=opt-replicates]", "2");
    await page.fill("[data-field=opt-confirm]", "4");
    const file = await downloadText(page, "[data-action=download-optimise]");
    const spec = JSON.parse(file.text);
    expect(spec.variables.map((v: { path: string }) => v.path)).toEqual([
      "plans.authentic.strategies.own account.pieces", "plans.authentic.strategies.own account.start", "plans.authentic.strategies.own account.every"]);

    await page.click("[data-action=run-optimise]");
    await page.waitForSelector("[data-opt-status=done]", { timeout: 120_000 });
    const points = await page.$$eval("svg[data-chart=frontier] circle.point", (cs) => cs.map((c) => ({ id: Number(c.getAttribute("data-plan-id")), role: c.getAttribute("data-role") })));
    expect(points.filter((p) => p.role === "best")).toHaveLength(1);
    await page.locator("[data-section=optimise]").screenshot({ path: shot("optimise-01-small-business.png") });

    // The CLI runs the downloaded file to the same winner, objective and verdict.
    const dir = mkdtempSync(join(tmpdir(), "circlecast-optimise-"));
    writeFileSync(join(dir, "opt.json"), file.text);
    await circlecast("optimize", join(dir, "opt.json"), "--out", join(dir, "out"), "--workers", "1");
    const cli = JSON.parse(readFileSync(join(dir, "out", "result.json"), "utf8"));
    // Every plan the search scored is a point (plans over the budget have no metrics: not drawn).
    expect(points.length).toBe(cli.evaluated - cli.infeasible);
    const best = points.find((p) => p.role === "best")!;
    expect(best.id).toBe(cli.best.plan);
    const headline = await page.locator("[data-opt-verdict] .verdict-headline").textContent();
    expect(headline).toContain(`Best plan: ${Number(cli.best.objective.toFixed(2))} (conversions)`);

    // A plan's values on click; the winner into Compare as "<plan>-optimised".
    await page.click(`svg[data-chart=frontier] circle.point[data-plan-id="${best.id}"]`);
    const values = await page.$$eval("table[data-table=opt-plan] td[data-value]", (tds) => tds.map((td) => Number(td.getAttribute("data-value"))));
    expect(values).toEqual(Object.values(cli.best.values));
    await page.click("[data-action=load-best]");
    await waitForDone(page);
    expect(await page.$$eval("table[data-table=final-values] thead th", (ths) => ths.map((t) => t.textContent?.trim()))).toEqual(["Metric", "authentic", "reposts", "authentic-optimised"]);
  });
});
