// What action-item verbs check: the permission, the owner (an enabled
// ENGINEER or ADMIN), and the item they name.
import type { Prisma } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

type Tx = Pick<Prisma.TransactionClient, "user" | "actionItem">;

export const ASSIGNABLE_ROLES = ["ENGINEER", "ADMIN"] as const;

export function requireActionItemWrite(actor: Actor): void {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins manage action items.");
}

function ownerError(message: string): AppError {
  return new AppError("VALIDATION", message, { fields: { ownerId: [message] } });
}

export async function requireAssignableOwner(tx: Tx, ownerId: string): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: ownerId },
    select: { role: true, disabledAt: true, email: true },
  });
  if (!user) throw ownerError("There is no such user to own this action item.");
  if (user.disabledAt) throw ownerError(`${user.email} is disabled and cannot own action items: choose someone else.`);
  if (!(ASSIGNABLE_ROLES as readonly string[]).includes(user.role))
    throw ownerError(`${user.email} is not an engineer or admin: only they own action items.`);
}

export async function findActionItem(tx: Tx, actionItemId: string) {
  const item = await tx.actionItem.findUnique({ where: { id: actionItemId } });
  if (!item) throw new AppError("NOT_FOUND", "There is no such action item.");
  return item;
}
