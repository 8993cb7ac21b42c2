// The route a request is counted under in /metrics: the app/ route that
// serves it ("/components/[key]", "/api/v2/summary.json"), never the raw
// path, so that neither ids nor junk URLs can grow the number of series.
import fs from "node:fs";
import path from "node:path";

/** Requests that match no route of the app (junk, probes for /wp-admin …): one series for all of them. */
export const UNMATCHED_ROUTE = "other";

type Segment = { kind: "static"; text: string } | { kind: "param" } | { kind: "rest"; optional: boolean };

interface Pattern {
  label: string;
  segments: Segment[];
}

const ROUTE_FILE = /^(page|route)\.(tsx?|jsx?)$/;

/** The URL patterns of an app/ directory: each folder holding a page or route file, route groups and private folders left out. */
export function appRoutePatterns(appDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, parts: string[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && ROUTE_FILE.test(e.name))) found.push(`/${parts.join("/")}`);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
      const group = /^\(.*\)$/.test(entry.name);
      walk(path.join(dir, entry.name), group ? parts : [...parts, entry.name]);
    }
  };
  walk(appDir, []);
  return [...new Set(found)].sort();
}

function parse(label: string): Pattern {
  const segments: Segment[] = label
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      if (/^\[\[\.\.\..+\]\]$/.test(s)) return { kind: "rest", optional: true };
      if (/^\[\.\.\..+\]$/.test(s)) return { kind: "rest", optional: false };
      if (/^\[.+\]$/.test(s)) return { kind: "param" };
      return { kind: "static", text: s };
    });
  return { label, segments };
}

function matches(pattern: Segment[], parts: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!;
    if (segment.kind === "rest") return segment.optional || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === "static" && segment.text !== part) return false;
  }
  return parts.length === pattern.length;
}

/** Static segments before parameters, longer before shorter: the route Next itself would pick. */
function specificity(pattern: Pattern): number[] {
  return pattern.segments.map((s) => (s.kind === "static" ? 0 : s.kind === "param" ? 1 : 2));
}

function compare(a: Pattern, b: Pattern): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) if (sa[i] !== sb[i]) return sa[i]! - sb[i]!;
  return sb.length - sa.length;
}

export type RouteLabeler = (target: string | undefined) => string;

/**
 * Labels request targets with their route. `extra` adds routes served
 * before Next (e.g. "/metrics"). Next's own assets count as "/_next".
 * Results are cached per path, at most 10,000 at a time.
 */
export function createRouteLabeler(patterns: readonly string[], extra: readonly string[] = []): RouteLabeler {
  const compiled = [...patterns, ...extra].map(parse).sort(compare);
  const cache = new Map<string, string>();
  return (target) => {
    const raw = target ?? "/";
    const end = raw.search(/[?#]/);
    const pathname = end < 0 ? raw : raw.slice(0, end);
    const cached = cache.get(pathname);
    if (cached !== undefined) return cached;
    let label = UNMATCHED_ROUTE;
    if (pathname.startsWith("/_next/")) label = "/_next";
    else {
      const parts = pathname.split("/").filter((s) => s !== "");
      label = compiled.find((p) => matches(p.segments, parts))?.label ?? UNMATCHED_ROUTE;
    }
    if (cache.size >= 10_000) cache.clear();
    cache.set(pathname, label);
    return label;
  };
}
