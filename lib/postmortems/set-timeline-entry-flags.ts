// Star an entry (it matters), or hide it from the public version. Hiding or
// showing one changes what readers would see; starring does not.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { parseInput } from "../parse-input.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import { findEntry, requireTimelineWrite } from "./timeline-access.ts";
import type { TimelineEntryView } from "./types.ts";
import { timelineEntryInclude, toTimelineEntryView } from "./views.ts";

export const setTimelineEntryFlagsInput = z.object({
  entryId: z.string().trim().min(1),
  starred: z.boolean().optional(),
  hidden: z.boolean().optional(),
});
export type SetTimelineEntryFlagsInput = z.input<typeof setTimelineEntryFlagsInput>;

export async function setTimelineEntryFlags(
  db: Db,
  actor: Actor,
  input: SetTimelineEntryFlagsInput,
  options: { now?: Date } = {},
): Promise<TimelineEntryView> {
  requireTimelineWrite(actor);
  const data = parseInput(setTimelineEntryFlagsInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await findEntry(tx, data.entryId);
    const entry = await tx.timelineEntry.update({
      where: { id: data.entryId },
      data: {
        ...(data.starred !== undefined ? { starred: data.starred } : {}),
        ...(data.hidden !== undefined ? { hidden: data.hidden } : {}),
      },
      include: timelineEntryInclude,
    });
    const backToReview = entry.hidden !== before.hidden ? await sendBackToReview(tx, before.postmortemId, now) : false;
    await recordAudit(tx, actor, {
      action: "postmortem.timeline.flags",
      entityType: "Postmortem",
      entityId: before.postmortemId,
      before: { entryId: before.id, starred: before.starred, hidden: before.hidden },
      after: { entryId: entry.id, starred: entry.starred, hidden: entry.hidden, backToReview },
    });
    return toTimelineEntryView(entry);
  });
}
