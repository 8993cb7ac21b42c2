// Move an action item: open → in_progress → done; any unfinished one to
// wont_do with a reason; done or wont_do back to open.
import { z } from "zod";
import type { Db } from "../db.ts";
import { ACTION_ITEM_STATES } from "../domain/postmortem-action-items.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { ActionItemView } from "./types.ts";

export const transitionActionItemInput = z.object({
  actionItemId: z.string().trim().min(1),
  to: z.enum(ACTION_ITEM_STATES),
  /** Required for wont_do. */
  reason: z.string().trim().max(2_000).optional(),
});
export type TransitionActionItemInput = z.input<typeof transitionActionItemInput>;

export async function transitionActionItem(db: Db, actor: Actor, input: TransitionActionItemInput, options: { now?: Date } = {}): Promise<ActionItemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
