// Library verbs re-validate their input (actions, the API and the worker all
// call them) and report problems per field, as AppError("VALIDATION").
import { z } from "zod";
import { AppError, fieldErrorsFromZod } from "./errors.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Some fields are not valid.", {
      fields: fieldErrorsFromZod(parsed.error),
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** PostgreSQL text cannot hold U+0000: free text drops it instead of failing the whole write. */
export function storableText<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" ? value.replaceAll("\u0000", "") : value), schema);
}
