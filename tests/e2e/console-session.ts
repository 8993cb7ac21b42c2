// Signed-in browsers for console tests: a Session row made directly in the
// e2e database and next-auth's cookie, as if the person had used a magic link.
import { randomBytes } from "node:crypto";
import { type BrowserContext, expect, type Page } from "@playwright/test";
import { sql } from "./database.ts";

export const SESSION_COOKIE = "next-auth.session-token";

export async function sessionFor(email: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!user) throw new Error(`no user ${email}`);
  await sql(
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`,
    [`test-${token.slice(0, 12)}`, token, user.id],
  );
  return token;
}

export async function signInAs(context: BrowserContext, baseURL: string, email: string): Promise<string> {
  const token = await sessionFor(email);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
  return token;
}

export const PEOPLE = {
  admin: "admin@bellwether.test",
  engineer: "engineer@bellwether.test",
  accountManager: "account.manager@bellwether.test",
  viewer: "viewer@bellwether.test",
} as const;

/** The whole magic-link flow as a newcomer does it: ask for a link, read it in the demo mailbox, follow it, press "Sign in". */
export async function signInByMagicLink(page: Page, email: string, goingTo: string): Promise<void> {
  await page.goto(goingTo);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("heading", { level: 1, name: "Check your email" }).waitFor();
  await page.getByRole("link", { name: "Demo: open the mailbox" }).click();
  await openNewestSignInMail(page);
  await page.getByRole("link", { name: /\/admin\/sign-in\/confirm/ }).click();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** In the demo mailbox: the sign-in mail is sent just after the answer, so it may take a reload to appear. */
export async function openNewestSignInMail(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Demo mailbox" }).waitFor();
  const message = page.getByRole("link", { name: /Sign in to Bellwether/ }).first();
  await expect(async () => {
    if (!(await message.isVisible())) await page.reload();
    await expect(message).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await message.click();
}
