// The postmortem verbs' shared refusals, in a leaf module: the loaders and the
// writers both throw them, and neither may import the other for it.
import { AppError } from "../errors.ts";

export function postmortemNotFound(): AppError {
  return new AppError("NOT_FOUND", "There is no such postmortem.");
}
