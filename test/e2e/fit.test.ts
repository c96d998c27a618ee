/**
 * The Fit tab in Chromium at 1024×768: the bakery example loads with its columns guessed as the
 * worked example's calibration file maps them; a small fit runs on the page's workers and its
 * posterior is the CLI's, byte for byte, for the downloaded calibration file, with one worker or two;
 * the forecast over the posterior is `compare --posterior`'s; a bad cell is named inline; a parameter
 * goes in by its path; Cancel stops a run. Screenshots: fit-01-posterior.png, fit-02-forecast.png, fit-03-bad-cell.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circlecast } from "./cli.ts";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE } from "./chromium.ts";

const EXAMPLES = new URL("../../docs/examples/", import.meta.url);
const CSV = readFileSync(new URL("bakery-campaign.csv", EXAMPLES), "utf8");
const EXAMPLE = JSON.parse(readFileSync(new URL("bakery-calibration.json", EXAMPLES), "utf8"));

describe.skipIf(!HAVE_CHROMIUM)(`viewer: the Fit tab${SKIP_NOTE}`, () => {
  const suite = appForSuite();
  const dir = mkdtempSync(join(tmpdir(), "circlecast-fit-"));

  it("loads the example, guesses its columns, fits on the page's workers with the CLI's posterior, and forecasts the plans as compare --posterior", async () => {
    const { page } = suite();
    await page.setViewportSize({ width: 1024, height: 768 });
    // The app bar stays put, so element screenshots do not catch it halfway down a card.
    await page.addStyleTag({ content: ".app-bar { position: static !important; }" });
    await page.click("#tab-fit");
    await page.click("[data-action=fit-example]");
    await page.waitForSelector("[data-fit-csv-status]:has-text('Read: 89 row(s)')");
    expect(await page.$$eval("[data-fit-preview] thead th", (ths) => ths.map((t) => t.textContent))).toEqual(["Date", "Channel", "Spend", "Impressions", "Reach", "Engagements", "Shares", "Followers", "Orders", "Revenue"]);
    expect(await page.locator("[data-fit-preview] tbody tr").count()).toBe(5);
    // No sideways scrolling at 1024 wide.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    await page.fill("[data-field=fit-particles]", "30");
    await page.fill("[data-field=fit-generations]", "2");
    await page.fill("[data-field=fit-max]", "400");
    await page.fill("[data-field=fit-predictive]", "20");
    await page.fill("[data-field=fit-workers]", "2");
    await page.check("[data-field=fit-screen]"); // abc.screen: the CLI must screen the same proposals
    const file = JSON.parse((await downloadText(page, "[data-action=download-calibration]")).text);
    expect(file.abc.screen).toEqual({ neighbours: 4, margin: 1.2 });
    // The guesses are the worked example's mapping (its start date is the earliest date, the default).
    const metrics = EXAMPLE.observed.metrics.map((m: Record<string, unknown>) => ({ values: "daily", fit: true, ...m }));
    expect(file.observed).toEqual({ ...EXAMPLE.observed, time: { column: "Date", kind: "date" }, metrics });
    expect(file.parameters).toEqual(EXAMPLE.parameters.map((p: { prior: Record<string, unknown> }) => (p.prior.kind === "beta" ? { ...p, prior: { ...p.prior, min: 0, max: 1 } } : p)));

    await page.click("[data-action=run-fit]");
    await page.waitForSelector("[data-fit-status=done]", { timeout: 120_000 });
    const seconds = Number(/in ([\d.]+) s/.exec((await page.locator("[data-fit-status]").textContent()) ?? "")?.[1]);
    const generations = await page.locator("table[data-table=fit-generations] tbody tr").count();
    expect(generations).toBe(3);
    expect(await page.locator("svg[data-chart=fit-marginals] [data-marginal=persuasion] path[data-generation]").count()).toBe(3);
    expect(await page.locator("svg[data-chart=fit-pairs] [data-pair]").count()).toBe(16);
    expect(await page.locator("svg[data-chart=fit-predictive] [data-predictive]").count()).toBe(8);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.locator("[data-section=fit] .card:nth-of-type(4)").screenshot({ path: shot("fit-01-posterior.png") });
    const posterior = (await downloadText(page, "[data-action=download-posterior]")).text;

    // The CLI runs the downloaded calibration file (next to the CSV) to the same bytes.
    writeFileSync(join(dir, "bakery-campaign.csv"), CSV);
    writeFileSync(join(dir, "fit.json"), JSON.stringify(file));
    await circlecast("calibrate", join(dir, "fit.json"), "--out", join(dir, "out"), "--workers", "1");
    expect(posterior).toBe(readFileSync(join(dir, "out", "posterior.csv"), "utf8"));

    // One worker gives the same posterior.
    await page.fill("[data-field=fit-workers]", "1");
    await page.click("[data-action=run-fit]");
    await page.waitForSelector("[data-fit-status=done]", { timeout: 120_000 });
    expect((await downloadText(page, "[data-action=download-posterior]")).text).toBe(posterior);

    // Every plan over the posterior: compare --posterior's numbers.
    await page.fill("[data-field=fit-draws]", "8");
    await page.fill("[data-field=fit-replicates]", "3");
    await page.click("[data-action=run-forecast]");
    await page.waitForSelector("[data-fit-forecast-status=done]", { timeout: 120_000 });
    await page.locator("[data-section=fit] .card:nth-of-type(5)").screenshot({ path: shot("fit-02-forecast.png") });
    const rows = await page.$$eval("table[data-table=fit-forecast] tbody tr", (trs) => trs.map((tr) => ({
      plan: tr.getAttribute("data-plan"), metric: tr.getAttribute("data-metric"),
      mean: Number(tr.querySelector("[data-mean]")!.getAttribute("data-mean")), share: Number(tr.querySelector("[data-share]")!.getAttribute("data-share")),
    })));
    await circlecast("compare", new URL("bakery-scenario.json", EXAMPLES).pathname, "--posterior", join(dir, "out"), "--draws", "8", "-r", "3", "--threads", "1", "--out", join(dir, "forecast.csv"));
    const cli = readFileSync(join(dir, "forecast.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    expect(rows.map((r) => [r.plan, r.metric])).toEqual(cli.map((c) => [c[0], c[1]]));
    rows.forEach((r, i) => {
      expect(r.mean).toBe(Number(cli[i][2]));
      expect(r.share).toBe(Number(cli[i][6]));
    });
    writeFileSync(new URL("../../test-artifacts/e2e-fit-timing.json", import.meta.url), JSON.stringify({ seconds, particles: 30, generations: 2, workers: 2 }) + "\n");
  });

  it("names a bad cell inline, by line, column and value", async () => {
    const { page } = suite();
    const lines = CSV.split("\n");
    lines[5] = lines[5].replace(/,(\d+),(\d+)(\r?)$/, ",lots,$2$3");
    await page.setInputFiles("[data-field=fit-csv]", { name: "campaign.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n")) });
    const issue = page.locator("[data-fit-csv-issues] li");
    await expect(issue.first().textContent()).resolves.toBe('campaign.csv, line 6, column "Orders": got "lots", expected a number ≥ 0 (plain digits, a point for decimals; empty or NA when missing)');
    expect(await issue.count()).toBe(1);
    await page.locator("[data-section=fit] .card:nth-of-type(2)").screenshot({ path: shot("fit-03-bad-cell.png") });
    await page.click("[data-action=run-fit]");
    await expect(page.locator("[data-fit-status]").getAttribute("data-fit-status")).resolves.toBe("invalid");
  });

  it("takes any parameter by its path, naming a path the scenario lacks; Cancel stops a run", async () => {
    const { page } = suite();
    await page.click("[data-action=fit-example]");
    await page.waitForSelector("[data-fit-csv-status]:has-text('Read: 89 row(s)')");
    await page.click("[data-action=fit-add-path]");
    await page.fill("[data-custom-path]", "circles.nobody.fatigueRate");
    await page.click("[data-action=run-fit]");
    await page.waitForSelector("[data-fit-status=invalid]");
    await expect(page.locator("[data-fit-issues] li[data-path='parameters[4].path']").textContent()).resolves.toContain("nobody");
    await page.fill("[data-custom-path]", "circles.students.fatigueRate");
    const file = JSON.parse((await downloadText(page, "[data-action=download-calibration]")).text);
    expect(file.parameters[4]).toEqual({ name: "circles.students.fatigueRate", path: "circles.students.fatigueRate", prior: { kind: "uniform", min: 0, max: 1 } });
    // A reach column can be one circle's (per-segment exports); orders cannot.
    expect(await page.locator("[data-fit-circle=Orders]").count()).toBe(0);
    await page.selectOption("[data-fit-circle=Reach]", "students");
    await page.waitForSelector("[data-fit-csv-status]:has-text('Read: 89 row(s)')");
    const perCircle = JSON.parse((await downloadText(page, "[data-action=download-calibration]")).text);
    expect(perCircle.observed.metrics.find((m: { column: string }) => m.column === "Reach")).toMatchObject({ metric: "reach", circle: "students" });
    await page.selectOption("[data-fit-circle=Reach]", "");
    await page.locator("[data-fit-param='circles.students.fatigueRate'] [data-use]").uncheck();
    await page.fill("[data-field=fit-particles]", "200");
    await page.fill("[data-field=fit-generations]", "6");
    await page.fill("[data-field=fit-max]", "20000");
    await page.click("[data-action=run-fit]");
    await page.waitForSelector("[data-fit-status=running]:has-text('Generation 0')");
    await page.click("[data-action=cancel-fit]");
    await page.waitForSelector("[data-fit-status=cancelled]", { timeout: 10_000 });
    expect(await page.locator("[data-action=run-fit]").isEnabled()).toBe(true);
    expect(await page.locator("[data-action=cancel-fit]").isEnabled()).toBe(false);
    // Nothing more arrives after Cancel.
    const text = await page.locator("[data-fit-status]").textContent();
    await page.waitForTimeout(1000);
    expect(await page.locator("[data-fit-status]").textContent()).toBe(text);
  });
});
