// What every console page must do on any screen: wide content (tables, lists) scrolls inside its own area, and the
// page itself never scrolls sideways; on a phone, a page wider than the screen is zoomed out and its taps land on
// the wrong element.
import { expect, type Page } from "@playwright/test";

export async function expectNoSidewaysScroll(page: Page, where: string) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    where,
  ).toBeLessThanOrEqual(0);
}
