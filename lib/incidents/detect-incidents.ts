// Detection, run by the monitoring worker after each evaluation: confirmed
// outages become draft incidents (one per component) for an engineer to
// approve or dismiss; proposals whose ComponentRegions all recover before
// anyone approved them, or that an open incident now covers, are withdrawn.
// Nothing here is public.
import type { Db, Prisma } from "../db.ts";
import {
  type ComponentRegionEvidence,
  componentRegionEvidence,
  DETECTED_STATUSES,
  type DetectionEvidence,
  type Outage,
  planProposals,
  proposalTitle,
  proposalWithdrawal,
  RECOVERED_BEFORE_APPROVAL,
  sampleErrors,
  suggestedImpact,
} from "../domain/detection.ts";
import { getEnv } from "../env.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";
import { priorityOf } from "./affected-component-regions.ts";
import { type AffectedComponentRegion, componentRegionSelect, toAffected } from "./get-incident.ts";
import { claimIncidentVersion } from "./incident-version.ts";
import { OPEN_PUBLIC_INCIDENT } from "./visibility.ts";
import { ACTIVE_MAINTENANCE } from "../maintenance/visibility.ts";

const DETECTION_LOCK = 7_310_002;

export interface DetectionSummary {
  /** New proposals. */
  proposed: string[];
  /** Open proposals that gained regions or whose statuses changed. */
  updated: string[];
  /** Proposals withdrawn because everything recovered before approval. */
  dismissed: string[];
}

type Tx = Prisma.TransactionClient;

const outageSelect = { ...componentRegionSelect, probeStatusSince: true } satisfies Prisma.ComponentRegionSelect;
type OutageRow = Prisma.ComponentRegionGetPayload<{ select: typeof outageSelect }>;

const proposalInclude = {
  componentRegions: { include: { componentRegion: { select: componentRegionSelect } } },
  // A burn-rate page's proposal stands while its alert fires, even with the probes operational (lib/slo).
  burnAlerts: { where: { resolvedAt: null }, select: { id: true } },
} satisfies Prisma.IncidentInclude;
type ProposalRow = Prisma.IncidentGetPayload<{ include: typeof proposalInclude }>;

