// An engineer's own setting: email me when an error-budget burn-rate alert
// fires (lib/slo/evaluate-burn-alerts.ts sends to ENGINEER users who opted in).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";

export const setBurnAlertEmailsInput = z.object({ enabled: z.boolean() });
export type SetBurnAlertEmailsInput = z.input<typeof setBurnAlertEmailsInput>;

export async function setBurnAlertEmails(db: Db, actor: Actor, input: SetBurnAlertEmailsInput): Promise<boolean> {
  if (actor.role !== "ENGINEER")
    throw new AppError("FORBIDDEN", "Burn-rate alert emails go to engineers; ask an admin to change your role.");
  const { enabled } = parseInput(setBurnAlertEmailsInput, input);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.id }, select: { burnAlertEmails: true } });
    if (!before) throw new AppError("NOT_FOUND", "Your account no longer exists.");
    if (before.burnAlertEmails === enabled) return enabled;
    await tx.user.update({ where: { id: actor.id }, data: { burnAlertEmails: enabled } });
    await recordAudit(tx, actor, {
      action: "user.burn-alert-emails",
      entityType: "User",
      entityId: actor.id,
      before: { burnAlertEmails: before.burnAlertEmails },
      after: { burnAlertEmails: enabled },
    });
    return enabled;
  });
}

/** Whether this person asked for burn-rate alert emails. */
export async function burnAlertEmailsOf(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { burnAlertEmails: true } });
  return user?.burnAlertEmails ?? false;
}
