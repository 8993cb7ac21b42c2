// An admin changes a person's role. The form says which role it saw, so a
// change made meanwhile by another admin ends in a conflict, not an overwrite.
import { z } from "zod";
import type { Db } from "../db.ts";
import { type Actor, ROLE_LABEL } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record.ts";
import { ROLES } from "./add-user.ts";
import { assertAnotherActiveAdmin } from "./last-admin.ts";
import { type ConsoleUser, toConsoleUser } from "./list-users.ts";
import { assertMayManageUsers } from "./permission.ts";

export const changeUserRoleInput = z.object({
  userId: z.string().min(1),
  expectedRole: z.enum(ROLES),
  role: z.enum(ROLES, { error: "Choose a role" }),
});

export async function changeUserRole(
  db: Db,
  actor: Actor,
  input: z.input<typeof changeUserRoleInput>,
): Promise<ConsoleUser> {
  assertMayManageUsers(actor);
  const data = changeUserRoleInput.parse(input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId } });
    if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
    if (user.role !== data.expectedRole) {
      throw new AppError("CONFLICT", `Someone changed ${user.email}'s role to ${ROLE_LABEL[user.role]} meanwhile.`, {
        details: toConsoleUser(user),
      });
    }
    if (user.role === data.role) return toConsoleUser(user);
    if (user.role === "ADMIN") await assertAnotherActiveAdmin(tx, user.id, "Cannot change the role");
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: data.role } });
    await recordAudit(tx, actor, {
      action: "user.change-role",
      entityType: "User",
      entityId: user.id,
      before: { role: user.role },
      after: { role: updated.role },
    });
    return toConsoleUser(updated);
  });
}
