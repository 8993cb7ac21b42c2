// Correct the time or the words of a timeline entry (automatic ones too: the
// record's refresh never overwrites them again).
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { MAX_TIMELINE_TEXT } from "./add-timeline-entry.ts";
import type { TimelineEntryView } from "./types.ts";

export const editTimelineEntryInput = z.object({
  entryId: z.string().trim().min(1),
  at: z.coerce.date({ error: "Give the time it happened." }).optional(),
  text: z.string().trim().min(1, "Say what happened.").max(MAX_TIMELINE_TEXT).optional(),
});
export type EditTimelineEntryInput = z.input<typeof editTimelineEntryInput>;

export async function editTimelineEntry(db: Db, actor: Actor, input: EditTimelineEntryInput, options: { now?: Date } = {}): Promise<TimelineEntryView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
