// DNS check: the name has A or AAAA records. This asks DNS servers (c-ares),
// not the OS resolver, so /etc/hosts does not count: it answers for one box only.
import { Resolver } from "node:dns/promises";
import { classify } from "./classify.ts";
import { parseHostname } from "./target.ts";
import type { CheckDefinition, CheckResultData } from "./types.ts";

export interface DnsCheckOptions {
  /** Name servers to ask ("1.1.1.1", "[::1]:5353"); default: the system's. */
  servers?: readonly string[];
}

export async function checkDns(
  definition: CheckDefinition,
  signal: AbortSignal,
  options: DnsCheckOptions = {},
): Promise<CheckResultData> {
  const hostname = parseHostname(definition.target);
  signal.throwIfAborted();
  // c-ares gets a little longer than runCheck's deadline, so that a timeout
  // reads "timed out after N ms" for every kind of check.
  const resolver = new Resolver({ timeout: definition.timeoutMs + 1000, tries: 1 });
  if (options.servers !== undefined && options.servers.length > 0) resolver.setServers([...options.servers]);
  const onAbort = () => resolver.cancel();
  signal.addEventListener("abort", onAbort, { once: true });
  const started = performance.now();
  let answers: PromiseSettledResult<string[]>[];
  try {
    answers = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  signal.throwIfAborted();
  const latencyMs = Math.round(performance.now() - started);

  const records = answers.reduce((n, answer) => n + (answer.status === "fulfilled" ? answer.value.length : 0), 0);
  const codes = answers.map((answer) => (answer.status === "rejected" ? errorCode(answer.reason) : null));
  const failure = records > 0 ? null : dnsFailure(codes);
  return {
    ...classify({ failure, latencyMs, degradedAboveMs: definition.degradedAboveMs }),
    latencyMs,
    statusCode: null,
  };
}

const DNS_ERRORS: Readonly<Record<string, string>> = {
  ENOTFOUND: "no such domain (NXDOMAIN)",
  ENODATA: "no A or AAAA records",
  ESERVFAIL: "name server failure (SERVFAIL)",
  EREFUSED: "query refused by the name server",
  ETIMEOUT: "name server did not answer",
  ECONNREFUSED: "name server refused the connection",
};

/** Why a lookup with no records failed; NXDOMAIN outranks "no records of this type". */
export function dnsFailure(codes: readonly (string | null)[]): string {
  for (const code of ["ENOTFOUND", "ENODATA", ...codes]) {
    if (code !== null && codes.includes(code)) return DNS_ERRORS[code] ?? `lookup failed (${code})`;
  }
  return DNS_ERRORS.ENODATA!;
}

function errorCode(reason: unknown): string | null {
  return typeof reason === "object" && reason !== null && "code" in reason ? String(reason.code) : null;
}
