// The sections form's answer: the console's FormState plus, after "Preview",
// the sanitized HTML of what was typed. No server-only imports (client forms read it).
import type { FormState } from "../../../../_lib/form-state.ts";

export interface SectionsFormState extends FormState {
  /** Section key → sanitized HTML of the typed text (lib/markdown/render.ts). */
  previews?: Record<string, string>;
}

export const SECTIONS_IDLE: SectionsFormState = { status: "idle", seq: 0 };

/** A `datetime-local` value is written in UTC here (the label says so); the library reads an ISO time. */
export function utcFromInput(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(trimmed)) return `${trimmed}:00Z`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed)) return `${trimmed}Z`;
  return trimmed === "" ? undefined : trimmed;
}

/** The value a `datetime-local` input shows for a time, in UTC. */
export function inputFromUtc(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 16);
}
