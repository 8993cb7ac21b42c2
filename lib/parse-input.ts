// Library verbs re-validate their input (actions, the API and the worker all
// call them) and report problems per field, as AppError("VALIDATION").
import type { z } from "zod";
import { AppError, fieldErrorsFromZod } from "./errors.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Some fields are not valid.", { fields: fieldErrorsFromZod(parsed.error), cause: parsed.error });
  }
  return parsed.data;
}
