// Move an action item: open → in_progress → done; any unfinished one to
// wont_do with a reason; done or wont_do back to open. Progress on an item is
// not an edit of the postmortem: it does not send it back to review.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { ACTION_ITEM_STATES, checkActionItemTransition } from "../domain/postmortem-action-items.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { findActionItem, requireActionItemWrite } from "./action-item-access.ts";
import type { ActionItemView } from "./types.ts";
import { actionItemInclude, toActionItemView } from "./views.ts";

export const transitionActionItemInput = z.object({
  actionItemId: z.string().trim().min(1),
  to: z.enum(ACTION_ITEM_STATES),
  /** Required for wont_do. */
  reason: z.string().trim().max(2_000).optional(),
});
export type TransitionActionItemInput = z.input<typeof transitionActionItemInput>;

export async function transitionActionItem(
  db: Db,
  actor: Actor,
  input: TransitionActionItemInput,
  options: { now?: Date } = {},
): Promise<ActionItemView> {
  requireActionItemWrite(actor);
  const data = parseInput(transitionActionItemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await findActionItem(tx, data.actionItemId);
    const move = checkActionItemTransition(before.state, data.to, "(reason checked below)");
    if (!move.ok) throw new AppError("INVALID_TRANSITION", move.reason);
    const check = checkActionItemTransition(before.state, data.to, data.reason);
    if (!check.ok) throw new AppError("VALIDATION", check.reason, { fields: { reason: [check.reason] } });
    // A concurrent transition from the same state loses: the state it started from is part of the condition.
    const { count } = await tx.actionItem.updateMany({
      where: { id: data.actionItemId, state: before.state },
      data: {
        state: data.to,
        completedAt: data.to === "done" ? now : null,
        wontDoReason: data.to === "wont_do" ? data.reason! : null,
      },
    });
    if (count !== 1)
      throw new AppError("CONFLICT", "Someone else changed this action item's state just now; look again.");
    const item = await tx.actionItem.findUniqueOrThrow({
      where: { id: data.actionItemId },
      include: actionItemInclude,
    });
    await recordAudit(tx, actor, {
      action: "postmortem.action_item.transition",
      entityType: "ActionItem",
      entityId: item.id,
      before: { state: before.state },
      after: { state: item.state, wontDoReason: item.wontDoReason },
    });
    return toActionItemView(item, now);
  });
}
