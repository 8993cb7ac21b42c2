// Turning what a check observed into an outcome and a reason. Pure: callers
// pass the clock in, so expiry arithmetic is testable to the hour.
import type { CheckOutcome } from "./types.ts";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Classification {
  outcome: CheckOutcome;
  error: string | null;
}

export interface Observation {
  /** Why the check failed outright; wins over everything else. */
  failure: string | null;
  /** Why an otherwise good check is degraded (e.g. a certificate near expiry). */
  warning?: string | null;
  latencyMs: number | null;
  degradedAboveMs: number;
}

export function classify({ failure, warning = null, latencyMs, degradedAboveMs }: Observation): Classification {
  if (failure !== null) return { outcome: "down", error: failure };
  if (warning !== null) return { outcome: "degraded", error: warning };
  if (latencyMs !== null && latencyMs > degradedAboveMs) {
    return { outcome: "degraded", error: `took ${latencyMs} ms, above the ${degradedAboveMs} ms threshold` };
  }
  return { outcome: "up", error: null };
}

/** null when the status is what the probe expects; expectedStatus null means any 2xx. */
export function statusFailure(statusCode: number, expectedStatus: number | null): string | null {
  if (expectedStatus === null) {
    return statusCode >= 200 && statusCode <= 299 ? null : `expected a 2xx status, got ${statusCode}`;
  }
  return statusCode === expectedStatus ? null : `expected status ${expectedStatus}, got ${statusCode}`;
}

export interface CertificateFacts {
  validFrom: Date;
  validTo: Date;
  /** Why the chain or host name did not verify (a Node/OpenSSL code); null if it did. */
  authorizationError: string | null;
  now: Date;
  warnDays: number;
}

export function certificateVerdict(facts: CertificateFacts): { failure: string | null; warning: string | null } {
  const { validFrom, validTo, now, warnDays } = facts;
  if (Number.isNaN(validTo.getTime()) || Number.isNaN(validFrom.getTime())) {
    return { failure: "certificate has unreadable validity dates", warning: null };
  }
  const remaining = validTo.getTime() - now.getTime();
  // Dates first: "expired 3 days ago" says more than OpenSSL's CERT_HAS_EXPIRED.
  if (remaining <= 0) return { failure: `certificate expired ${span(-remaining)} ago`, warning: null };
  if (validFrom.getTime() > now.getTime()) {
    return { failure: `certificate is not valid until ${validFrom.toISOString()}`, warning: null };
  }
  if (facts.authorizationError !== null) {
    return { failure: `certificate not trusted: ${describeTlsError(facts.authorizationError)}`, warning: null };
  }
  if (remaining < warnDays * DAY_MS) return { failure: null, warning: `certificate expires in ${span(remaining)}` };
  return { failure: null, warning: null };
}

/** Whole days, or whole hours under a day: "3 days", "1 day", "5 hours". */
export function span(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days >= 1) return plural(days, "day");
  const hours = Math.floor(ms / HOUR_MS);
  return hours >= 1 ? plural(hours, "hour") : "less than an hour";
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

const TLS_ERRORS: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed certificate",
  SELF_SIGNED_CERT_IN_CHAIN: "self-signed certificate in the chain",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "issuer not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unable to verify the certificate",
  CERT_HAS_EXPIRED: "certificate has expired",
  CERT_NOT_YET_VALID: "certificate is not yet valid",
  CERT_REVOKED: "certificate revoked",
  ERR_TLS_CERT_ALTNAME_INVALID: "certificate does not match the host name",
};

export function describeTlsError(code: string): string {
  return TLS_ERRORS[code] ?? code;
}
