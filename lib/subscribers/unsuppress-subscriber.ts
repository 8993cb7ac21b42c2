// An admin lifts a suppression (a bounce that was the mailbox's fault, a
// webhook that is back): the subscriber gets the next events again. Earlier
// events are not resent. Conditional on the row still being suppressed, so two admins end in one change.
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { subscriberState } from "../domain/subscriber-state.ts";
import { AppError } from "../errors.ts";
import { assertMayManageSubscribers } from "./console-permission.ts";
import { subscriberIdInput } from "./remove-subscriber.ts";
import type { z } from "zod";

export async function unsuppressSubscriber(
  db: Db,
  actor: Actor,
  input: z.input<typeof subscriberIdInput>,
): Promise<{ state: ReturnType<typeof subscriberState> }> {
  assertMayManageSubscribers(actor);
  const { subscriberId } = subscriberIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.subscriber.findUnique({ where: { id: subscriberId } });
    if (!row) throw new AppError("NOT_FOUND", "There is no such subscriber; they may have been removed.");
    const lifted = await tx.subscriber.updateMany({
      where: { id: row.id, suppressedAt: { not: null } },
      data: { suppressedAt: null, suppressReason: null },
    });
    if (lifted.count !== 1) throw new AppError("INVALID_TRANSITION", "This subscriber is not suppressed.");
    const after = { ...row, suppressedAt: null };
    await recordAudit(tx, actor, {
      action: "subscriber.unsuppress",
      entityType: "Subscriber",
      entityId: row.id,
      before: { suppressedAt: row.suppressedAt, suppressReason: row.suppressReason },
      after: { suppressedAt: null, state: subscriberState(after) },
    });
    return { state: subscriberState(after) };
  });
}
