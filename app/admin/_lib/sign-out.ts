"use server";
// Ends this browser's session: the row goes, and so does the cookie.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SIGN_IN_PATH, sessionCookieName } from "@/lib/auth.ts";
import { db } from "@/lib/db.ts";
import { endSession } from "@/lib/session/actor.ts";

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(sessionCookieName())?.value;
  if (token) await endSession(db(), token);
  jar.delete(sessionCookieName());
  redirect(SIGN_IN_PATH);
}
