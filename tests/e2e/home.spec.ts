import { expect, test } from "@playwright/test";
import { sql } from "./database.ts";

async function setProbeStatus(component: string, region: string, status: string | null) {
  await sql(
    `UPDATE "ComponentRegion" cr SET "probeStatus" = $3::"ComponentStatus", "probeStatusSince" = now()
       FROM "Component" c, "Region" r
      WHERE cr."componentId" = c.id AND cr."regionId" = r.id AND c.key = $1 AND r.key = $2`,
    [component, region, status],
  );
}

test.describe("the status page", () => {
  // Each test starts from "no probe has reported": a spec that ran probes earlier in this worker leaves their
  // statuses behind, and so would a test here.
  test.beforeEach(async () => {
    await sql(`UPDATE "ComponentRegion" SET "probeStatus" = NULL, "probeStatusSince" = NULL`);
  });

  test("shows the seeded platform honestly before any probe has reported", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Awaiting probe data");
    await expect(page.getByText("No probe results yet for any of the 54 component-regions")).toBeVisible();
    for (const product of ["Composable Commerce", "Frontend", "Checkout", "Connect"]) {
      await expect(page.getByRole("heading", { level: 2, name: product })).toBeVisible();
    }
    await expect(page.getByText("Operational", { exact: true })).toHaveCount(0);
    const checkout = page.locator('tr[data-component="checkout"]');
    await expect(checkout.getByRole("rowheader")).toContainText("Tier 1");
    await expect(page.locator('tr[data-component="merchant-center"]').getByRole("rowheader")).toContainText("Tier 2");
    const cell = checkout.locator('td[data-region="us-central1.gcp"]');
    await expect(cell.locator("[data-status]")).toHaveText("No data yet");
    await expect(cell.getByRole("img", { name: "90-day uptime no data" })).toBeVisible();
  });

  test("a customer finds checkout's status in their region within one screen", async ({ page }) => {
    await setProbeStatus("checkout", "us-central1.gcp", "major_outage");
    await setProbeStatus("checkout", "europe-west1.gcp", "operational");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Major System Outage");
    const cell = page.locator('tr[data-component="checkout"] td[data-region="us-central1.gcp"]');
    await expect(cell.locator("[data-status]")).toHaveText("Major outage");
    await expect(
      page.locator('tr[data-component="checkout"] td[data-region="europe-west1.gcp"] [data-status]'),
    ).toHaveText("Operational");
    await cell.scrollIntoViewIfNeeded();
    await expect(cell).toBeInViewport();
  });
});
