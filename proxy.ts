// An optimistic first check for console pages: a browser with no session
// cookie at all goes straight to sign-in, remembering where it was going.
// The real checks (session, role) run in every page and action (lib/session/guards.ts).
import { type NextRequest, NextResponse } from "next/server";

// next-auth's cookie names (lib/auth.ts), spelled out: the proxy must not load next-auth or the database.
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const isPageView = request.method === "GET" && !request.headers.has("next-action");
  if (!isPageView || SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const signIn = new URL("/admin/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/admin", "/admin/((?!sign-in|mailbox).*)"],
};
