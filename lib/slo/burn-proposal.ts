// A page-level burn-rate alert on a tier-1 ComponentRegion becomes an incident
// proposal, the same kind detection opens (source detected, review proposed),
// so engineers approve or dismiss it in the same place. An open incident that
// covers the ComponentRegion already, or an open proposal that does, takes the
// alert instead, and an open proposal for another region of the component gains
// this one: one thing in front of the engineer, not two.
import type { Prisma } from "../db.ts";
import { componentRegionEvidence, type DetectionEvidence, suggestedImpact } from "../domain/detection.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import { priorityOf } from "../incidents/affected-component-regions.ts";
import { toAffected } from "../incidents/get-incident.ts";
import { claimIncidentVersion } from "../incidents/incident-version.ts";
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
  const line = componentRegionEvidence(
    {
      componentRegionId: subject.id,
      componentKey: subject.component.key,
      regionKey: subject.region.key,
      status,
      since: now,
    },
    { at: now, evidence: { verdicts: [evidenceLine] } },
  );
  // Like detection: one proposal per component; another region's page joins it.
  const sibling = await tx.incident.findFirst({
    where: {
      review: "proposed",
      componentRegions: { some: { componentRegion: { componentId: subject.component.id } } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, version: true, evidence: true },
  });
  if (sibling) {
    // An engineer acting on it right now wins; the alert stays unlinked.
    if (!(await claimIncidentVersion(tx, sibling.id, sibling.version))) return { proposed: false, incidentId: null };
    const before = (sibling.evidence as DetectionEvidence | null) ?? { componentRegions: [], sampleErrors: [] };
    await tx.incidentComponentRegion.create({
      data: { incidentId: sibling.id, componentRegionId: subject.id, status, addedAt: now },
    });
    await tx.incident.update({
      where: { id: sibling.id },
      data: {
        evidence: {
          ...before,
          componentRegions: [...before.componentRegions, line],
        } satisfies DetectionEvidence as object,
      },
    });
    return { proposed: false, incidentId: sibling.id };
  }
  const affected = [toAffected(subject, status)];
  const suggested = suggestedImpact([status]);
  const impact = suggested === "none" ? "minor" : suggested;
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
      evidence: { componentRegions: [line], sampleErrors: [] } satisfies DetectionEvidence as object,
      componentRegions: { create: [{ componentRegionId: subject.id, status, addedAt: now }] },
    },
    select: { id: true },
  });
  return { proposed: true, incidentId: incident.id };
}
