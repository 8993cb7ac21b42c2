// HTTP(S) check: one request, status and body assertions, latency measured
// until the body has been read (up to MAX_BODY_BYTES), as a user would wait.
import { assertionFailure, type ResponseBody } from "./assertions.ts";
import { classify, statusFailure } from "./classify.ts";
import { parseHttpUrl } from "./target.ts";
import type { CheckDefinition, CheckResultData } from "./types.ts";

/** Health endpoints are small; a probe never buffers more than this. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const USER_AGENT = "Bellwether-Probe/1.0";
/** The agent names its vantage region in this header, so a target (the demo's simulator) can fail for one network path only. */
export const VANTAGE_HEADER = "Bellwether-Vantage";

export async function checkHttp(definition: CheckDefinition, signal: AbortSignal): Promise<CheckResultData> {
  const url = parseHttpUrl(definition.target);
  const headers = new Headers(definition.headers);
  if (!headers.has("user-agent")) headers.set("user-agent", USER_AGENT);
  const expectsRedirect =
    definition.expectedStatus !== null && definition.expectedStatus >= 300 && definition.expectedStatus < 400;

  const started = performance.now();
  const response = await fetch(url, {
    method: definition.method.toUpperCase(),
    headers,
    body: definition.body,
    signal,
    redirect: expectsRedirect ? "manual" : "follow",
  });
  const body = await readBody(response, MAX_BODY_BYTES);
  const latencyMs = Math.round(performance.now() - started);

  const failure =
    statusFailure(response.status, definition.expectedStatus) ?? assertionFailure(definition.assertions, body);
  return {
    ...classify({ failure, latencyMs, degradedAboveMs: definition.degradedAboveMs }),
    latencyMs,
    statusCode: response.status,
  };
}

/** Reads at most maxBytes of the body and drops the rest of the stream. */
export async function readBody(response: Response, maxBytes: number): Promise<ResponseBody> {
  if (response.body === null) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      truncated = true;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  if (truncated) await reader.cancel().catch(() => {});
  return { text: new TextDecoder().decode(Buffer.concat(chunks)), truncated };
}
