// Which public requests are answered from snapshots, and under which key.
// Pure. The key is the path plus only the query parameters that page reads,
// sorted: `/?x=1` and `/` are one snapshot, so no URL (and no header — see
// snapshots.ts) lets a reader skip the cache and make the server render.

interface SnapshotRoute {
  pattern: RegExp;
  /** Query parameters that change the response; everything else is dropped. */
  params: readonly string[];
}

const SEGMENT = "[A-Za-z0-9][A-Za-z0-9._~-]{0,127}";

const ROUTES: readonly SnapshotRoute[] = [
  { pattern: /^\/$/, params: [] },
  { pattern: /^\/history$/, params: ["page", "region", "component"] },
  { pattern: new RegExp(`^/(incidents|maintenance|regions)/${SEGMENT}$`), params: [] },
  { pattern: new RegExp(`^/components/${SEGMENT}$`), params: ["range", "region"] },
  {
    pattern:
      /^\/api\/v2\/(summary|status|components|incidents|incidents\/unresolved|scheduled-maintenances|scheduled-maintenances\/upcoming|scheduled-maintenances\/active)\.json$/,
    params: [],
  },
  { pattern: /^\/(feed\.atom|feed\.rss|calendar\.ics)$/, params: ["region", "component"] },
  { pattern: new RegExp(`^/badge/${SEGMENT}(/${SEGMENT})?\\.svg$`), params: [] },
];

/** Longest query value kept in a key; longer ones are not a real filter. */
const MAX_PARAM_LENGTH = 128;

/**
 * The snapshot key for a request target (path and query, as in the request
 * line), or null when the request is not a snapshot path and goes to Next.
 */
export function snapshotKey(target: string): string | null {
  let url: URL;
  try {
    url = new URL(target, "http://snapshot.invalid");
  } catch {
    return null;
  }
  if (url.host !== "snapshot.invalid") return null;
  const path = url.pathname.length > 1 && url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
  const route = ROUTES.find((r) => r.pattern.test(path));
  if (!route) return null;
  const kept: [string, string][] = [];
  for (const name of route.params) {
    const value = url.searchParams.get(name);
    if (value === null || value === "") continue;
    if (value.length > MAX_PARAM_LENGTH) return null;
    kept.push([name, value]);
  }
  if (kept.length === 0) return path;
  return `${path}?${new URLSearchParams(kept).toString()}`;
}

/** RFC 9110 If-None-Match: a list of (weak or strong) entity tags, or "*". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}

/** Picks the body encoding a client accepts, best first. */
export function pickEncoding(acceptEncoding: string | undefined, available: { br: boolean; gzip: boolean }): "br" | "gzip" | "identity" {
  if (!acceptEncoding) return "identity";
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (available.br && ok("br")) return "br";
  if (available.gzip && ok("gzip")) return "gzip";
  return "identity";
}
