// Take back "not required". A row that only carried the mark goes away, so
// the postmortem can be started (and pre-filled) like any other.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { POSTMORTEM_SECTION_KEYS } from "../domain/postmortem-sections.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";

export const undoNotRequiredInput = z.object({ incidentId: z.string().trim().min(1) });
export type UndoNotRequiredInput = z.input<typeof undoNotRequiredInput>;

/** postmortemId null: the row only carried the mark and was removed. */
export async function undoNotRequired(
  db: Db,
  actor: Actor,
  input: UndoNotRequiredInput,
  _options: { now?: Date } = {},
): Promise<{ postmortemId: string | null }> {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins decide about postmortems.");
  const { incidentId } = parseInput(undoNotRequiredInput, input);
  return db.$transaction(async (tx) => {
    const postmortem = await tx.postmortem.findUnique({
      where: { incidentId },
      include: { _count: { select: { timeline: true, actionItems: true } } },
    });
    if (!postmortem?.notRequired)
      throw new AppError("INVALID_TRANSITION", "This incident's postmortem is not marked as not required.");
    const empty =
      postmortem.impactReport === null &&
      postmortem._count.timeline === 0 &&
      postmortem._count.actionItems === 0 &&
      POSTMORTEM_SECTION_KEYS.every((key) => postmortem[key] === "");
    if (empty) await tx.postmortem.delete({ where: { id: postmortem.id } });
    else
      await tx.postmortem.update({
        where: { id: postmortem.id },
        data: { notRequired: false, notRequiredReason: null, version: { increment: 1 } },
      });
    await recordAudit(tx, actor, {
      action: "postmortem.required_again",
      entityType: "Postmortem",
      entityId: postmortem.id,
      before: { notRequired: true, notRequiredReason: postmortem.notRequiredReason },
      after: { notRequired: false, removed: empty },
    });
    return { postmortemId: empty ? null : postmortem.id };
  });
}
