// Star an entry (it matters), or hide it from the public version.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { TimelineEntryView } from "./types.ts";

export const setTimelineEntryFlagsInput = z.object({
  entryId: z.string().trim().min(1),
  starred: z.boolean().optional(),
  hidden: z.boolean().optional(),
});
export type SetTimelineEntryFlagsInput = z.input<typeof setTimelineEntryFlagsInput>;

export async function setTimelineEntryFlags(db: Db, actor: Actor, input: SetTimelineEntryFlagsInput, options: { now?: Date } = {}): Promise<TimelineEntryView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
