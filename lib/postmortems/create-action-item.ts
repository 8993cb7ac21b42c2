// A follow-up that must get done, with an owner and a due date. A public one
// is part of what readers see, so adding it to an approved or published
// postmortem sends that back to review.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { dueDay } from "../domain/postmortem-action-items.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput } from "../parse-input.ts";
import { actionItemFields } from "./action-item-input.ts";
import { requireActionItemWrite, requireAssignableOwner } from "./action-item-access.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import type { ActionItemView } from "./types.ts";
import { actionItemInclude, toActionItemView } from "./views.ts";

export const createActionItemInput = z.object({ postmortemId: z.string().trim().min(1), ...actionItemFields });
export type CreateActionItemInput = z.input<typeof createActionItemInput>;

export async function createActionItem(
  db: Db,
  actor: Actor,
  input: CreateActionItemInput,
  options: { now?: Date } = {},
): Promise<ActionItemView> {
  requireActionItemWrite(actor);
  const data = parseInput(createActionItemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    if (!(await tx.postmortem.findUnique({ where: { id: data.postmortemId }, select: { id: true } })))
      throw postmortemNotFound();
    await requireAssignableOwner(tx, data.ownerId);
    const item = await tx.actionItem.create({
      data: {
        postmortemId: data.postmortemId,
        title: data.title,
        description: data.description,
        ownerId: data.ownerId,
        dueDate: dueDay(data.dueDate),
        priority: data.priority,
        type: data.type,
        trackerUrl: data.trackerUrl ?? null,
        isPublic: data.isPublic,
        createdAt: now,
      },
      include: actionItemInclude,
    });
    const backToReview = item.isPublic ? await sendBackToReview(tx, data.postmortemId, now) : false;
    await recordAudit(tx, actor, {
      action: "postmortem.action_item.create",
      entityType: "ActionItem",
      entityId: item.id,
      after: {
        postmortemId: item.postmortemId,
        title: item.title,
        ownerId: item.ownerId,
        dueDate: item.dueDate,
        priority: item.priority,
        type: item.type,
        isPublic: item.isPublic,
        backToReview,
      },
    });
    return toActionItemView(item, now);
  });
}
