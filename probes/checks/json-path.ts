// A deliberately small JSON path: `$`, dotted keys and [n] indices, enough
// for health endpoints ("$.status", "$.data.items[0].id"). Pure.

export type JsonPathSegment = { key: string } | { index: number };

export type JsonPathLookup = { found: true; value: unknown } | { found: false };

/** The path's segments, or null when it is not a path this evaluator understands. */
export function parseJsonPath(path: string): JsonPathSegment[] | null {
  if (!path.startsWith("$")) return null;
  const segments: JsonPathSegment[] = [];
  const segment = /\.([^.[\]]+)|\[(\d+)\]/y;
  segment.lastIndex = 1;
  while (segment.lastIndex < path.length) {
    const match = segment.exec(path);
    if (!match) return null;
    const [, key, index] = match;
    segments.push(key !== undefined ? { key } : { index: Number(index) });
  }
  return segments;
}

/** Follows the path through a parsed JSON document; only own keys count. */
export function evaluateJsonPath(document: unknown, path: string | readonly JsonPathSegment[]): JsonPathLookup {
  const segments = typeof path === "string" ? parseJsonPath(path) : path;
  if (!segments) return { found: false };
  let current: unknown = document;
  for (const segment of segments) {
    if ("index" in segment) {
      if (!Array.isArray(current) || segment.index >= current.length) return { found: false };
      current = current[segment.index];
    } else {
      // Arrays are reached by index only, so "$.items.length" is not a thing.
      if (current === null || typeof current !== "object" || Array.isArray(current)) return { found: false };
      if (!Object.hasOwn(current, segment.key)) return { found: false };
      current = (current as Record<string, unknown>)[segment.key];
    }
  }
  return { found: true, value: current };
}
