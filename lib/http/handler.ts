// Every route handler goes through here: one place turns errors into
// responses (lib/errors.ts decides the status), and bodies are parsed safely.
import { AppError, errorResponse } from "../errors.ts";

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/**
 * The body as JSON, at most maxBytes of it. Bytes are counted while they are
 * read: a chunked body (no Content-Length) gets its 413 as soon as it passes
 * the limit, and the rest is never read.
 */
export async function readJson(request: Request, maxBytes = 5 * 1024 * 1024): Promise<unknown> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes.`);
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = reader ? await reader.read() : { done: true, value: undefined };
    } catch {
      // The client closed the connection mid-body (Node says "aborted"): its fault, not ours, so no error log.
      throw new AppError("BAD_REQUEST", "The body did not arrive whole: the connection closed while it was sent.");
    }
    if (read.done) break;
    size += read.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

export function handle<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      const { status, body } = errorResponse(error);
      // A body refused half-read: close the connection rather than read the rest of it.
      return json(body, {
        status,
        headers: { "cache-control": "no-store", ...(status === 413 ? { connection: "close" } : {}) },
      });
    }
  };
}
