// Change an action item's fields (not its state: see transition-action-item.ts).
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { actionItemFields } from "./action-item-input.ts";
import type { ActionItemView } from "./types.ts";

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

export async function updateActionItem(db: Db, actor: Actor, input: UpdateActionItemInput, options: { now?: Date } = {}): Promise<ActionItemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