export async function detectIncidents(db: Db, now: Date, options: { tier2?: boolean } = {}): Promise<DetectionSummary> {
  const tier2 = options.tier2 ?? getEnv().DETECT_TIER_2;
  return db.$transaction(
    async (tx) => {
      const summary: DetectionSummary = { proposed: [], updated: [], dismissed: [] };
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${DETECTION_LOCK}) AS locked`,
      );
      if (!lock?.locked) return summary;

      const outageRows = await tx.componentRegion.findMany({
        where: { probeStatus: { in: [...DETECTED_STATUSES] }, ...(tier2 ? {} : { component: { tier: "TIER_1" } }) },
        select: outageSelect,
      });
      const proposals = await tx.incident.findMany({ where: { review: "proposed" }, include: proposalInclude });
      if (outageRows.length === 0 && proposals.length === 0) return summary;
      const covered = await coveredByOpenIncident(tx, [
        ...outageRows.map((r) => r.id),
        ...proposals.flatMap((p) => p.componentRegions.map((l) => l.componentRegionId)),
      ]);
      if (outageRows.length > 0) {
        const plans = planProposals(
          outageRows.map(toOutage),
          await detectionContext(tx, outageRows, proposals, covered, now, tier2),
        );
        const byId = new Map(outageRows.map((r) => [r.id, r]));
        for (const plan of plans) {
          const members = plan.outages.map((o) => byId.get(o.componentRegionId)!);
          const proposal = proposals.find((p) => p.id === plan.incidentId);
          if (!proposal) summary.proposed.push(await openProposal(tx, members, now));
          else if (await joinProposal(tx, proposal, members)) summary.updated.push(proposal.id);
        }
      }
      for (const proposal of proposals) {
        const reason = proposalWithdrawal(
          proposal.componentRegions.map((l) => ({
            probeStatus: l.componentRegion.probeStatus,
            coveredByIncident: covered.has(l.componentRegionId),
          })),
        );
        if (reason === RECOVERED_BEFORE_APPROVAL && proposal.burnAlerts.length > 0) continue;
        if (!reason || !(await claimIncidentVersion(tx, proposal.id, proposal.version))) continue;
        await tx.incident.update({ where: { id: proposal.id }, data: { review: "dismissed", dismissReason: reason } });
        summary.dismissed.push(proposal.id);
      }
      return summary;
    },
    { timeout: 30_000 },
  );
}

function toOutage(row: OutageRow): Outage {
  return {
    componentRegionId: row.id,
    componentId: row.component.id,
    tier: row.component.tier,
    status: row.probeStatus!,
    since: row.probeStatusSince ?? new Date(0),
  };
}

/** ComponentRegions an open, approved incident gives a status to. */
async function coveredByOpenIncident(tx: Tx, componentRegionIds: string[]): Promise<Set<string>> {
  const links = await tx.incidentComponentRegion.findMany({
    where: {
      componentRegionId: { in: componentRegionIds },
      incident: OPEN_PUBLIC_INCIDENT,
    },
    select: { componentRegionId: true },
  });
  return new Set(links.map((l) => l.componentRegionId));
}

async function detectionContext(
  tx: Tx,
  outages: OutageRow[],
  proposals: ProposalRow[],
  covered: Set<string>,
  now: Date,
  tier2: boolean,
) {
  const ids = outages.map((o) => o.id);
  const maintained = await tx.maintenanceComponentRegion.findMany({
    where: {
      componentRegionId: { in: ids },
      maintenance: {
        OR: [
          ACTIVE_MAINTENANCE,
          // A window due to start this instant, before the worker has moved it.
          { status: "scheduled", autoTransition: true, scheduledStart: { lte: now }, scheduledEnd: { gt: now } },
        ],
      },
    },
    select: { componentRegionId: true },
  });
  const links = await tx.incidentComponentRegion.findMany({
    where: { componentRegionId: { in: ids } },
    select: { componentRegionId: true, incident: { select: { updatedAt: true } } },
  });
  const lastHandledAt = new Map<string, Date>();
  for (const link of links) {
    const seen = lastHandledAt.get(link.componentRegionId);
    if (!seen || link.incident.updatedAt > seen) lastHandledAt.set(link.componentRegionId, link.incident.updatedAt);
  }
  return {
    tier2,
    inMaintenance: new Set(maintained.map((m) => m.componentRegionId)),
    coveredByIncident: covered,
    lastHandledAt,
    openProposals: proposals.map((p) => ({
      incidentId: p.id,
      componentIds: p.componentRegions.map((l) => l.componentRegion.component.id),
      componentRegionIds: p.componentRegions.map((l) => l.componentRegionId),
    })),
  };
}

/** The StatusChange that confirmed each ComponentRegion's current status, turned into evidence. */
async function evidenceFor(tx: Tx, members: OutageRow[]): Promise<ComponentRegionEvidence[]> {
  const changes = await tx.statusChange.findMany({
    where: { componentRegionId: { in: members.map((m) => m.id) }, source: "probes" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    distinct: ["componentRegionId"],
    select: { componentRegionId: true, at: true, toStatus: true, evidence: true },
  });
  return members.map((m) => {
    const change = changes.find((c) => c.componentRegionId === m.id && c.toStatus === m.probeStatus) ?? null;
    return componentRegionEvidence(
      {
        componentRegionId: m.id,
        componentKey: m.component.key,
        regionKey: m.region.key,
        status: m.probeStatus!,
        since: m.probeStatusSince ?? new Date(0),
      },
      change,
    );
  });
}

function suggestion(affected: AffectedComponentRegion[]) {
  const impact = suggestedImpact(affected.map((a) => a.status));
  return { impact, priority: priorityOf(impact, affected), title: proposalTitle(affected[0]!.componentName, affected) };
}

async function openProposal(tx: Tx, members: OutageRow[], now: Date): Promise<string> {
  const affected = members.map((m) => toAffected(m, m.probeStatus!));
  const evidence = await evidenceFor(tx, members);
  const startedAt = new Date(Math.min(...evidence.map((e) => Date.parse(e.since))));
  const incident = await tx.incident.create({
    data: {
      ...suggestion(affected),
      source: "detected",
      review: "proposed",
      status: "investigating",
      startedAt,
      detectedAt: now,
      evidence: {
        componentRegions: evidence,
        sampleErrors: sampleErrors(evidence),
      } satisfies DetectionEvidence as object,
      componentRegions: {
        create: affected.map((a) => ({ componentRegionId: a.componentRegionId, status: a.status, addedAt: now })),
      },
    },
  });
  return incident.id;
}

/** Adds newly failing regions and follows status changes; true when the proposal changed. */
async function joinProposal(tx: Tx, proposal: ProposalRow, members: OutageRow[]): Promise<boolean> {
  const current = new Map<string, ComponentStatus>(
    proposal.componentRegions.map((l) => [l.componentRegionId, l.status]),
  );
  const changed = members.filter((m) => current.get(m.id) !== m.probeStatus);
  if (changed.length === 0) return false;
  // An engineer acting on the proposal right now wins; detection tries again on the next tick.
  if (!(await claimIncidentVersion(tx, proposal.id, proposal.version))) return false;

  for (const m of changed) {
    await tx.incidentComponentRegion.upsert({
      where: { incidentId_componentRegionId: { incidentId: proposal.id, componentRegionId: m.id } },
      create: { incidentId: proposal.id, componentRegionId: m.id, status: m.probeStatus! },
      update: { status: m.probeStatus! },
    });
    current.set(m.id, m.probeStatus!);
  }
  const rows = new Map<string, Prisma.ComponentRegionGetPayload<{ select: typeof componentRegionSelect }>>(
    proposal.componentRegions.map((l) => [l.componentRegionId, l.componentRegion]),
  );
  for (const m of members) rows.set(m.id, m);
  const affected = [...current].map(([id, status]) => toAffected(rows.get(id)!, status));
  const fresh = await evidenceFor(tx, changed);
  const kept = ((proposal.evidence as DetectionEvidence | null)?.componentRegions ?? []).filter(
    (e) => !fresh.some((f) => f.componentRegionId === e.componentRegionId),
  );
  const evidence = [...kept, ...fresh];
  const startedAt = new Date(Math.min(proposal.startedAt.getTime(), ...fresh.map((e) => Date.parse(e.since))));
  await tx.incident.update({
    where: { id: proposal.id },
    data: {
      ...suggestion(affected),
      startedAt,
      evidence: {
        componentRegions: evidence,
        sampleErrors: sampleErrors(evidence),
      } satisfies DetectionEvidence as object,
    },
  });
  return true;
}
