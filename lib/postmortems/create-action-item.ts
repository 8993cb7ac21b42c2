// A follow-up that must get done, with an owner and a due date.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { actionItemFields } from "./action-item-input.ts";
import type { ActionItemView } from "./types.ts";

export const createActionItemInput = z.object({ postmortemId: z.string().trim().min(1), ...actionItemFields });
export type CreateActionItemInput = z.input<typeof createActionItemInput>;

export async function createActionItem(db: Db, actor: Actor, input: CreateActionItemInput, options: { now?: Date } = {}): Promise<ActionItemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
