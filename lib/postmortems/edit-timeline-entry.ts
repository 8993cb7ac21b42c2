// Correct the time or the words of a timeline entry (automatic ones too: the
// record's refresh never overwrites an entry that exists).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput, storableText } from "../parse-input.ts";
import { MAX_TIMELINE_TEXT } from "./add-timeline-entry.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import { findEntry, requireTimelineWrite } from "./timeline-access.ts";
import type { TimelineEntryView } from "./types.ts";
import { timelineEntryInclude, toTimelineEntryView } from "./views.ts";

export const editTimelineEntryInput = z.object({
  entryId: z.string().trim().min(1),
  at: z.coerce.date({ error: "Give the time it happened." }).optional(),
  text: storableText(z.string().trim().min(1, "Say what happened.").max(MAX_TIMELINE_TEXT)).optional(),
});
export type EditTimelineEntryInput = z.input<typeof editTimelineEntryInput>;

export async function editTimelineEntry(
  db: Db,
  actor: Actor,
  input: EditTimelineEntryInput,
  options: { now?: Date } = {},
): Promise<TimelineEntryView> {
  requireTimelineWrite(actor);
  const data = parseInput(editTimelineEntryInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await findEntry(tx, data.entryId);
    const entry = await tx.timelineEntry.update({
      where: { id: data.entryId },
      data: { ...(data.at ? { at: data.at } : {}), ...(data.text !== undefined ? { text: data.text } : {}) },
      include: timelineEntryInclude,
    });
    const changed = entry.at.getTime() !== before.at.getTime() || entry.text !== before.text;
    const backToReview = changed && !before.hidden ? await sendBackToReview(tx, before.postmortemId, now) : false;
    await recordAudit(tx, actor, {
      action: "postmortem.timeline.edit",
      entityType: "Postmortem",
      entityId: before.postmortemId,
      before: { entryId: before.id, at: before.at, text: before.text },
      after: { entryId: entry.id, at: entry.at, text: entry.text, backToReview },
    });
    return toTimelineEntryView(entry);
  });
}
