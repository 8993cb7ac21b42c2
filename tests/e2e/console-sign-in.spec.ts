// Signing in to the console by magic link through the demo's mail catcher,
// and what each role may see.
import { expect, test } from "@playwright/test";
import { sql } from "./database.ts";
import { openNewestSignInMail, PEOPLE, signInAs } from "./console-session.ts";

test.describe("signing in", () => {
  test("a newcomer signs in with the link from the demo mailbox and lands where they were going", async ({ page }) => {
    await page.goto("/admin/audit");
    await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=%2Fadmin%2Faudit/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to the console" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Demo: open the mailbox" })).toBeVisible();

    await page.getByLabel("Email address").fill("Admin@Bellwether.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

    await page.getByRole("link", { name: "Demo: open the mailbox" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Demo mailbox" })).toBeVisible();
    await openNewestSignInMail(page);
    // The link opens a page whose button signs in: following it spends nothing.
    await page.getByRole("link", { name: /\/admin\/sign-in\/confirm/ }).click();
    await expect(page.getByText("You are signing in as admin@bellwether.test")).toBeVisible();
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(/\/admin\/audit$/);
    await expect(page.getByTestId("signed-in-as")).toContainText("admin@bellwether.test · Admin");
    await expect(page.locator('[data-audit-action="user.sign-in"]').first()).toContainText("admin@bellwether.test");
  });

  test("an unknown address sees the same answer and gets no mail", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email address").fill("stranger@example.com");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    await page.goto("/admin/mailbox?to=stranger@example.com");
    await expect(page.getByText("No mail to stranger@example.com yet")).toBeVisible();
    expect(await sql(`SELECT 1 FROM "User" WHERE email = 'stranger@example.com'`)).toHaveLength(0);
  });

  test("a malformed address is named beside the field", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email address").fill("not-an-address");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Enter an email address such as name@example.com")).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  });

  test("signing out ends the session", async ({ page, context, baseURL }) => {
    const token = await signInAs(context, baseURL!, PEOPLE.viewer);
    await page.goto("/admin/incidents");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    expect(await sql(`SELECT 1 FROM "Session" WHERE "sessionToken" = $1`, [token])).toHaveLength(0);
  });
});

test.describe("roles", () => {
  test("a viewer sees no admin pages in the navigation and gets 403 when asking for one", async ({
    page,
    context,
    baseURL,
  }) => {
    await signInAs(context, baseURL!, PEOPLE.viewer);
    await page.goto("/admin/incidents");
    const nav = page.getByRole("navigation", { name: "Console" });
    await expect(nav.getByRole("link", { name: "Incidents" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit trail" })).toHaveCount(0);
    for (const path of ["/admin/users", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
  });

  test("a disabled person's session stops working", async ({ page, context, baseURL }) => {
    await sql(
      `INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('u-gone', 'gone@bellwether.test', 'ENGINEER', now()) ON CONFLICT DO NOTHING`,
    );
    await signInAs(context, baseURL!, "gone@bellwether.test");
    await sql(`UPDATE "User" SET "disabledAt" = now() WHERE email = 'gone@bellwether.test'`);
    await page.goto("/admin/incidents");
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await sql(`UPDATE "User" SET "disabledAt" = NULL WHERE email = 'gone@bellwether.test'`);
  });
});
