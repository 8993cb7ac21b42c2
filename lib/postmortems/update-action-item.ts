// Change an action item's fields (not its state: see transition-action-item.ts).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { dueDay } from "../domain/postmortem-action-items.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput } from "../parse-input.ts";
import { actionItemFields } from "./action-item-input.ts";
import { findActionItem, requireActionItemWrite, requireAssignableOwner } from "./action-item-access.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import type { ActionItemView } from "./types.ts";
import { actionItemInclude, toActionItemView } from "./views.ts";

/** Fields left out stay as they are; trackerUrl null removes the link. */
export const updateActionItemInput = z.object({
  actionItemId: z.string().trim().min(1),
  title: actionItemFields.title.optional(),
  description: z.string().max(20_000).optional(),
  ownerId: actionItemFields.ownerId.optional(),
  dueDate: actionItemFields.dueDate.optional(),
  priority: z.enum(["P1", "P2", "P3", "P4"]).optional(),
  type: actionItemFields.type.optional(),
  trackerUrl: actionItemFields.trackerUrl,
  isPublic: z.boolean().optional(),
});
export type UpdateActionItemInput = z.input<typeof updateActionItemInput>;

const PUBLIC_FIELDS = ["title", "dueDate", "priority", "type", "isPublic"] as const;

export async function updateActionItem(
  db: Db,
  actor: Actor,
  input: UpdateActionItemInput,
  options: { now?: Date } = {},
): Promise<ActionItemView> {
  requireActionItemWrite(actor);
  const data = parseInput(updateActionItemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await findActionItem(tx, data.actionItemId);
    if (data.ownerId !== undefined && data.ownerId !== before.ownerId) await requireAssignableOwner(tx, data.ownerId);
    const item = await tx.actionItem.update({
      where: { id: data.actionItemId },
      data: {
        title: data.title,
        description: data.description,
        ownerId: data.ownerId,
        dueDate: data.dueDate ? dueDay(data.dueDate) : undefined,
        priority: data.priority,
        type: data.type,
        trackerUrl: data.trackerUrl === undefined ? undefined : data.trackerUrl,
        isPublic: data.isPublic,
      },
      include: actionItemInclude,
    });
    const seenByReaders = before.isPublic || item.isPublic;
    const publicChange = seenByReaders && PUBLIC_FIELDS.some((f) => String(before[f]) !== String(item[f]));
    const backToReview = publicChange ? await sendBackToReview(tx, before.postmortemId, now) : false;
    const { owner: _owner, ...after } = item;
    await recordAudit(tx, actor, {
      action: "postmortem.action_item.update",
      entityType: "ActionItem",
      entityId: item.id,
      before,
      after: { ...after, backToReview },
    });
    return toActionItemView(item, now);
  });
}
