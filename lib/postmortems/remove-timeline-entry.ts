// Remove an engineer's own entry. Entries from the record can only be hidden:
// the next refresh would bring them back.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export const removeTimelineEntryInput = z.object({ entryId: z.string().trim().min(1) });
export type RemoveTimelineEntryInput = z.input<typeof removeTimelineEntryInput>;

export async function removeTimelineEntry(db: Db, actor: Actor, input: RemoveTimelineEntryInput, options: { now?: Date } = {}): Promise<void> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
