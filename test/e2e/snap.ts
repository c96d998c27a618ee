/** Screenshot of one element without the sticky app bar over it: a full-page capture clipped to the element. */
import type { Page } from "playwright-core";
import { shot } from "./chromium.ts";

export async function snap(page: Page, selector: string, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky app bar back at the top of the page
  const box = await page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
  });
  await page.screenshot({ path: shot(name), fullPage: true, clip: box });
}
