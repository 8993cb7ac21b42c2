// Follow later changes to the record: new automatic timeline entries are added
// once (by sourceKey); what engineers wrote, starred or hid is never touched.
// The measured impact and the due date are computed again.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { postmortemDueAt } from "../domain/postmortem-policy.ts";
import { collectTimeline } from "../domain/postmortem-timeline.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { measureImpact } from "./measure-impact.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";
import { loadRecordFacts } from "./record-facts.ts";
import { insertRecordEntries } from "./record-entries.ts";
import { postmortemPolicySettings } from "./settings.ts";

export const refreshFromRecordInput = z.object({ postmortemId: z.string().trim().min(1) });
export type RefreshFromRecordInput = z.input<typeof refreshFromRecordInput>;

export interface RefreshResult {
  /** Timeline entries added from the record. */
  added: number;
}

/** `actor` null: the system (e.g. the worker after an incident resolves); nothing is audited then. */
export async function refreshFromRecord(
  db: Db,
  actor: Actor | null,
  input: RefreshFromRecordInput,
  options: { now?: Date } = {},
): Promise<RefreshResult> {
  if (actor && !can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins write postmortems.");
  const { postmortemId } = parseInput(refreshFromRecordInput, input);
  const now = options.now ?? new Date();
  const postmortem = await db.postmortem.findUnique({
    where: { id: postmortemId },
    select: { incidentId: true, notRequired: true },
  });
  if (!postmortem) throw postmortemNotFound();
  // The record is only read; the write below is one short transaction.
  const facts = (await loadRecordFacts(db, postmortem.incidentId, now))!;
  const report = await measureImpact(db, postmortem.incidentId, now);
  const dueAt = postmortem.notRequired
    ? null
    : postmortemDueAt(facts.incident.priority, facts.incident.resolvedAt, postmortemPolicySettings());
  return db.$transaction(async (tx) => {
    const added = await insertRecordEntries(tx, postmortemId, collectTimeline(facts), now);
    await tx.postmortem.update({
      where: { id: postmortemId },
      data: { impactReport: report ? (report as object) : undefined, dueAt },
    });
    if (actor) {
      await recordAudit(tx, actor, {
        action: "postmortem.refresh",
        entityType: "Postmortem",
        entityId: postmortemId,
        after: { added, dueAt },
      });
    }
    return { added };
  });
}
