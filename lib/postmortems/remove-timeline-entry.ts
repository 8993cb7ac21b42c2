// Remove an engineer's own entry. Entries from the record can only be hidden:
// the next refresh would bring them back.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { sendBackToReview } from "./postmortem-version.ts";
import { findEntry, requireTimelineWrite } from "./timeline-access.ts";

export const removeTimelineEntryInput = z.object({ entryId: z.string().trim().min(1) });
export type RemoveTimelineEntryInput = z.input<typeof removeTimelineEntryInput>;

export async function removeTimelineEntry(
  db: Db,
  actor: Actor,
  input: RemoveTimelineEntryInput,
  options: { now?: Date } = {},
): Promise<void> {
  requireTimelineWrite(actor);
  const { entryId } = parseInput(removeTimelineEntryInput, input);
  const now = options.now ?? new Date();
  await db.$transaction(async (tx) => {
    const entry = await findEntry(tx, entryId);
    if (entry.sourceKey !== null) {
      throw new AppError(
        "BAD_REQUEST",
        "This entry comes from the incident's record and would come back; hide it from the public version instead.",
      );
    }
    await tx.timelineEntry.delete({ where: { id: entryId } });
    const backToReview = entry.hidden ? false : await sendBackToReview(tx, entry.postmortemId, now);
    await recordAudit(tx, actor, {
      action: "postmortem.timeline.remove",
      entityType: "Postmortem",
      entityId: entry.postmortemId,
      before: { entryId, at: entry.at, text: entry.text },
      after: { backToReview },
    });
  });
}
