// Short, readable reasons for errors thrown by sockets, fetch and TLS. Pure.
import { describeTlsError } from "./classify.ts";

/** CheckResult.error is read by people and capped by ingest; keep it short. */
export const MAX_ERROR_LENGTH = 300;

const NETWORK_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection closed while sending",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed temporarily",
  UND_ERR_SOCKET: "connection closed by the server",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for response headers",
  UND_ERR_BODY_TIMEOUT: "timed out reading the response body",
  ERR_TLS_CERT_ALTNAME_INVALID: describeTlsError("ERR_TLS_CERT_ALTNAME_INVALID"),
};

/** Follows `cause` (fetch wraps the socket error in "fetch failed") to the most specific reason. */
export function describeNetworkError(error: unknown): string {
  let message: string | null = null;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const code = typeof current === "object" && "code" in current ? String(current.code) : null;
    if (code !== null && NETWORK_ERRORS[code] !== undefined) return NETWORK_ERRORS[code];
    if (code !== null && /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return describeTlsError(code);
    // OpenSSL's own message is a file:line dump; its `reason` is the readable part.
    if (code?.startsWith("ERR_SSL_") && typeof current === "object" && "reason" in current) {
      return truncate(`TLS handshake failed: ${String(current.reason)}`);
    }
    if (current instanceof Error && current.message !== "" && current.message !== "fetch failed")
      message = current.message;
    current = current instanceof Error ? current.cause : undefined;
  }
  return truncate(message ?? String(error));
}

export function truncate(text: string, max = MAX_ERROR_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
