// Headers every public machine interface sends: anyone may read it from any
// origin (CORS), and a CDN may hold it for seconds so that a spike of readers
// during an incident reaches the origin a few times, not once per reader.
import { handle } from "../http/handler.ts";

/** Browsers revalidate every time; shared caches keep 10 s and may serve 30 s more while refreshing. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=30";

export const CONTENT_TYPE = {
  json: "application/json; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  calendar: "text/calendar; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
} as const;

const CORS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
};

function withPublicHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(CORS)) response.headers.set(name, value);
  response.headers.set("x-content-type-options", "nosniff");
  return response;
}

/** A public document: cacheable, readable cross-origin. */
export function publicResponse(body: string, contentType: string, extra: Record<string, string> = {}): Response {
  return withPublicHeaders(
    new Response(body, { headers: { "content-type": contentType, "cache-control": PUBLIC_CACHE_CONTROL, ...extra } }),
  );
}

export function publicJson(body: unknown): Response {
  return publicResponse(JSON.stringify(body), CONTENT_TYPE.json);
}

/** handle() for public GETs: errors too carry CORS, so a cross-origin client can read the 404's message. */
export function publicGet<Args extends unknown[]>(
  fn: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  const handled = handle(fn);
  return async (...args) => withPublicHeaders(await handled(...args));
}

// Header names a preflight may ask for: a comma-separated list of HTTP tokens.
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** OPTIONS: the CORS preflight for a GET with custom headers (e.g. If-None-Match from a widget). */
export async function preflight(request: Request): Promise<Response> {
  const headers = new Headers({ ...CORS, "access-control-max-age": "86400", "cache-control": PUBLIC_CACHE_CONTROL });
  const asked = request.headers.get("access-control-request-headers")?.trim();
  if (asked && asked.length <= 1000 && HEADER_LIST.test(asked)) headers.set("access-control-allow-headers", asked);
  headers.set("allow", "GET, HEAD, OPTIONS");
  return new Response(null, { status: 204, headers });
}
