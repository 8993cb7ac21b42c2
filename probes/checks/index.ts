// Runs one check of any kind. Never throws and never outlives timeoutMs:
// every failure, including a bad definition, is a "down" result with a reason.
import { checkDns, type DnsCheckOptions } from "./dns.ts";
import { checkHttp } from "./http.ts";
import { describeNetworkError, truncate } from "./network-errors.ts";
import { CheckTargetError } from "./target.ts";
import { checkTcp } from "./tcp.ts";
import { checkTls, type TlsCheckOptions } from "./tls.ts";
import type { CheckDefinition, CheckResultData } from "./types.ts";

export type { CheckDefinition, CheckOutcome, CheckResultData } from "./types.ts";
export { checkDefinitionSchema } from "./types.ts";

export interface RunCheckOptions {
  /** Cancels the check (e.g. the agent is shutting down); it then reports "check cancelled". */
  signal?: AbortSignal;
  /** The clock certificate expiry is measured against; default: the current time. */
  now?: Date;
  tls?: TlsCheckOptions;
  dns?: DnsCheckOptions;
}

class CheckTimeoutError extends Error {
  override name = "CheckTimeoutError";
}

export async function runCheck(definition: CheckDefinition, options: RunCheckOptions = {}): Promise<CheckResultData> {
  const { timeoutMs } = definition;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return down(`invalid timeout ${timeoutMs} ms`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CheckTimeoutError(`timed out after ${timeoutMs} ms`)), timeoutMs);
  // Not AbortSignal.any: a long-lived agent signal would collect a dependant per check.
  const external = options.signal;
  const onCancel = () => controller.abort(external?.reason);
  if (external?.aborted) onCancel();
  else external?.addEventListener("abort", onCancel, { once: true });
  const aborted = rejectWhenAborted(controller.signal);
  try {
    // The race is the guarantee: a check that ignores its signal is still cut off.
    return await Promise.race([execute(definition, controller.signal, options), aborted.promise]);
  } catch (error) {
    const reason = controller.signal.reason;
    if (reason instanceof CheckTimeoutError) return down(reason.message);
    if (controller.signal.aborted) return down("check cancelled");
    if (error instanceof CheckTargetError) return down(truncate(error.message));
    return down(describeNetworkError(error));
  } finally {
    clearTimeout(timer);
    external?.removeEventListener("abort", onCancel);
    aborted.dispose();
  }
}

function execute(definition: CheckDefinition, signal: AbortSignal, options: RunCheckOptions): Promise<CheckResultData> {
  switch (definition.kind) {
    case "http":
      return checkHttp(definition, signal);
    case "tcp":
      return checkTcp(definition, signal);
    case "dns":
      return checkDns(definition, signal, options.dns);
    case "tls":
      return checkTls(definition, signal, options.now ?? new Date(), options.tls);
    default:
      return Promise.reject(new CheckTargetError(`unknown check kind "${String(definition.kind)}"`));
  }
}

function rejectWhenAborted(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener("abort", onAbort) };
}

function down(error: string): CheckResultData {
  return { outcome: "down", latencyMs: null, statusCode: null, error };
}
