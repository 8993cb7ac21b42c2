// Gathers what the record says about an incident — probes' first failures,
// confirmed status changes, the proposal and its approval, updates, overlapping
// maintenance — for the pure timeline and draft builders.
import type { Prisma } from "../db.ts";
import type { DetectionEvidence } from "../domain/detection.ts";
import type { FactMaintenance, FirstFailure, RecordFacts } from "../domain/postmortem-timeline.ts";
import { componentRegionSelect } from "../incidents/get-incident.ts";

type Tx = Prisma.TransactionClient;

/** Failures this long before the start still belong to the incident (the first failing round precedes confirmation). */
export const RECORD_LEAD_MS = 10 * 60_000;
/** Probes' recovery may be confirmed a little after an engineer resolves. */
export const RECORD_TAIL_MS = 10 * 60_000;

export function recordWindow(
  incident: { startedAt: Date; resolvedAt: Date | null },
  now: Date,
): { from: Date; to: Date } {
  const end = Math.min(now.getTime(), (incident.resolvedAt ?? now).getTime() + RECORD_TAIL_MS);
  return {
    from: new Date(incident.startedAt.getTime() - RECORD_LEAD_MS),
    to: new Date(Math.max(end, incident.startedAt.getTime())),
  };
}

async function firstFailures(tx: Tx, ids: string[], from: Date, to: Date): Promise<FirstFailure[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<FirstFailure[]>`
    SELECT DISTINCT ON (r."componentRegionId", r."vantageRegionId")
           r."componentRegionId", coalesce(g.key, r."vantageRegionId") AS vantage, r."checkedAt" AS at, r.outcome::text AS outcome, r.error
      FROM "CheckResult" r LEFT JOIN "Region" g ON g.id = r."vantageRegionId"
     WHERE r."componentRegionId" = ANY(${ids}::text[]) AND r."checkedAt" >= ${from.toISOString()}::timestamp(3) AND r."checkedAt" <= ${to.toISOString()}::timestamp(3) AND r.outcome <> 'up'
     ORDER BY r."componentRegionId", r."vantageRegionId", r."checkedAt"`;
}

/** Raw results expire; the incident's stored evidence still names the vantages that failed first. */
function failuresFromEvidence(evidence: DetectionEvidence | null): FirstFailure[] {
  if (!evidence || !Array.isArray(evidence.componentRegions)) return [];
  return evidence.componentRegions.flatMap((cr) =>
    (cr.failingVantages ?? []).map((v) => ({
      componentRegionId: cr.componentRegionId,
      vantage: v.vantage,
      at: new Date(v.checkedAt),
      outcome: v.outcome,
      error: v.error,
    })),
  );
}

async function overlappingMaintenance(tx: Tx, ids: string[], from: Date, to: Date): Promise<FactMaintenance[]> {
  const rows = await tx.maintenance.findMany({
    where: {
      status: { in: ["in_progress", "verifying", "completed"] },
      componentRegions: { some: { componentRegionId: { in: ids } } },
      OR: [{ startedAt: { lte: to } }, { startedAt: null, scheduledStart: { lte: to } }],
      AND: [{ OR: [{ completedAt: null }, { completedAt: { gte: from } }] }],
    },
    orderBy: [{ scheduledStart: "asc" }, { id: "asc" }],
    select: { id: true, title: true, startedAt: true, scheduledStart: true, completedAt: true },
  });
  return rows.map((m) => ({ id: m.id, title: m.title, from: m.startedAt ?? m.scheduledStart, to: m.completedAt }));
}

export async function loadRecordFacts(tx: Tx, incidentId: string, now: Date): Promise<RecordFacts | null> {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    include: {
      createdBy: { select: { name: true, email: true } },
      componentRegions: { include: { componentRegion: { select: componentRegionSelect } } },
      updates: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { author: { select: { name: true, email: true } } },
      },
    },
  });
  if (!incident) return null;
  const ids = incident.componentRegions.map((l) => l.componentRegionId);
  const { from, to } = recordWindow(incident, now);
  const [failures, changes, approval, maintenance] = await Promise.all([
    firstFailures(tx, ids, from, to),
    tx.statusChange.findMany({
      where: { componentRegionId: { in: ids }, source: "probes", at: { gte: from, lte: to } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { id: true, componentRegionId: true, at: true, fromStatus: true, toStatus: true },
    }),
    tx.auditEntry.findFirst({
      where: { entityType: "Incident", entityId: incidentId, action: "incident.approve" },
      orderBy: { at: "asc" },
      select: { at: true, actorEmail: true, actor: { select: { name: true } } },
    }),
    overlappingMaintenance(tx, ids, from, to),
  ]);
  const person = (u: { name: string | null; email: string } | null) => (u ? (u.name ?? u.email) : null);
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      source: incident.source,
      review: incident.review,
      status: incident.status,
      impact: incident.impact,
      priority: incident.priority,
      startedAt: incident.startedAt,
      detectedAt: incident.detectedAt,
      acknowledgedAt: incident.acknowledgedAt,
      mitigatedAt: incident.mitigatedAt,
      resolvedAt: incident.resolvedAt,
      createdAt: incident.createdAt,
      createdBy: person(incident.createdBy),
    },
    componentRegions: incident.componentRegions
      .map(({ componentRegion: cr }) => ({
        id: cr.id,
        componentName: cr.component.name,
        regionName: cr.region.name,
        regionKey: cr.region.key,
        tier: cr.component.tier,
      }))
      .sort(
        (a, b) =>
          a.tier.localeCompare(b.tier) ||
          a.componentName.localeCompare(b.componentName) ||
          a.regionKey.localeCompare(b.regionKey),
      ),
    firstFailures: failures.length > 0 ? failures : failuresFromEvidence(incident.evidence as DetectionEvidence | null),
    statusChanges: changes.map((c) => ({
      id: c.id,
      componentRegionId: c.componentRegionId,
      at: c.at,
      from: c.fromStatus,
      to: c.toStatus,
    })),
    // Approval sets acknowledgedAt in the same transaction (at the verb's `now`); the audit entry says who.
    approval:
      incident.source === "detected" && incident.review === "approved"
        ? {
            at: incident.acknowledgedAt ?? approval?.at ?? incident.createdAt,
            by: approval ? (approval.actor?.name ?? approval.actorEmail) : null,
          }
        : null,
    updates: incident.updates.map((u) => ({
      id: u.id,
      at: u.createdAt,
      status: u.status,
      message: u.message,
      author: person(u.author),
    })),
    maintenance,
  };
}
