// What must never reach a log line: tokens, passwords, secrets and
// subscribers' addresses. Applied to each finished JSON line, so it holds for
// every field, nested object, error message and stack trace alike.

/** Keys whose string values are always hidden, wherever they sit in a line. */
const SECRET_KEY =
  /"([^"\\]*(?:password|passwd|secret|token|authorization|cookie|api[_-]?key|credential|private[_-]?key)[^"\\]*)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;
/** user:password@ (or a lone token@) in any URL: SMTP_URL, DATABASE_URL, webhook URLs. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'<>]+@/gi;
const BEARER = /\b(bearer|basic)\s+[^\s"',;]+/gi;
/** Agent (bwa_) and API (bwt_) tokens, whatever carries them. */
const PREFIXED_TOKEN = /\bbw[at]_[A-Za-z0-9_-]+/g;
/** Values of query parameters that carry a capability (subscriber links, sign-in links, signatures). */
const SECRET_QUERY = /([?&](?:token|secret|password|key|code|signature|sig|callbackUrl|email|address)=)[^&\s"'#\\]*/gi;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;
/** 32 random bytes and more, as hex or base64url (session tokens, sign-in tokens, HMACs): never an id we log. */
const LONG_RANDOM = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/g;

export const REDACTED = "[redacted]";

/** Escapes a literal for a RegExp. */
function literal(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export type Redactor = (line: string) => string;

/**
 * A redactor for log lines. `secrets` are literal values known to be secret
 * (AUTH_SECRET, METRICS_TOKEN, the SMTP password …), hidden wherever they occur,
 * also JSON-escaped and percent-encoded.
 */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 6) continue;
    variants.add(secret);
    variants.add(JSON.stringify(secret).slice(1, -1));
    variants.add(encodeURIComponent(secret));
  }
  const known =
    variants.size > 0
      ? new RegExp(
          [...variants]
            .sort((a, b) => b.length - a.length)
            .map(literal)
            .join("|"),
          "g",
        )
      : null;
  return (line) => {
    let out = known ? line.replace(known, REDACTED) : line;
    out = out
      .replace(SECRET_KEY, (_, key: string) => `"${key}":"${REDACTED}"`)
      .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
      .replace(BEARER, `$1 ${REDACTED}`)
      .replace(PREFIXED_TOKEN, REDACTED)
      .replace(SECRET_QUERY, `$1${REDACTED}`)
      .replace(EMAIL, "[email]")
      .replace(LONG_RANDOM, REDACTED);
    return out;
  };
}

/** The secret parts of a URL (its password, or a lone user name standing for a token). */
export function urlSecrets(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const url = new URL(value);
    return [url.password, url.password ? "" : url.username]
      .filter((part) => part !== "")
      .flatMap((part) => [part, decodeURIComponent(part)]);
  } catch {
    return [];
  }
}
