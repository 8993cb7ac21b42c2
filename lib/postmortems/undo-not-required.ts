// Take back "not required". A row that only carried the mark goes away, so
// that the postmortem can be started (and pre-filled) like any other.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export const undoNotRequiredInput = z.object({ incidentId: z.string().trim().min(1) });
export type UndoNotRequiredInput = z.input<typeof undoNotRequiredInput>;

/** postmortemId null: the row only carried the mark and was removed. */
export async function undoNotRequired(db: Db, actor: Actor, input: UndoNotRequiredInput, options: { now?: Date } = {}): Promise<{ postmortemId: string | null }> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
