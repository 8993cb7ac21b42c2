// What next-auth's routes (app/api/auth) are not asked to decide:
// - how many sign-in links a client and an address may ask for (in
//   PostgreSQL, shared by replicas); an address over its limit is silently
//   given nothing, like an unknown one, so the limit reveals no account;
// - that a sign-in link's GET never spends it (mail scanners follow links):
//   it opens the confirm page, whose button POSTs it;
// - that the POST comes from this site's own page (no login CSRF).
import type { Db } from "../db.ts";
import type { RateRule } from "../domain/rate-limit.ts";
import { getEnv } from "../env.ts";
import { clientAddressOf } from "../http/client-address.ts";
import { takeRateToken } from "../rate-limits/take-token.ts";

/** As many links as one person needs in a link's lifetime (15 minutes). */
export const SIGN_IN_LIMIT_PER_ADDRESS: RateRule = { limit: 3, windowMs: 15 * 60_000 };
/** A whole office behind one address signing in at nine. */
export const SIGN_IN_LIMIT_PER_CLIENT: RateRule = { limit: 20, windowMs: 10 * 60_000 };

export const CONFIRM_SIGN_IN_PATH = "/admin/sign-in/confirm";

/** False: no link for this address now (the caller answers as for an unknown address). */
export async function takeSignInAddressToken(db: Db, email: string, now: Date): Promise<boolean> {
  return (await takeRateToken(db, "sign-in:address", email, SIGN_IN_LIMIT_PER_ADDRESS, now)).allowed;
}

/** The confirm page for a sign-in link next-auth made (same query: token, email, callbackUrl). */
export function confirmPageUrl(callbackLink: string, publicUrl: string): string {
  return `${publicUrl}${CONFIRM_SIGN_IN_PATH}${new URL(callbackLink).search}`;
}

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

/** Answers the requests next-auth must not see, or null to hand the request to next-auth. */
export async function screenAuthRequest(db: Db, request: Request, now: Date = new Date()): Promise<Response | null> {
  const url = new URL(request.url);
  const [action, provider] = url.pathname.split("/").slice(3);
  const publicUrl = getEnv().PUBLIC_URL;
  if (action === "callback" && provider === "email") {
    if (request.method === "GET") {
      return new Response(null, {
        status: 303,
        headers: { location: `${publicUrl}${CONFIRM_SIGN_IN_PATH}${url.search}`, "cache-control": "no-store" },
      });
    }
    // Another site's form must not sign a browser in as someone else.
    const site = request.headers.get("sec-fetch-site");
    if (site !== null && site !== "same-origin" && site !== "none")
      return json({ error: { code: "FORBIDDEN", message: "Sign in from this site's page." } }, 403);
    return null;
  }
  if (action === "signin" && provider === "email" && request.method === "POST") {
    const { allowed } = await takeRateToken(
      db,
      "sign-in:client",
      clientAddressOf(request.headers),
      SIGN_IN_LIMIT_PER_CLIENT,
      now,
    );
    // next-auth's client reads `url` and its `error` parameter.
    if (!allowed) return json({ url: `${publicUrl}/admin/sign-in?error=RateLimited` }, 429);
  }
  return null;
}
