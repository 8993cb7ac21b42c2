// What a subscription form shows after a submit; the server actions return it.
import { errorResponse, type FieldErrors } from "@/lib/errors.ts";

export interface FormState {
  status: "idle" | "done" | "error";
  message: string;
  fields?: FieldErrors;
  /** What the reader typed, to fill the form again after an error. */
  email?: string;
  manageUrl?: string;
  /** On the manage page: whether the subscription is active after this action. */
  active?: boolean;
}

export const IDLE: FormState = { status: "idle", message: "" };

/** An error as a form message; logs what the reader does not see (lib/errors.ts decides). */
export function errorState(error: unknown, keep: Partial<FormState> = {}): FormState {
  const { body } = errorResponse(error);
  return { ...keep, status: "error", message: body.error.message, fields: body.error.fields };
}
