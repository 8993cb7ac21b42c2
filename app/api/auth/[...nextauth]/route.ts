// GET/POST /api/auth/* – next-auth: the sign-in link by email, its callback, the session
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth.ts";
import { db } from "@/lib/db.ts";
import { screenAuthRequest } from "@/lib/session/sign-in-requests.ts";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request: the options need the database, which does not exist at build time.
async function auth(request: Request, context: Context): Promise<Response> {
  return (await screenAuthRequest(db(), request)) ?? NextAuth(request as never, context as never, authOptions());
}

export { auth as GET, auth as POST };
