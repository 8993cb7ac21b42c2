// Start the postmortem of an incident, pre-filled from the record: measured
// impact, detection, the timeline, and drafts of Summary and Mitigation.
// The record is read before the write transaction (it is only read); the
// unique incidentId makes a second, concurrent start a CONFLICT.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { detectionDraft, impactDraft, mitigationDraft, summaryDraft } from "../domain/postmortem-drafts.ts";
import { postmortemDueAt } from "../domain/postmortem-policy.ts";
import { collectTimeline } from "../domain/postmortem-timeline.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError, toAppError } from "../errors.ts";
import { incidentNotFound } from "../incidents/incident-version.ts";
import { parseInput } from "../parse-input.ts";
import { loadPostmortemView } from "./get-postmortem.ts";
import { measureImpact } from "./measure-impact.ts";
import { loadRecordFacts } from "./record-facts.ts";
import { insertRecordEntries } from "./record-entries.ts";
import { postmortemPolicySettings } from "./settings.ts";
import type { PostmortemView } from "./types.ts";

export const createPostmortemInput = z.object({ incidentId: z.string().trim().min(1) });
export type CreatePostmortemInput = z.input<typeof createPostmortemInput>;

function alreadyExists(postmortemId: string | null): AppError {
  return new AppError("CONFLICT", "This incident already has a postmortem: open it instead.", {
    details: { postmortemId },
  });
}

async function checkIncident(db: Db, incidentId: string): Promise<void> {
  const incident = await db.incident.findUnique({
    where: { id: incidentId },
    select: { review: true, postmortem: { select: { id: true } } },
  });
  if (!incident) throw incidentNotFound();
  if (incident.review === "proposed")
    throw new AppError(
      "INVALID_TRANSITION",
      "This incident is still a proposal: approve it before writing its postmortem.",
    );
  if (incident.review === "dismissed")
    throw new AppError(
      "INVALID_TRANSITION",
      "This proposal was dismissed; it was never an incident and has no postmortem.",
    );
  if (incident.postmortem) throw alreadyExists(incident.postmortem.id);
}

/** CONFLICT (details: { postmortemId }) when the incident already has one; NOT_FOUND for an unknown incident. */
export async function createPostmortem(
  db: Db,
  actor: Actor,
  input: CreatePostmortemInput,
  options: { now?: Date } = {},
): Promise<PostmortemView> {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins write postmortems.");
  const { incidentId } = parseInput(createPostmortemInput, input);
  const now = options.now ?? new Date();
  await checkIncident(db, incidentId);
  const facts = (await loadRecordFacts(db, incidentId, now))!;
  const report = await measureImpact(db, incidentId, now);
  const settings = postmortemPolicySettings();
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.postmortem.create({
        data: {
          incidentId,
          summary: summaryDraft(facts, report, now),
          impact: report ? impactDraft(report) : "",
          detection: detectionDraft(facts),
          mitigation: mitigationDraft(facts),
          impactReport: report ? (report as object) : undefined,
          dueAt: postmortemDueAt(facts.incident.priority, facts.incident.resolvedAt, settings),
          authorId: actor.id,
          ownerId: actor.id,
          createdAt: now,
        },
      });
      const added = await insertRecordEntries(tx, created.id, collectTimeline(facts), now);
      await recordAudit(tx, actor, {
        action: "postmortem.create",
        entityType: "Postmortem",
        entityId: created.id,
        after: { incidentId, state: created.state, timelineEntries: added, dueAt: created.dueAt },
      });
      return (await loadPostmortemView(tx, actor, { postmortemId: created.id }, now, settings))!;
    });
  } catch (error) {
    // Two engineers starting it at once: the unique incidentId lets one through.
    if (toAppError(error).code === "CONFLICT") {
      const existing = await db.postmortem.findUnique({ where: { incidentId }, select: { id: true } });
      throw alreadyExists(existing?.id ?? null);
    }
    throw error;
  }
}
