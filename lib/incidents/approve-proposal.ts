// Approve a detected incident: from now on it is public and subscribers hear
// of it. The approver may correct the title and impact and write the first
// message readers see.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { announcePublicChange } from "../public/changes.ts";
import { affectedSnapshot, IMPACT_VALUES, priorityOf } from "./affected-component-regions.ts";
import { type IncidentDetail, loadIncidentDetail } from "./get-incident.ts";
import { auditState, claimIncidentWrite, openIncidentWrite } from "./incident-version.ts";
import { notifyIncidentSubscribers } from "./notify-subscribers.ts";

export const approveProposalInput = z.object({
  incidentId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0),
  title: z.string().trim().min(1, "Give the incident a title.").max(200).optional(),
  impact: z.enum(IMPACT_VALUES).optional(),
  message: z.string().trim().min(1).max(20_000).optional(),
  notifySubscribers: z.boolean().default(true),
});
export type ApproveProposalInput = z.input<typeof approveProposalInput>;

function defaultMessage(detail: IncidentDetail): string {
  const components = [...new Set(detail.componentRegions.map((cr) => cr.componentName))].join(", ");
  const regions = detail.componentRegions.map((cr) => cr.regionName).join(", ");
  return `Our monitoring detected a problem with ${components} in ${regions}. We are investigating.`;
}

export async function approveProposal(
  db: Db,
  actor: Actor,
  input: ApproveProposalInput,
  options: { now?: Date } = {},
): Promise<IncidentDetail> {
  if (!can(actor.role, "incident.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may approve detected incidents.");
  const data = parseInput(approveProposalInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await openIncidentWrite(tx, data.incidentId, data.expectedVersion);
    if (before.review !== "proposed") {
      throw new AppError(
        "INVALID_TRANSITION",
        before.review === "approved"
          ? "This incident is already approved and public."
          : "This proposal was dismissed; it cannot be approved.",
      );
    }
    await claimIncidentWrite(tx, data.incidentId, data.expectedVersion);

    const impact = data.impact ?? before.impact;
    const message = data.message ?? defaultMessage(before);
    await tx.incident.update({
      where: { id: data.incidentId },
      data: {
        title: data.title ?? before.title,
        impact,
        priority: priorityOf(impact, before.componentRegions),
        review: "approved",
        publishedAt: now,
        acknowledgedAt: before.acknowledgedAt ?? now,
      },
    });
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: data.incidentId,
        status: before.status,
        message,
        affected: affectedSnapshot(before.componentRegions) as object[],
        notifySubscribers: data.notifySubscribers,
        authorId: actor.id,
        createdAt: now,
      },
    });
    const after = (await loadIncidentDetail(tx, data.incidentId))!;
    await recordAudit(tx, actor, {
      action: "incident.approve",
      entityType: "Incident",
      entityId: data.incidentId,
      before: auditState(before),
      after: { ...auditState(after), message, updateId: update.id },
    });
    await announcePublicChange(tx, `incident:${data.incidentId}`);
    if (data.notifySubscribers) {
      await notifyIncidentSubscribers(tx, {
        kind: "incident_published",
        incident: after,
        message,
        affected: after.componentRegions,
        componentRegionIds: after.componentRegions.map((cr) => cr.componentRegionId),
        dedupeKey: `incident_published:${data.incidentId}`,
        at: now,
      });
    }
    return after;
  });
}
