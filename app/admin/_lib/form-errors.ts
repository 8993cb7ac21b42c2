// The one place that turns a library error into a form's answer (see
// form-state.ts). A refused permission becomes a 403, never a message.
import { forbidden, redirect } from "next/navigation";
import { SIGN_IN_PATH } from "@/lib/auth.ts";
import { toAppError } from "@/lib/errors.ts";
import { logError } from "@/lib/observability/log.ts";
import type { FormState, FormValues } from "./form-state.ts";

export function errorState(previous: FormState, error: unknown, values: FormValues): FormState {
  const appError = toAppError(error);
  const base = { status: "error" as const, values, seq: previous.seq + 1 };
  switch (appError.code) {
    case "FORBIDDEN":
      forbidden();
      break;
    case "UNAUTHENTICATED":
      redirect(SIGN_IN_PATH);
      break;
    case "VALIDATION":
      return { ...base, message: "Please correct the fields marked below.", fields: appError.fields };
    case "CONFLICT":
      return { ...base, message: appError.message, current: appError.details };
    case "NOT_FOUND":
    case "INVALID_TRANSITION":
    case "BAD_REQUEST":
    case "RATE_LIMITED":
      return { ...base, message: appError.message };
    default:
      logError("console action failed", appError.cause ?? appError);
  }
  return { ...base, message: "Something went wrong on our side. Nothing was saved; please try again." };
}
