// The error-budget page as engineers and viewers use it: a component-region of
// this spec's own with its budget spent, its burn-down chart named and
// described in words, a page-level alert firing with both windows' evidence;
// an engineer opting in to alert emails; no serious accessibility violations in
// light and dark mode.
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SESSION_COOKIE, sessionFor } from "./console-session.ts";
import { oneAnnouncement, sql } from "./database.ts";
import { addComponentIn } from "./public-site-fixtures.ts";
import { SERVER_ONLY } from "./projects.ts";
import { expectNoSeriousViolations } from "./axe.ts";

const id = randomBytes(4).toString("hex");
const componentKey = `e2e-slo-${id}`;
const componentName = `E2E Budget ${id}`;
const engineerEmail = `e2e-slo-engineer-${id}@example.test`;
const viewerEmail = `e2e-slo-viewer-${id}@example.test`;
let componentRegionId: string;

test.beforeAll(() =>
  oneAnnouncement(async () => {
    componentRegionId = await addComponentIn(componentKey, componentName, "us-central1.gcp");
    // Ten days of 1,000 checks with 2 failing (0.2 %: twice the 99.9 % budget), and the last hour at 2 % failing.
    await sql(
      `INSERT INTO "RollupDay" ("componentRegionId", "bucketStart", "upCount", "downCount", "latencyHistogram")
       SELECT $1, date_trunc('day', now() AT TIME ZONE 'UTC') - d * interval '1 day', 998, 2, '{}' FROM generate_series(0, 9) d`,
      [componentRegionId],
    );
    await sql(
      `INSERT INTO "RollupMinute" ("componentRegionId", "bucketStart", "upCount", "downCount", "latencyHistogram")
       SELECT $1, date_trunc('minute', now() AT TIME ZONE 'UTC') - m * interval '1 minute', 98, 2, '{}' FROM generate_series(0, 59) m`,
      [componentRegionId],
    );
    await sql(
      `INSERT INTO "BurnRateAlert" (id, "componentRegionId", severity, "burnRate", "longWindowMinutes", "shortWindowMinutes",
         "sloTargetPercent", "longErrorRatio", "shortErrorRatio", "firedAt", "openKey")
       VALUES ($1, $2, 'page', 14.4, 60, 5, 99.9, 0.02, 0.02, now() - interval '10 minutes', $2 || ':page-1h')`,
      [`e2e-slo-alert-${id}`, componentRegionId],
    );
    for (const [email, role] of [
      [engineerEmail, "ENGINEER"],
      [viewerEmail, "VIEWER"],
    ])
      await sql(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, $1, 'E2E SLO', $2, now())`, [
        email,
        role,
      ]);
  }),
);

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "ComponentRegion" WHERE id = $1`, [componentRegionId]);
    await sql(`DELETE FROM "Component" WHERE id = $1`, [componentKey]);
    // The people stay: the audit trail (append-only) names the engineer's change.
  }),
);

async function signIn(context: import("@playwright/test").BrowserContext, baseURL: string, email: string) {
  const token = await sessionFor(email);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}

test("an engineer reads a spent budget, its burn-down and the page firing, and opts in to alert emails", async ({
  page,
  context,
  baseURL,
}) => {
  test.slow();
  await signIn(context, baseURL!, engineerEmail);
  await page.goto("/admin/incidents");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Error budgets" }).click();
  // The page reads 30 days of every component-region: on a busy machine it can take longer than an assertion waits.
  await page.waitForURL("**/admin/slo");
  await expect(page.getByRole("heading", { level: 1, name: "Error budgets" })).toBeVisible();

  const card = page.locator(`[data-testid="slo-budget"][data-key="${componentKey}/us-central1.gcp"]`);
  await expect(card.getByRole("heading", { name: new RegExp(componentName) })).toBeVisible();
  await expect(card.getByTestId("budget-left")).toHaveText(/^-\d+(\.\d)? % \(spent\)$/);
  await expect(card.getByTestId("burn-now")).toHaveText("20.0×");
  const chart = card.getByRole("img", { name: new RegExp(`Error budget burn-down of ${componentName}`) });
  await expect(chart).toBeVisible();
  await expect(chart.locator("desc")).toHaveText(/from 100 % .* to -\d+ %.*the budget is spent/);

  const firing = page.getByTestId("firing-alerts").getByRole("row", { name: new RegExp(componentName) });
  await expect(firing).toContainText("Page");
  await expect(firing).toContainText("above 14.4× over 1 h and 5 min");
  await expect(firing).toContainText("1 h: 2.00 % failed (20.0×)");

  const form = page.getByTestId("burn-alert-emails-form");
  const box = form.getByLabel("Email me when a burn-rate alert fires (page or ticket)");
  await expect(box).not.toBeChecked();
  await box.check();
  await form.getByRole("button", { name: "Save my setting" }).click();
  await expect(form.getByRole("status")).toHaveText("You will get an email when a burn-rate alert fires.");
  await expect
    .poll(
      async () =>
        (await sql<{ on: boolean }>(`SELECT "burnAlertEmails" AS on FROM "User" WHERE id = $1`, [engineerEmail]))[0]
          ?.on,
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByLabel("Email me when a burn-rate alert fires (page or ticket)")).toBeChecked();
});

test(
  "a viewer reads the page, without the engineers' email setting",
  SERVER_ONLY,
  async ({ page, context, baseURL }) => {
    await signIn(context, baseURL!, viewerEmail);
    await page.goto("/admin/slo");
    await expect(page.getByRole("heading", { level: 1, name: "Error budgets" })).toBeVisible();
    await expect(page.locator(`[data-testid="slo-budget"][data-key="${componentKey}/us-central1.gcp"]`)).toBeVisible();
    await expect(page.getByTestId("burn-alert-emails-form")).toHaveCount(0);
  },
);

test("/admin/slo has no serious or critical accessibility violations, light and dark", async ({
  page,
  context,
  baseURL,
}) => {
  // Axe over fifty-odd cards, each with an SVG, takes more than the default 30 s on a busy 2-core machine.
  test.slow();
  await signIn(context, baseURL!, engineerEmail);
  await page.goto("/admin/slo");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page);
});
