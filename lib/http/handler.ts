// Every route handler goes through here: one place turns errors into
// responses (lib/errors.ts decides the status), and bodies are parsed safely.
import { AppError, errorResponse } from "../errors.ts";

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export async function readJson(request: Request, maxBytes = 5 * 1024 * 1024): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxBytes) throw new AppError("BAD_REQUEST", `The body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (text.length > maxBytes) throw new AppError("BAD_REQUEST", `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}

export function handle<Args extends unknown[]>(fn: (...args: Args) => Promise<Response>): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      const { status, body } = errorResponse(error);
      return json(body, { status, headers: { "cache-control": "no-store" } });
    }
  };
}
