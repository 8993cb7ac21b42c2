// A P3/P4 incident's postmortem judged unnecessary, with the reason. P1 and P2
// always need one. With no postmortem yet, an empty row carries the mark.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { mayMarkNotRequired } from "../domain/postmortem-policy.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { incidentNotFound } from "../incidents/incident-version.ts";
import { parseInput } from "../parse-input.ts";

export const markNotRequiredInput = z.object({
  incidentId: z.string().trim().min(1),
  reason: z.string().trim().min(1, "Say why no postmortem is needed.").max(2_000),
});
export type MarkNotRequiredInput = z.input<typeof markNotRequiredInput>;

export async function markNotRequired(
  db: Db,
  actor: Actor,
  input: MarkNotRequiredInput,
  options: { now?: Date } = {},
): Promise<{ postmortemId: string }> {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins decide about postmortems.");
  const data = parseInput(markNotRequiredInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: data.incidentId },
      select: { priority: true, review: true, postmortem: true },
    });
    if (!incident) throw incidentNotFound();
    if (incident.review !== "approved")
      throw new AppError("INVALID_TRANSITION", "Only a public incident has a postmortem to decide about.");
    if (!mayMarkNotRequired(incident.priority)) {
      throw new AppError(
        "INVALID_TRANSITION",
        `${incident.priority} incidents always need a postmortem; only P3 and P4 may be marked not required.`,
      );
    }
    const existing = incident.postmortem;
    if (existing?.firstPublishedAt) throw new AppError("INVALID_TRANSITION", "This postmortem is already published.");
    const fields = { notRequired: true, notRequiredReason: data.reason, dueAt: null };
    const postmortem = existing
      ? await tx.postmortem.update({ where: { id: existing.id }, data: { ...fields, version: { increment: 1 } } })
      : await tx.postmortem.create({
          data: { incidentId: data.incidentId, ...fields, authorId: actor.id, ownerId: actor.id, createdAt: now },
        });
    await recordAudit(tx, actor, {
      action: "postmortem.not_required",
      entityType: "Postmortem",
      entityId: postmortem.id,
      before: existing
        ? { notRequired: existing.notRequired, notRequiredReason: existing.notRequiredReason }
        : undefined,
      after: { incidentId: data.incidentId, notRequired: true, notRequiredReason: data.reason },
    });
    return { postmortemId: postmortem.id };
  });
}
