// Frame protection, a CSP and a referrer policy for every response, decided by
// path. Pure. The console and the pages that carry a token in their address
// are never framed and send no Referer (a token must not leak to another
// site); their CSP allows only this origin's scripts, with a per-request nonce
// that Next puts on its own inline scripts. The public pages may be embedded
// where PUBLIC_FRAME_ANCESTORS says (customers put status pages in their sites).
import { randomBytes } from "node:crypto";

export interface SecurityHeaderSettings {
  /** CSP frame-ancestors of the public pages, e.g. "'self'" or "'self' https://shop.example.com". */
  publicFrameAncestors: string;
  /** Development: React's dev build needs eval. */
  dev?: boolean;
}

/** Pages whose address holds a token (sign-in link, subscriber links). */
const TOKEN_PATHS = [
  "/subscribe/confirm",
  "/subscribe/manage",
  "/subscribe/unsubscribe",
  "/api/subscribers/unsubscribe",
  "/admin/sign-in/confirm",
  "/api/auth/callback",
];

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function carriesToken(pathname: string): boolean {
  return TOKEN_PATHS.some((p) => isUnder(pathname, p));
}

/** The console, its sign-in and mailbox, and next-auth's routes. */
export function isConsole(pathname: string): boolean {
  return isUnder(pathname, "/admin") || isUnder(pathname, "/api/auth") || isUnder(pathname, "/api/admin");
}

export interface SecurityHeaders {
  /** Response headers. */
  response: Record<string, string>;
  /** The CSP, also given to Next on the request so that it puts the nonce on its scripts; undefined for public pages. */
  requestCsp?: string;
}

export function strictPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeadersFor(
  pathname: string,
  settings: SecurityHeaderSettings,
  nonce: () => string = newNonce,
): SecurityHeaders {
  const token = carriesToken(pathname);
  if (token || isConsole(pathname)) {
    const policy = strictPolicy(nonce(), settings.dev);
    return {
      response: {
        "content-security-policy": policy,
        "x-frame-options": "DENY",
        "referrer-policy": token ? "no-referrer" : "same-origin",
        "x-content-type-options": "nosniff",
      },
      requestCsp: policy,
    };
  }
  const ancestors = settings.publicFrameAncestors;
  const response: Record<string, string> = {
    "content-security-policy": `frame-ancestors ${ancestors}`,
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-content-type-options": "nosniff",
  };
  // For browsers without CSP frame-ancestors, where the setting can be said in their words.
  if (ancestors === "'none'") response["x-frame-options"] = "DENY";
  else if (ancestors === "'self'") response["x-frame-options"] = "SAMEORIGIN";
  return { response };
}

function newNonce(): string {
  return randomBytes(16).toString("base64");
}
