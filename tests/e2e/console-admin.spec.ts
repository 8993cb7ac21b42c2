// The rest of the console: people and roles, the audit trail, maintenance
// windows moved by hand, and the month's response metrics.
import { expect, test } from "@playwright/test";
import { oneAnnouncement, sql } from "./database.ts";
import { PEOPLE, signInAs } from "./console-session.ts";

test.afterAll(() =>
  oneAnnouncement(async () => {
    await sql(`DELETE FROM "Maintenance" WHERE title LIKE 'E2E %'`);
    await sql(`DELETE FROM "Incident" WHERE title LIKE 'E2E %'`);
  }),
);

test("an admin adds a person, changes their role and disables them; the audit trail says who did what, before and after", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const email = `nora.${testInfo.project.name}.${Date.now()}@bellwether.test`;
  await signInAs(context, baseURL!, PEOPLE.admin);
  await page.goto("/admin/users");
  const add = page.getByRole("form", { name: "Add a user" });
  await add.getByLabel("Email address").fill("nora@");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByText("Enter an email address such as name@example.com")).toBeVisible();
  await expect(add.getByLabel("Email address")).toHaveValue("nora@");

  await add.getByLabel("Email address").fill(email);
  await add.getByLabel("Name (optional)").fill("Nora New");
  await add.getByLabel("Role").selectOption("VIEWER");
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Added ${email} as Viewer and emailed them how to sign in.`)).toBeVisible();

  const row = page.locator(`[data-user="${email}"]`);
  await row.getByLabel(`Role of ${email}`).selectOption("ENGINEER");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByText(`${email} is now Engineer.`)).toBeVisible();
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByText(`${email} is disabled and signed out everywhere.`)).toBeVisible();

  await page.goto(`/admin/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole("link", { name: "You have been added to Bellwether" })).toBeVisible();

  await page.goto("/admin/audit");
  await page.getByLabel("What (action starts with)").fill("user.");
  await page.getByRole("button", { name: "Filter" }).click();
  const entries = page.locator("[data-audit-action]");
  await expect(entries.first()).toContainText("user.disable");
  const changeRole = page.locator('[data-audit-action="user.change-role"]').first();
  await expect(changeRole).toContainText("admin@bellwether.test");
  await expect(changeRole.getByRole("row", { name: /role/ })).toContainText("VIEWER");
  await expect(changeRole.getByRole("row", { name: /role/ })).toContainText("ENGINEER");
  await expect(page.locator('[data-audit-action="user.add"]').first()).toContainText(email);

  // A hand-edited address with a malformed day is named beside its field.
  await page.goto("/admin/audit?from=22%2F11%2F2026");
  await expect(page.getByText("Use a date such as 2026-11-22")).toBeVisible();
});

test("an engineer schedules maintenance, starts it by hand and completes it; the public page shows it meanwhile", async ({
  page,
  context,
  baseURL,
}) => {
  await signInAs(context, baseURL!, PEOPLE.engineer);
  await page.goto("/admin/maintenance");
  await page.getByRole("link", { name: "Schedule maintenance" }).click();
  const start = new Date(Date.now() + 3_600_000).toISOString().slice(0, 16);
  const end = new Date(Date.now() + 7_200_000).toISOString().slice(0, 16);
  await page.getByLabel("Title").fill("E2E Search index upgrade");
  await page.getByLabel("Starts (UTC)").fill(start);
  await page.getByLabel("Ends (UTC)").fill(end);
  await page.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(page.getByText("Choose at least one component and region.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("E2E Search index upgrade");

  await page.getByLabel("Search in australia-southeast1.gcp").check();
  await page.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(page.getByText(/Start at .* or later, or mark the maintenance urgent/)).toBeVisible();
  await expect(page.getByLabel("Search in australia-southeast1.gcp")).toBeChecked();
  await page.getByLabel("Urgent: skip the 24-hour notice").check();
  await page.getByRole("button", { name: "Schedule maintenance" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E Search index upgrade" })).toBeVisible();
  await expect(page.locator("[data-maintenance-status]")).toHaveText("Scheduled");
  const url = page.url();

  await page.getByLabel("Status", { exact: true }).selectOption("in_progress");
  await page.getByLabel(/^Message/).fill("Upgrading the search index now.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("[data-maintenance-status]")).toHaveText("In progress");
  await expect(page.locator('[data-maintenance-update="in_progress"]')).toContainText(
    "Upgrading the search index now.",
  );
  await page.goto("/");
  await expect(
    page.locator('tr[data-component="search"] td[data-region="australia-southeast1.gcp"] [data-status]'),
  ).toHaveText("Under maintenance");

  await page.goto(url);
  await page.getByLabel("Status", { exact: true }).selectOption("completed");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator("[data-maintenance-status]")).toHaveText("Completed");
  await expect(page.getByRole("heading", { name: "Move it on" })).toHaveCount(0);
  await page.goto("/");
  await expect(
    page.locator('tr[data-component="search"] td[data-region="australia-southeast1.gcp"] [data-status]'),
  ).toHaveText("No data yet");
});

test("the response metrics page shows each incident's times and the month by tier and priority", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const id = `e2e-metrics-${testInfo.project.name}`;
  await sql(`DELETE FROM "Incident" WHERE id = $1`, [id]);
  await sql(
    `INSERT INTO "Incident" (id, title, priority, impact, status, source, "startedAt", "detectedAt", "acknowledgedAt", "resolvedAt", "publishedAt", "updatedAt")
     VALUES ($1, 'E2E Checkout down in Iowa', 'P2', 'major', 'resolved', 'detected',
             '2025-06-10T10:00:00Z', '2025-06-10T10:02:00Z', '2025-06-10T10:05:00Z', '2025-06-10T11:00:00Z', '2025-06-10T10:05:00Z', now())`,
    [id],
  );
  await sql(
    `INSERT INTO "IncidentComponentRegion" ("incidentId", "componentRegionId", status)
     SELECT $1, cr.id, 'operational' FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId"
      WHERE c.key = 'checkout' AND r.key = 'us-central1.gcp'`,
    [id],
  );
  await signInAs(context, baseURL!, PEOPLE.viewer);
  await page.goto("/admin/metrics");
  await page.getByLabel("Month", { exact: true }).fill("2025-06");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/month=2025-06/);
  const incident = page.getByTestId("metrics-incidents").getByRole("row", { name: /E2E Checkout down in Iowa/ });
  await expect(incident).toContainText("2 min");
  await expect(incident).toContainText("3 min");
  await expect(incident).toContainText("1 h");
  const tier1 = page.getByTestId("metrics-summary").getByRole("row", { name: "Tier 1" });
  await expect(tier1.getByRole("cell").first()).toHaveText("1");
  await expect(tier1).toContainText("2 min");
});

test("a viewer cannot schedule maintenance", async ({ page, context, baseURL }) => {
  await signInAs(context, baseURL!, PEOPLE.viewer);
  await page.goto("/admin/maintenance");
  await expect(page.getByRole("link", { name: "Schedule maintenance" })).toHaveCount(0);
  expect((await page.goto("/admin/maintenance/new"))?.status()).toBe(403);
});
