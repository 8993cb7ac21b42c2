// The console's view of one incident: everything an engineer needs to act on
// it, including the version to send back with their next change.
import type { Db, Prisma } from "../db.ts";
import { allRecovered, type DetectionEvidence } from "../domain/detection.ts";
import { highestTier } from "../domain/priority.ts";
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentReview,
  IncidentSource,
  IncidentStatus,
  Priority,
  Tier,
} from "../generated/prisma/enums.ts";

export interface AffectedComponentRegion {
  componentRegionId: string;
  componentKey: string;
  componentName: string;
  regionKey: string;
  regionName: string;
  tier: Tier;
  /** The status this incident gives the ComponentRegion. */
  status: ComponentStatus;
}

export interface IncidentUpdateView {
  id: string;
  status: IncidentStatus;
  message: string;
  /** Affected ComponentRegions and their statuses as of this update. */
  affected: AffectedSnapshot[];
  notifySubscribers: boolean;
  author: { email: string; name: string | null } | null;
  createdAt: Date;
}

export interface AffectedSnapshot {
  componentRegionId: string;
  componentName: string;
  regionName: string;
  status: ComponentStatus;
}

export interface IncidentDetail {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  priority: Priority;
  source: IncidentSource;
  review: IncidentReview;
  dismissReason: string | null;
  evidence: DetectionEvidence | null;
  startedAt: Date;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  publishedAt: Date | null;
  version: number;
  /** The highest tier among the affected ComponentRegions. */
  tier: Tier;
  componentRegions: AffectedComponentRegion[];
  /** Oldest first. */
  updates: IncidentUpdateView[];
  /** A detected, approved incident whose ComponentRegions probes all confirm operational again: a human may resolve it. */
  resolveProposed: boolean;
}

export const componentRegionSelect = {
  id: true,
  regionId: true,
  probeStatus: true,
  probeStatusSince: true,
  component: { select: { id: true, key: true, name: true, tier: true, sortOrder: true } },
  region: { select: { key: true, name: true, sortOrder: true } },
} satisfies Prisma.ComponentRegionSelect;

export const incidentDetailInclude = {
  componentRegions: { include: { componentRegion: { select: componentRegionSelect } } },
  updates: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { email: true, name: true } } },
  },
} satisfies Prisma.IncidentInclude;

type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentDetailInclude }>;
type ComponentRegionRow = Prisma.ComponentRegionGetPayload<{ select: typeof componentRegionSelect }>;

export function toAffected(cr: ComponentRegionRow, status: ComponentStatus): AffectedComponentRegion {
  return {
    componentRegionId: cr.id,
    componentKey: cr.component.key,
    componentName: cr.component.name,
    regionKey: cr.region.key,
    regionName: cr.region.name,
    tier: cr.component.tier,
    status,
  };
}

/** Tier 1 first, then the catalog's order of components and regions. */
function byCatalogOrder(
  a: { componentRegion: ComponentRegionRow },
  b: { componentRegion: ComponentRegionRow },
): number {
  const x = a.componentRegion;
  const y = b.componentRegion;
  return (
    x.component.tier.localeCompare(y.component.tier) ||
    x.component.sortOrder - y.component.sortOrder ||
    x.component.name.localeCompare(y.component.name) ||
    x.region.sortOrder - y.region.sortOrder ||
    x.region.key.localeCompare(y.region.key)
  );
}

/**
 * A detected incident whose probes have recovered: every affected ComponentRegion is confirmed operational
 * again, by a status change after the incident started. (A burn-rate page can propose while probes still read
 * operational; that is not a recovery.)
 */
export function isResolveProposed(
  row: Pick<IncidentRow, "source" | "review" | "status" | "startedAt">,
  probes: readonly { probeStatus: ComponentStatus | null; probeStatusSince: Date | null }[],
): boolean {
  return (
    row.source === "detected" &&
    row.review === "approved" &&
    row.status !== "resolved" &&
    allRecovered(probes.map((p) => p.probeStatus)) &&
    probes.every((p) => p.probeStatusSince !== null && p.probeStatusSince > row.startedAt)
  );
}

export function toIncidentDetail(row: IncidentRow): IncidentDetail {
  const links = [...row.componentRegions].sort(byCatalogOrder);
  const componentRegions = links.map((link) => toAffected(link.componentRegion, link.status));
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    impact: row.impact,
    priority: row.priority,
    source: row.source,
    review: row.review,
    dismissReason: row.dismissReason,
    evidence: (row.evidence as DetectionEvidence | null) ?? null,
    startedAt: row.startedAt,
    detectedAt: row.detectedAt,
    acknowledgedAt: row.acknowledgedAt,
    mitigatedAt: row.mitigatedAt,
    resolvedAt: row.resolvedAt,
    publishedAt: row.publishedAt,
    version: row.version,
    tier: highestTier(componentRegions.map((cr) => cr.tier)),
    componentRegions,
    updates: row.updates.map((u) => ({
      id: u.id,
      status: u.status,
      message: u.message,
      affected: u.affected as unknown as AffectedSnapshot[],
      notifySubscribers: u.notifySubscribers,
      author: u.author,
      createdAt: u.createdAt,
    })),
    resolveProposed: isResolveProposed(
      row,
      links.map((l) => l.componentRegion),
    ),
  };
}

type Reader = Pick<Prisma.TransactionClient, "incident">;

/** Inside a transaction too, so that a conflict reports the state the winner committed. */
export async function loadIncidentDetail(tx: Reader, id: string): Promise<IncidentDetail | null> {
  const row = await tx.incident.findUnique({ where: { id }, include: incidentDetailInclude });
  return row ? toIncidentDetail(row) : null;
}

export async function getIncident(db: Db, id: string): Promise<IncidentDetail | null> {
  return loadIncidentDetail(db, id);
}
