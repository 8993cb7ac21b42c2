// What a console form's server action answers: field messages, a conflict
// with the current state, or a message — always with what the user typed.
// Shared by server actions and client forms (no server-only imports here).
import type { FieldErrors } from "@/lib/errors.ts";

export type FormValues = Record<string, string | string[]>;

export interface FormState<Current = unknown> {
  status: "idle" | "error" | "success";
  message?: string;
  fields?: FieldErrors;
  values?: FormValues;
  /** After a CONFLICT: the record as it is now. */
  current?: Current;
  /** Changes on every answer, so that a form can re-mount with `values`. */
  seq: number;
}

export const IDLE: FormState = { status: "idle", seq: 0 };

/** PostgreSQL text cannot hold U+0000; a pasted one would fail the whole save, so it goes here. */
const NUL = String.fromCharCode(0);

/** A form's fields; repeated names (checkboxes) become lists. Next's own `$ACTION…` fields are dropped. */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, raw] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof raw !== "string") continue;
    const value = raw.replaceAll(NUL, "");
    const previous = values[key];
    values[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return values;
}

export function success(previous: FormState, message: string): FormState {
  return { status: "success", message, seq: previous.seq + 1 };
}

export function firstError(state: FormState, field: string): string | undefined {
  return state.fields?.[field]?.[0];
}

export function typedValue(state: FormState, field: string, fallback = ""): string {
  const value = state.values?.[field];
  return typeof value === "string" ? value : fallback;
}

/** Form input handed to a library verb as is: the verb parses it with its zod schema. */
export function untrusted<T>(values: unknown): T {
  return values as T;
}
