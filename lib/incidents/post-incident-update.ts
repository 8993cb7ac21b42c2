// Post an update on a public incident: a message, the lifecycle status it is
// now in (resolved resolves it), and optionally a new impact or affected set.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { checkIncidentTransition, INCIDENT_STATUSES } from "../domain/incident-lifecycle.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { announcePublicChange } from "../public/changes.ts";
import {
  affectedComponentRegionsInput,
  affectedSnapshot,
  IMPACT_VALUES,
  priorityOf,
  resolveAffected,
} from "./affected-component-regions.ts";
import { type IncidentDetail, loadIncidentDetail } from "./get-incident.ts";
import { auditState, claimIncidentWrite, openIncidentWrite } from "./incident-version.ts";
import { notifyIncidentSubscribers } from "./notify-subscribers.ts";

export const postIncidentUpdateInput = z.object({
  incidentId: z.string().trim().min(1),
  /** The version the engineer's form was built from. */
  expectedVersion: z.number().int().min(0),
  status: z.enum(INCIDENT_STATUSES),
  message: z.string().trim().min(1, "Write the update readers will see.").max(20_000),
  impact: z.enum(IMPACT_VALUES).optional(),
  /** The complete new affected set; omitted, it stays as it is. */
  componentRegions: affectedComponentRegionsInput.optional(),
  notifySubscribers: z.boolean().default(true),
});
export type PostIncidentUpdateInput = z.input<typeof postIncidentUpdateInput>;

export async function postIncidentUpdate(
  db: Db,
  actor: Actor,
  input: PostIncidentUpdateInput,
  options: { now?: Date } = {},
): Promise<IncidentDetail> {
  if (!can(actor.role, "incident.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may update incidents.");
  const data = parseInput(postIncidentUpdateInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await openIncidentWrite(tx, data.incidentId, data.expectedVersion);
    if (before.review !== "approved") {
      throw new AppError(
        "INVALID_TRANSITION",
        before.review === "proposed"
          ? "This incident is still a proposal: approve it before posting updates."
          : "This proposal was dismissed; it cannot be updated.",
      );
    }
    const check = checkIncidentTransition(before.status, data.status);
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    await claimIncidentWrite(tx, data.incidentId, data.expectedVersion);

    const resolving = data.status === "resolved";
    const chosen =
      data.componentRegions ??
      before.componentRegions.map(({ componentRegionId, status }) => ({ componentRegionId, status }));
    // Resolution hands every ComponentRegion back to its probes: subscribers read "operational".
    let affected = await resolveAffected(
      tx,
      resolving ? chosen.map((c) => ({ ...c, status: "operational" as const })) : chosen,
    );
    const impact = data.impact ?? before.impact;

    if (data.componentRegions || resolving) {
      const keep = affected.map((a) => a.componentRegionId);
      await tx.incidentComponentRegion.deleteMany({
        where: { incidentId: data.incidentId, componentRegionId: { notIn: keep } },
      });
      for (const a of affected) {
        await tx.incidentComponentRegion.upsert({
          where: {
            incidentId_componentRegionId: { incidentId: data.incidentId, componentRegionId: a.componentRegionId },
          },
          create: {
            incidentId: data.incidentId,
            componentRegionId: a.componentRegionId,
            status: a.status,
            addedAt: now,
          },
          update: { status: a.status },
        });
      }
    }
    await tx.incident.update({
      where: { id: data.incidentId },
      data: {
        status: data.status,
        impact,
        priority: priorityOf(impact, affected),
        acknowledgedAt: before.acknowledgedAt ?? now,
        mitigatedAt: before.mitigatedAt ?? (data.status === "monitoring" || resolving ? now : null),
        resolvedAt: resolving ? now : null,
      },
    });
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: data.incidentId,
        status: data.status,
        message: data.message,
        affected: affectedSnapshot(affected) as object[],
        notifySubscribers: data.notifySubscribers,
        authorId: actor.id,
        createdAt: now,
      },
    });
    const after = (await loadIncidentDetail(tx, data.incidentId))!;
    affected = after.componentRegions;
    await recordAudit(tx, actor, {
      action: resolving ? "incident.resolve" : "incident.update",
      entityType: "Incident",
      entityId: data.incidentId,
      before: auditState(before),
      after: { ...auditState(after), message: data.message, updateId: update.id },
    });
    await announcePublicChange(tx, `incident:${data.incidentId}`);
    if (data.notifySubscribers) {
      const removed = before.componentRegions
        .map((cr) => cr.componentRegionId)
        .filter((id) => !affected.some((a) => a.componentRegionId === id));
      await notifyIncidentSubscribers(tx, {
        kind: resolving ? "incident_resolved" : "incident_updated",
        incident: after,
        message: data.message,
        affected,
        componentRegionIds: [...affected.map((a) => a.componentRegionId), ...removed],
        dedupeKey: resolving ? `incident_resolved:${data.incidentId}` : `incident_updated:${update.id}`,
        at: now,
      });
    }
    return after;
  });
}
