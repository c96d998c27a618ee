/**
 * The viewer with a scenario written in Chinese and priced in yuan (test/fixtures/bakery-cn.json): the
 * verdict, legends and tables carry the Chinese names, money is labelled with the scenario's currency
 * on the tables and axes, and the exported CSV keeps the names. Screenshot: i18n-01-bakery-cn.png.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appForSuite, downloadText, HAVE_CHROMIUM, shot, SKIP_NOTE, waitForDone } from "./chromium.ts";

const bakery = readFileSync(new URL("../fixtures/bakery-cn.json", import.meta.url));

describe.skipIf(!HAVE_CHROMIUM)(`viewer: a scenario in Chinese, priced in CNY${SKIP_NOTE}`, () => {
  const suite = appForSuite();

  it("shows the Chinese names and the currency everywhere money is", async () => {
    const { page } = suite();
    await page.setInputFiles("#scenario-file", { name: "bakery-cn.json", mimeType: "application/json", buffer: bakery });
    await page.waitForSelector("h1.scenario-title:text-is('街坊面包店：小预算、自有账号与真实内容')");
    await waitForDone(page);
    const headline = await page.locator(".verdict-headline").textContent();
    expect(headline).toMatch(/自有账号|买转发/);
    await expect(page.locator("[data-verdict]").textContent()).resolves.toMatch(/It spent [\d,.]+ CNY/);
    const moneyRows = await page.$$eval("table[data-table=money] tbody th", (ths) => ths.map((t) => t.textContent));
    expect(moneyRows).toEqual(expect.arrayContaining(["Spend (CNY)", "Revenue (CNY)", "Cost per conversion (CNY)", "ROI"]));
    expect(await page.$$eval("table[data-table=final-values] thead th", (ths) => ths.map((t) => t.textContent?.trim()))).toEqual(["Metric", "自有账号", "买转发"]);
    await expect(page.locator("[data-card=money-spend] svg").textContent()).resolves.toContain("CNY");
    await expect(page.locator("[data-card=money-spend] svg").textContent()).resolves.not.toContain("currency units");
    expect(await page.locator("table[data-table=final-values] tbody th", { hasText: "Penetration: 街坊" }).count()).toBe(1);
    await page.locator("[data-section=money]").screenshot({ path: shot("i18n-01-bakery-cn.png") });
    const csv = await downloadText(page, "[data-card=final-values] [data-export=csv]");
    expect(csv.text).toContain("自有账号");
  });
});
