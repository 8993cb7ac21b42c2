// An admin removes a subscriber: the row, their scope and their outbox rows
// go (cascade), so nothing more is sent. The audit entry keeps the masked
// address only — removing personal data must not copy it into the trail.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { maskAddress, subscriberState } from "../domain/subscriber-state.ts";
import { AppError } from "../errors.ts";
import { subscriberAddress } from "./address.ts";
import { assertMayManageSubscribers } from "./console-permission.ts";

export const subscriberIdInput = z.object({ subscriberId: z.string().trim().min(1).max(40) });

export async function removeSubscriber(
  db: Db,
  actor: Actor,
  input: z.input<typeof subscriberIdInput>,
): Promise<{ address: string }> {
  assertMayManageSubscribers(actor);
  const { subscriberId } = subscriberIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const row = await tx.subscriber.findUnique({ where: { id: subscriberId } });
    if (!row) throw new AppError("NOT_FOUND", "There is no such subscriber; they may have been removed already.");
    await tx.subscriber.delete({ where: { id: row.id } });
    const masked = maskAddress(subscriberAddress(row));
    await recordAudit(tx, actor, {
      action: "subscriber.remove",
      entityType: "Subscriber",
      entityId: row.id,
      before: { address: masked, channel: row.channel, state: subscriberState(row) },
    });
    return { address: subscriberAddress(row) };
  });
}
