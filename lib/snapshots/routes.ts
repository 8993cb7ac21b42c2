// Which public requests are answered from snapshots, and under which key.
// Pure. A key is built only from validated, canonical values: the path
// decoded and matched segment by segment, and only the query parameters a
// page reads, each checked against what exists (the vocabulary) — an invalid
// value takes its default or makes the request a 404. So no URL (and no
// header — see snapshots.ts) lets a reader skip the cache, make the server
// render, or grow the cache beyond what exists.
import { LATENCY_RANGE_KEYS } from "../domain/latency-series.ts";

/** What exists publicly, as the web server last loaded it (lib/snapshots/vocabulary.ts). */
export interface SnapshotVocabulary {
  regions: ReadonlySet<string>;
  components: ReadonlySet<string>;
  /** `${componentKey}/${regionKey}` of every ComponentRegion. */
  componentRegions: ReadonlySet<string>;
  incidents: ReadonlySet<string>;
  maintenances: ReadonlySet<string>;
  /** Pages of the unfiltered incident history (at least 1). */
  historyPages: number;
}

/** A snapshot route: `page` (HTML) or a machine interface (JSON, feeds, badges). */
export type SnapshotTarget =
  | { kind: "next" }
  | { kind: "snapshot"; key: string; route: string; page: boolean }
  | { kind: "not-found"; page: boolean };

const NEXT: SnapshotTarget = { kind: "next" };
const PAGE_NOT_FOUND: SnapshotTarget = { kind: "not-found", page: true };
const MACHINE_NOT_FOUND: SnapshotTarget = { kind: "not-found", page: false };

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;
const KEY = /^[a-z0-9][a-z0-9.-]{0,99}$/;
const API = new Set([
  "summary",
  "status",
  "components",
  "incidents",
  "incidents/unresolved",
  "scheduled-maintenances",
  "scheduled-maintenances/upcoming",
  "scheduled-maintenances/active",
]);
const FEEDS = new Set(["feed.atom", "feed.rss", "calendar.ics"]);
/** Targets that are their own canonical key, answered without parsing a URL (the busiest ones). */
const EXACT: ReadonlyMap<string, SnapshotTarget> = new Map<string, SnapshotTarget>([
  ["/", { kind: "snapshot", key: "/", route: "home", page: true }],
  ["/history", { kind: "snapshot", key: "/history", route: "history", page: true }],
  ["/developers", { kind: "snapshot", key: "/developers", route: "developers", page: true }],
  ...[...API].map((name): [string, SnapshotTarget] => [
    `/api/v2/${name}.json`,
    { kind: "snapshot", key: `/api/v2/${name}.json`, route: "api", page: false },
  ]),
  ...[...FEEDS].map((name): [string, SnapshotTarget] => [
    `/${name}`,
    { kind: "snapshot", key: `/${name}`, route: "feed", page: false },
  ]),
]);
/** Query values longer than this are never a real filter. */
const MAX_PARAM_LENGTH = 128;

function param(url: URL, name: string): string | null {
  const value = url.searchParams.get(name);
  return value === null || value === "" || value.length > MAX_PARAM_LENGTH ? null : value;
}

/** A key against the vocabulary, or its format alone when none is loaded yet. */
function known(set: ReadonlySet<string> | undefined, value: string, format: RegExp = KEY): boolean {
  return set ? set.has(value) : format.test(value);
}

function withQuery(path: string, kept: [string, string][]): string {
  return kept.length === 0 ? path : `${path}?${new URLSearchParams(kept).toString()}`;
}

/** Decoded path segments, or null when a segment cannot be a snapshot route's (bad escape, "/" or ".." inside). */
function segmentsOf(pathname: string): string[] | null {
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const segments: string[] = [];
  for (const raw of trimmed.split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.includes("/")) return null;
    segments.push(segment);
  }
  return segments;
}

function history(url: URL, v: SnapshotVocabulary | undefined): SnapshotTarget {
  const kept: [string, string][] = [];
  const pageText = param(url, "page");
  const page = pageText !== null && /^\d{1,9}$/.test(pageText) ? Number(pageText) : 1;
  if (page < 1 || (v && page > v.historyPages)) return PAGE_NOT_FOUND;
  if (page > 1) kept.push(["page", String(page)]);
  const region = param(url, "region");
  if (region && known(v?.regions, region)) kept.push(["region", region]);
  const component = param(url, "component");
  if (component && known(v?.components, component)) kept.push(["component", component]);
  kept.sort(([a], [b]) => (a < b ? -1 : 1));
  return { kind: "snapshot", key: withQuery("/history", kept), route: "history", page: true };
}

function component(key: string, url: URL, v: SnapshotVocabulary | undefined): SnapshotTarget {
  if (!known(v?.components, key)) return PAGE_NOT_FOUND;
  const kept: [string, string][] = [];
  const range = param(url, "range");
  if (range && range !== "24h" && (LATENCY_RANGE_KEYS as string[]).includes(range)) kept.push(["range", range]);
  const region = param(url, "region");
  if (region && known(v?.componentRegions, `${key}/${region}`, /^[a-z0-9][a-z0-9.-]{0,99}\/[a-z0-9][a-z0-9.-]{0,99}$/))
    kept.push(["region", region]);
  return { kind: "snapshot", key: withQuery(`/components/${key}`, kept), route: "component", page: true };
}

