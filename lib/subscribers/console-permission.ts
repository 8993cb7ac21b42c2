// Only admins change subscribers from the console; every verb asks first, so no caller can forget.
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export function assertMayManageSubscribers(actor: Actor): void {
  if (!can(actor.role, "subscriber.manage")) throw new AppError("FORBIDDEN", "Only admins change subscribers.");
}
