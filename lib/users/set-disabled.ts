// An admin disables a person (their sessions end at once) or enables them
// again. Disabled people cannot sign in; their past work keeps their name.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record.ts";
import { assertAnotherActiveAdmin } from "./last-admin.ts";
import { type ConsoleUser, toConsoleUser } from "./list-users.ts";
import { assertMayManageUsers } from "./permission.ts";

export const setUserDisabledInput = z.object({
  userId: z.string().min(1),
  disabled: z.boolean(),
});

export async function setUserDisabled(
  db: Db,
  actor: Actor,
  input: z.input<typeof setUserDisabledInput>,
  now = new Date(),
): Promise<ConsoleUser> {
  assertMayManageUsers(actor);
  const data = setUserDisabledInput.parse(input);
  if (data.disabled && data.userId === actor.id)
    throw new AppError("INVALID_TRANSITION", "You cannot disable yourself.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: data.userId } });
    if (!user) throw new AppError("NOT_FOUND", "There is no such user.");
    if ((user.disabledAt !== null) === data.disabled) return toConsoleUser(user);
    if (data.disabled && user.role === "ADMIN") await assertAnotherActiveAdmin(tx, user.id, "Cannot disable this user");
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: data.disabled ? now : null } });
    let sessionsEnded = 0;
    if (data.disabled) sessionsEnded = (await tx.session.deleteMany({ where: { userId: user.id } })).count;
    await recordAudit(tx, actor, {
      action: data.disabled ? "user.disable" : "user.enable",
      entityType: "User",
      entityId: user.id,
      before: { disabledAt: user.disabledAt },
      after: data.disabled ? { disabledAt: updated.disabledAt, sessionsEnded } : { disabledAt: null },
    });
    return toConsoleUser(updated);
  });
}
