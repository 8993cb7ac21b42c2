// Declare an incident by hand: approved and public from the first message.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { INCIDENT_STATUSES } from "../domain/incident-lifecycle.ts";
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
import { auditState } from "./incident-version.ts";
import { notifyIncidentSubscribers } from "./notify-subscribers.ts";

export const declareIncidentInput = z.object({
  title: z.string().trim().min(1, "Give the incident a title.").max(200),
  impact: z.enum(IMPACT_VALUES),
  status: z.enum(INCIDENT_STATUSES).default("investigating"),
  message: z.string().trim().min(1, "Write the first message readers will see.").max(20_000),
  componentRegions: affectedComponentRegionsInput,
  notifySubscribers: z.boolean().default(true),
  /** When the problem began, if before the declaration (never in the future). */
  startedAt: z.coerce.date().optional(),
});
export type DeclareIncidentInput = z.input<typeof declareIncidentInput>;

export async function declareIncident(
  db: Db,
  actor: Actor,
  input: DeclareIncidentInput,
  options: { now?: Date } = {},
): Promise<IncidentDetail> {
  if (!can(actor.role, "incident.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may declare incidents.");
  const data = parseInput(declareIncidentInput, input);
  const now = options.now ?? new Date();
  if (data.startedAt && data.startedAt > now) {
    throw new AppError("VALIDATION", "An incident cannot start in the future.", {
      fields: { startedAt: ["Choose a time that has passed."] },
    });
  }
  return db.$transaction(async (tx) => {
    const affected = await resolveAffected(tx, data.componentRegions);
    const resolved = data.status === "resolved";
    const incident = await tx.incident.create({
      data: {
        title: data.title,
        status: data.status,
        impact: data.impact,
        priority: priorityOf(data.impact, affected),
        source: "manual",
        review: "approved",
        startedAt: data.startedAt ?? now,
        // A person declaring it is the detection and the acknowledgement.
        detectedAt: now,
        acknowledgedAt: now,
        mitigatedAt: data.status === "monitoring" || resolved ? now : null,
        resolvedAt: resolved ? now : null,
        publishedAt: now,
        createdById: actor.id,
        componentRegions: {
          create: affected.map((a) => ({ componentRegionId: a.componentRegionId, status: a.status, addedAt: now })),
        },
      },
    });
    const update = await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: data.status,
        message: data.message,
        affected: affectedSnapshot(affected) as object[],
        notifySubscribers: data.notifySubscribers,
        authorId: actor.id,
        createdAt: now,
      },
    });
    const detail = (await loadIncidentDetail(tx, incident.id))!;
    await recordAudit(tx, actor, {
      action: "incident.declare",
      entityType: "Incident",
      entityId: incident.id,
      after: { ...auditState(detail), message: data.message, updateId: update.id },
    });
    await announcePublicChange(tx, `incident:${incident.id}`);
    if (data.notifySubscribers) {
      await notifyIncidentSubscribers(tx, {
        kind: "incident_published",
        incident: detail,
        message: data.message,
        affected: detail.componentRegions,
        componentRegionIds: detail.componentRegions.map((cr) => cr.componentRegionId),
        dedupeKey: `incident_published:${incident.id}`,
        at: now,
      });
    }
    return detail;
  });
}
