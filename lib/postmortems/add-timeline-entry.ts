// An engineer's own timeline entry, e.g. "14:02 deploy 4711 rolled back".
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { TimelineEntryView } from "./types.ts";

export const MAX_TIMELINE_TEXT = 5_000;

export const addTimelineEntryInput = z.object({
  postmortemId: z.string().trim().min(1),
  at: z.coerce.date({ error: "Give the time it happened." }),
  text: z.string().trim().min(1, "Say what happened.").max(MAX_TIMELINE_TEXT),
});
export type AddTimelineEntryInput = z.input<typeof addTimelineEntryInput>;

export async function addTimelineEntry(db: Db, actor: Actor, input: AddTimelineEntryInput, options: { now?: Date } = {}): Promise<TimelineEntryView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