function feed(name: string, url: URL, v: SnapshotVocabulary | undefined): SnapshotTarget {
  const region = url.searchParams.get("region") || null;
  const component = url.searchParams.get("component") || null;
  if (region !== null && !known(v?.regions, region)) return MACHINE_NOT_FOUND;
  if (component !== null && !known(v?.components, component)) return MACHINE_NOT_FOUND;
  if (region !== null && component !== null && v && !v.componentRegions.has(`${component}/${region}`))
    return MACHINE_NOT_FOUND;
  const kept: [string, string][] = [];
  if (region !== null) kept.push(["region", region]);
  if (component !== null) kept.push(["component", component]);
  return { kind: "snapshot", key: withQuery(`/${name}`, kept), route: "feed", page: false };
}

function badge(segments: string[], v: SnapshotVocabulary | undefined): SnapshotTarget {
  const last = segments.at(-1)!;
  if (segments.length > 3 || !last.endsWith(".svg")) return MACHINE_NOT_FOUND;
  const componentKey = segments.length === 2 ? last.slice(0, -4) : segments[1]!;
  const regionKey = segments.length === 3 ? last.slice(0, -4) : null;
  if (!known(v?.components, componentKey)) return MACHINE_NOT_FOUND;
  if (regionKey !== null && !(v ? v.componentRegions.has(`${componentKey}/${regionKey}`) : KEY.test(regionKey)))
    return MACHINE_NOT_FOUND;
  return {
    kind: "snapshot",
    key: regionKey === null ? `/badge/${componentKey}.svg` : `/badge/${componentKey}/${regionKey}.svg`,
    route: "badge",
    page: false,
  };
}

/**
 * What serves a request target (path and query, as in the request line):
 * a snapshot under its canonical key, the shared 404, or Next (not a
 * snapshot route). Without a vocabulary, values are checked by format only.
 */
export function resolveSnapshot(target: string, vocabulary?: SnapshotVocabulary): SnapshotTarget {
  const exact = EXACT.get(target);
  if (exact !== undefined) return exact;
  let url: URL;
  try {
    url = new URL(target, "http://snapshot.invalid");
  } catch {
    return NEXT;
  }
  if (url.host !== "snapshot.invalid") return NEXT;
  const segments = segmentsOf(url.pathname);
  if (segments === null) return NEXT;
  const [first = "", second] = segments;
  if (segments.length === 0 || (segments.length === 1 && first === ""))
    return { kind: "snapshot", key: "/", route: "home", page: true };
  if (segments.length === 1 && first === "history") return history(url, vocabulary);
  // The integrators' page reads no query: its live examples change with the status, like every snapshot.
  if (segments.length === 1 && first === "developers")
    return { kind: "snapshot", key: "/developers", route: "developers", page: true };
  if (segments.length === 1 && FEEDS.has(first)) return feed(first, url, vocabulary);
  if (first === "api" && second === "v2") {
    const name = segments.slice(2).join("/");
    return name.endsWith(".json") && API.has(name.slice(0, -5))
      ? { kind: "snapshot", key: `/api/v2/${name}`, route: "api", page: false }
      : NEXT;
  }
  if (first === "badge" && segments.length >= 2) return badge(segments, vocabulary);
  const detail = {
    incidents: vocabulary?.incidents,
    maintenance: vocabulary?.maintenances,
    regions: vocabulary?.regions,
  } as const;
  // Only /<kind>/<one segment>: deeper paths (a postmortem page, say) are Next's.
  if ((Object.hasOwn(detail, first) || first === "components") && segments.length === 2) {
    if (!SEGMENT.test(second!)) return PAGE_NOT_FOUND;
    if (first === "components") return component(second!, url, vocabulary);
    const set = detail[first as keyof typeof detail];
    if (!known(set, second!, first === "regions" ? KEY : SEGMENT)) return PAGE_NOT_FOUND;
    return { kind: "snapshot", key: `/${first}/${second}`, route: first, page: true };
  }
  return NEXT;
}

/** The snapshot key for a request target, or null when it is not served from a snapshot. */
export function snapshotKey(target: string, vocabulary?: SnapshotVocabulary): string | null {
  const resolved = resolveSnapshot(target, vocabulary);
  return resolved.kind === "snapshot" ? resolved.key : null;
}

/** RFC 9110 If-None-Match: a list of (weak or strong) entity tags, or "*". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => bare(tag) === bare(etag));
}

/** Picks the body encoding a client accepts, best first. */
export function pickEncoding(
  acceptEncoding: string | undefined,
  available: { br: boolean; gzip: boolean },
): "br" | "gzip" | "identity" {
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
