// The console in Chromium for Vitest tests that run servers of their own: a
// Session row and next-auth's cookie (as if the person had used a magic
// link), and the declare-incident form filled in as an engineer does.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./chromium.ts";
import { sql } from "./sql.ts";

export const CHROMIUM = CHROMIUM_LAUNCH;

export async function sessionCookieFor(databaseUrl: string, email: string, origin: string) {
  const token = randomBytes(32).toString("hex");
  await sql(
    databaseUrl,
    `INSERT INTO "Session" (id, "sessionToken", "userId", expires)
     SELECT $1, $2, id, now() + interval '1 day' FROM "User" WHERE email = $3`,
    [`test-${token.slice(0, 12)}`, token, email],
  );
  return { name: "next-auth.session-token", value: token, url: origin, httpOnly: true, sameSite: "Lax" as const };
}

/** Declares an incident through the console form, notifying subscribers; resolves once its page shows. */
export async function declareIncidentInConsole(
  page: Page,
  base: string,
  incident: { title: string; componentRegionId: string },
): Promise<void> {
  await page.goto(`${base}/admin/incidents/new`);
  await page.getByLabel("Title", { exact: true }).fill(incident.title);
  await page.getByLabel("Impact").selectOption("minor");
  await page.locator(`#cr-${incident.componentRegionId}`).selectOption("degraded_performance");
  await page.getByLabel("First message").fill("Replica drill: we are looking into it.");
  await page.getByRole("button", { name: "Declare incident" }).click();
  await page.getByRole("heading", { level: 1, name: incident.title }).waitFor({ timeout: 20_000 });
}
