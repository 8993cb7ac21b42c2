// An engineer's own timeline entry, e.g. "14:02 deploy 4711 rolled back".
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput, storableText } from "../parse-input.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import { requirePostmortem, requireTimelineWrite } from "./timeline-access.ts";
import type { TimelineEntryView } from "./types.ts";
import { timelineEntryInclude, toTimelineEntryView } from "./views.ts";

export const MAX_TIMELINE_TEXT = 5_000;

export const addTimelineEntryInput = z.object({
  postmortemId: z.string().trim().min(1),
  at: z.coerce.date({ error: "Give the time it happened." }),
  text: storableText(z.string().trim().min(1, "Say what happened.").max(MAX_TIMELINE_TEXT)),
});
export type AddTimelineEntryInput = z.input<typeof addTimelineEntryInput>;

export async function addTimelineEntry(
  db: Db,
  actor: Actor,
  input: AddTimelineEntryInput,
  options: { now?: Date } = {},
): Promise<TimelineEntryView> {
  requireTimelineWrite(actor);
  const data = parseInput(addTimelineEntryInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    await requirePostmortem(tx, data.postmortemId);
    const entry = await tx.timelineEntry.create({
      data: {
        postmortemId: data.postmortemId,
        at: data.at,
        source: "engineer",
        text: data.text,
        authorId: actor.id,
        createdAt: now,
      },
      include: timelineEntryInclude,
    });
    const backToReview = await sendBackToReview(tx, data.postmortemId, now);
    await recordAudit(tx, actor, {
      action: "postmortem.timeline.add",
      entityType: "Postmortem",
      entityId: data.postmortemId,
      after: { entryId: entry.id, at: entry.at, text: entry.text, backToReview },
    });
    return toTimelineEntryView(entry);
  });
}
