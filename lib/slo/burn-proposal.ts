// A page-level burn-rate alert on a tier-1 ComponentRegion becomes an incident
// proposal, the same kind detection opens (source detected, review proposed),
// so engineers approve or dismiss it in the same place. An open incident that
// covers the ComponentRegion already, or an open proposal that does, takes the
// alert instead: one thing in front of the engineer, not two.
import type { Prisma } from "../db.ts";
import { componentRegionEvidence, type DetectionEvidence, suggestedImpact } from "../domain/detection.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import { priorityOf } from "../incidents/affected-component-regions.ts";
import { toAffected } from "../incidents/get-incident.ts";
import { OPEN_PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import type { BurnSubject } from "./burn-subjects.ts";

type Tx = Prisma.TransactionClient;

/** Statuses a proposal carries over from probes; a burn with the probes still operational reads as degraded. */
const CARRIED_STATUSES: readonly ComponentStatus[] = ["degraded_performance", "partial_outage", "major_outage"];

export async function proposeForBurnAlert(
  tx: Tx,
  subject: BurnSubject,
  evidenceLine: string,
  now: Date,
): Promise<{ proposed: boolean; incidentId: string | null }> {
  const covering = await tx.incidentComponentRegion.findFirst({
    where: {
      componentRegionId: subject.id,
      incident: {
        OR: [OPEN_PUBLIC_INCIDENT, { review: "proposed" }],
      },
    },
    orderBy: { addedAt: "desc" },
    select: { incidentId: true },
  });
  if (covering) return { proposed: false, incidentId: covering.incidentId };

  const status =
    subject.probeStatus && CARRIED_STATUSES.includes(subject.probeStatus)
      ? subject.probeStatus
      : "degraded_performance";
  const affected = [toAffected(subject, status)];
  const suggested = suggestedImpact([status]);
  const impact = suggested === "none" ? "minor" : suggested;
  const evidence = componentRegionEvidence(
    {
      componentRegionId: subject.id,
      componentKey: subject.component.key,
      regionKey: subject.region.key,
      status,
      since: now,
    },
    { at: now, evidence: { verdicts: [evidenceLine] } },
  );
  const incident = await tx.incident.create({
    data: {
      title: `${subject.component.name}: error budget burning fast in ${subject.region.name}`,
      impact,
      priority: priorityOf(impact, affected),
      source: "detected",
      review: "proposed",
      status: "investigating",
      startedAt: now,
      detectedAt: now,
      evidence: { componentRegions: [evidence], sampleErrors: [] } satisfies DetectionEvidence as object,
      componentRegions: { create: [{ componentRegionId: subject.id, status, addedAt: now }] },
    },
    select: { id: true },
  });
  return { proposed: true, incidentId: incident.id };
}
