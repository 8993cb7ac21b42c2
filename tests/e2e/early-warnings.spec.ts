// The early-warnings page as every console role reads it: an open warning of
// this spec's own with its chart (windows, seasonal band, threshold and the
// forecast line), described in words; a cleared one below it; nothing for a
// visitor without a session; no serious accessibility violations in light and dark.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SESSION_COOKIE, sessionFor } from "./console-session.ts";
import { oneAnnouncement, sql } from "./database.ts";
import { addComponentIn } from "./public-site-fixtures.ts";
import { SERVER_ONLY } from "./projects.ts";
import { expectNoSeriousViolations } from "./axe.ts";

const id = randomBytes(4).toString("hex");
const componentKey = `e2e-ew-${id}`;
const componentName = `E2E Drift ${id}`;
const viewerEmail = `e2e-ew-viewer-${id}@example.test`;
let componentRegionId: string;

/** 90 windows: flat around 120 ms in a band to 320 ms, the last 10 rising by 40 ms a minute. */
function evidence(now: number) {
  const points = Array.from({ length: 90 }, (_, i) => {
    const at = now - (89 - i) * 60_000;
    const rise = Math.max(0, i - 79) * 40;
    return { at, value: 120 + (i % 3) + rise, expected: 120, upper: 320 };
  });
  return {
    metric: "latency_p95",
    threshold: 1000,
    points,
    forecast: { from: { at: now, value: 520 }, to: { at: now + 12 * 60_000, value: 1000 } },
  };
}

test.beforeAll(() =>
  oneAnnouncement(async () => {
    componentRegionId = await addComponentIn(componentKey, componentName, "eu-central-1.aws");
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    await sql(
      `INSERT INTO "EarlyWarning" (id, "componentRegionId", metric, "raisedAt", observed, baseline, spread, threshold,
         "forecastCrossAt", evidence, "openKey")
       VALUES ($1, $2, 'latency_p95', to_timestamp($3 / 1000.0) - interval '6 minutes', 520, 120, 8, 1000,
         to_timestamp($3 / 1000.0) + interval '12 minutes', $4::jsonb, $2 || ':latency_p95')`,
      [`e2e-ew-open-${id}`, componentRegionId, now, JSON.stringify(evidence(now))],
    );
    await sql(
      `INSERT INTO "EarlyWarning" (id, "componentRegionId", metric, "raisedAt", "clearedAt", observed, baseline, spread,
         threshold, "forecastCrossAt", evidence)
       VALUES ($1, $2, 'latency_p95', now() - interval '2 days', now() - interval '2 days' + interval '20 minutes',
         480, 120, 8, 1000, now() - interval '2 days' + interval '25 minutes', $3::jsonb)`,
      [`e2e-ew-cleared-${id}`, componentRegionId, JSON.stringify(evidence(now - 2 * 86_400_000))],
    );
    await sql(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $1, 'E2E EW', 'VIEWER', now())`, [
      viewerEmail,
    ]);
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "ComponentRegion" WHERE id = $1`, [componentRegionId]);
    await sql(`DELETE FROM "Component" WHERE id = $1`, [componentKey]);
  }),
);

async function signIn(context: import("@playwright/test").BrowserContext, baseURL: string, email: string) {
  const token = await sessionFor(email);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

test("a viewer reads an open early warning with its baseline band and forecast, and a cleared one", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(context, baseURL!, viewerEmail);
  await page.goto("/admin/incidents");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Early warnings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Early warnings" })).toBeVisible();

  const open = page
    .getByRole("region", { name: /^Open/ })
    .getByTestId("early-warning")
    .filter({ hasText: componentName });
  await expect(open.getByRole("heading", { name: new RegExp(`${componentName} in .*: p95 latency`) })).toContainText(
    "open",
  );
  await expect(open).toContainText("520 ms, expected 120 ms ± 8 ms");
  await expect(open.getByTestId("forecast")).toHaveText(/crosses at .* UTC \(in about 1[12] min\)/);
  const chart = open.getByRole("img", { name: new RegExp(`${componentName} in .*: p95 latency`) });
  await expect(chart).toBeVisible();
  await expect(chart.locator("desc")).toHaveText(
    /90 five-minute windows .* the last at 522 ms, above the band \(upper edge 320 ms\) \(expected 120 ms\); threshold 1000 ms, which the trend reaches at/,
  );
  await expect(chart.getByTestId("baseline-band")).toHaveCount(1);
  await expect(chart.getByTestId("forecast-line")).toHaveCount(1);

  const cleared = page
    .getByRole("region", { name: /^Cleared/ })
    .getByTestId("early-warning")
    .filter({ hasText: componentName });
  await expect(cleared).toContainText("cleared");
  await expect(cleared).toContainText("Cleared");
});

test("the page is not public: without a session it asks to sign in", SERVER_ONLY, async ({ page }) => {
  await page.goto("/admin/early-warnings");
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await expect(page.getByText(componentName)).toHaveCount(0);
});

test("/admin/early-warnings has no serious or critical accessibility violations, light and dark", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(context, baseURL!, viewerEmail);
  await page.goto("/admin/early-warnings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);
});
