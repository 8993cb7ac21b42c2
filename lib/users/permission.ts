// Only admins manage people; every verb here asks first, so no caller can forget.
import { AppError } from "../errors.ts";
import { type Actor, can } from "../domain/roles.ts";

export function assertMayManageUsers(actor: Actor): void {
  if (!can(actor.role, "user.manage")) throw new AppError("FORBIDDEN", "Only admins manage users.");
}
