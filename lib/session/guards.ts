// Authorisation for every console page, server action and route handler.
// Pages and actions: no session → the sign-in page, wrong role → the 403
// page (a 403 status). Route handlers: 401/403 as JSON through handle().
import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { SIGN_IN_PATH, sessionCookieName } from "../auth.ts";
import { type Db, db } from "../db.ts";
import { can, type Permission } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { actorForSessionToken, type SessionActor } from "./actor.ts";

/** The signed-in person, once per request (layout and page share it). */
export const currentActor = cache(async (): Promise<SessionActor | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  return actorForSessionToken(db(), token);
});

export function signInUrl(returnTo?: string): string {
  return returnTo?.startsWith("/admin")
    ? `${SIGN_IN_PATH}?${new URLSearchParams({ callbackUrl: returnTo })}`
    : SIGN_IN_PATH;
}

/** For pages and server actions. `returnTo`: where to come back after signing in. */
export async function requireActor(
  permission: Permission = "console.read",
  options: { returnTo?: string } = {},
): Promise<SessionActor> {
  const actor = await currentActor();
  if (!actor) redirect(signInUrl(options.returnTo));
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

/** For route handlers: throws AppError, which handle() turns into 401/403 JSON. */
export async function requireApiActor(
  request: Request,
  permission: Permission,
  client: Db = db(),
): Promise<SessionActor> {
  const token = cookieValue(request.headers.get("cookie"), sessionCookieName());
  const actor = await actorForSessionToken(client, token);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  if (!can(actor.role, permission)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return actor;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
