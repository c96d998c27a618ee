/**
 * The scenario builder in Chromium: a form generated from the scenario's JSON Schema. Add, rename and
 * remove a circle; add a plan and give it a strategy picked by kind, with its schedule on a timeline;
 * a bad value is reported under its field and blocks Apply; Apply runs the edited scenario, and the
 * downloaded file is what ran. Screenshots: builder-01-circles.png, builder-02-plan.png.
 */
import { describe, expect, it } from "vitest";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";
import { snap } from "./snap.ts";

describe.skipIf(!HAVE_CHROMIUM)(`viewer: scenario builder${SKIP_NOTE}`, () => {
  const suite = appForSuite();

  it("is generated from the schema: every circle field with its documentation, bounds and default", async () => {
    const { page } = suite();
    await page.click("#tab-builder");
    await page.waitForSelector("[data-builder-section=population]");
    await page.click("[data-item='population.circles[1]'] > summary");
    const affinity = page.locator("[data-field-path='population.circles[1].productAffinity']");
    await expect(affinity.locator("input").inputValue()).resolves.toBe("0.9");
    await expect(affinity.locator(".hint").textContent()).resolves.toBe("How relevant the product is to this circle: scales the conversion rate. · 0 … 1, default 0.5");
    // A field left to its default shows the default (here from the enclosing object's default).
    await expect(page.locator("[data-build-path='population.circles[1].trust.alpha']").getAttribute("placeholder")).resolves.toBe("5");
  });

  it("adds, renames and removes circles; a bad value is shown under its field and blocks Apply", async () => {
    const { page } = suite();
    await page.click("[data-list-add='population.circles']");
    await page.waitForSelector("[data-item='population.circles[4]']");
    await page.fill("[data-build-path='population.circles[4].name']", "retirees");
    await page.fill("[data-build-path='population.circles[4].size']", "0");
    await expect(page.locator("[data-build-error-for='population.circles[4].size']").textContent()).resolves.toMatch(/got 0, expected/);
    await expect(page.locator("[data-action=builder-apply]").isDisabled()).resolves.toBe(true);
    await page.fill("[data-build-path='population.circles[4].size']", "3000");
    await page.fill("[data-build-path='population.circles[4].productAffinity']", "0.3");
    await expect(page.locator("[data-build-error-for='population.circles[4].size']").textContent()).resolves.toBe("");
    await expect(page.locator("[data-builder-status]").getAttribute("data-builder-status")).resolves.toBe("ok");
    await page.click("[data-item='population.circles[3]'] > summary [data-action=remove]"); // gamers
    await expect(page.locator("[data-list='population.circles'] > details").count()).resolves.toBe(4);
    await snap(page, "[data-builder-section=population]", "builder-01-circles.png");
  });

  it("adds a plan with a strategy picked by kind, its schedule on a timeline, then applies and runs it", async () => {
    const { page } = suite();
    await page.click("[data-list-add='plans']");
    await page.waitForSelector("[data-item='plans[3]']");
    await page.fill("[data-build-path='plans[3].name']", "seeding");
    await page.selectOption("[data-list-kind='plans[3].strategies']", { label: "kolSeeding" });
    await page.click("[data-list-add='plans[3].strategies']");
    await page.waitForSelector("[data-item='plans[3].strategies[0]']");
    // A repeating schedule: its ticks are drawn over the horizon.
    await page.selectOption("[data-build-path='plans[3].strategies[0].at'][data-choice]", { label: "repeating" });
    await page.fill("[data-build-path='plans[3].strategies[0].at.start']", "10");
    await page.fill("[data-build-path='plans[3].strategies[0].at.every']", "30");
    await page.fill("[data-build-path='plans[3].strategies[0].at.count']", "5");
    expect(await page.$$eval("[data-field-path='plans[3].strategies[0].at'] .sf-timeline .sf-mark", (ms) => ms.map((m) => Number(m.getAttribute("data-tick"))))).toEqual([10, 40, 70, 100, 130]);
    // What only the engine checks comes back under the field: the budget is below the strategy's planned cost.
    await page.fill("[data-build-path='plans[3].budget']", "3000");
    await expect(page.locator("[data-builder-status]").getAttribute("data-builder-status")).resolves.toBe("ok");
    await page.click("[data-action=builder-apply]");
    await page.waitForSelector("[data-build-error-for='plans[3].budget']:has-text('planned cost')");
    await expect(page.locator("[data-build-error-for='plans[3].budget']").textContent()).resolves.toBe("got 3000, expected at least the planned cost 6000 of the plan's strategies");
    await page.fill("[data-build-path='plans[3].budget']", "8000");
    await expect(page.locator("[data-builder-status]").getAttribute("data-builder-status")).resolves.toBe("ok");
    await snap(page, "[data-item='plans[3]']", "builder-02-plan.png");
    const file = await downloadText(page, "[data-action=builder-download]");
    const saved = JSON.parse(file.text);
    expect(saved.population.circles.map((c: { name: string }) => c.name)).toEqual(["office-workers", "young-mothers", "students", "retirees"]);
    expect(saved.plans[3]).toMatchObject({ name: "seeding", budget: 8000, strategies: [{ type: "kolSeeding", at: { start: 10, every: 30, count: 5 } }] });

    await page.click("[data-action=builder-apply]");
    await waitForDone(page);
    await expect(page.locator("h1.scenario-title").textContent()).resolves.toBe("Three stages of social marketing (edited)");
    await expect(page.locator(".scenario-meta").textContent()).resolves.toMatch(/4 plans · 4 circles · 23,000 consumers/);
    await page.click("#tab-compare");
    expect(await page.$$eval("table[data-table=final-values] thead th", (ths) => ths.map((t) => t.textContent?.trim()))).toEqual(["Metric", "repost-buying", "creative-content", "fan-management", "seeding"]);
  });
});
