// Signed-in browsers for console tests: a Session row made directly in the
// e2e database and next-auth's cookie, as if the person had used a magic link.
import { randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { sql } from "./database.ts";

export const SESSION_COOKIE = "next-auth.session-token";

export async function sessionFor(email: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!user) throw new Error(`no user ${email}`);
  await sql(`INSERT INTO "Session" (id, "sessionToken", "userId", expires) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    `test-${token.slice(0, 12)}`,
    token,
    user.id,
  ]);
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
