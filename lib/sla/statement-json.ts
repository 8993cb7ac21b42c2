// The statement as JSON for machines (a billing system pulling it): numbers
// as numbers, times as ISO strings, keys in a stable (sorted) order so that
// equal statements are equal bytes and the SHA-256 means something.
import type { Statement } from "./types.ts";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "number" && !Number.isFinite(value))
    throw new RangeError("A statement holds only finite numbers.");
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) sorted[key] = canonical(v);
  }
  return sorted;
}

/** JSON with sorted keys, two-space indented, ending in a newline. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}

export function statementJson(statement: Statement): string {
  return canonicalJson(statement);
}
