// Maintenance windows as the public site shows them: in progress, upcoming,
// and each one on its own page with its updates.
import type { Db, Prisma } from "../db.ts";
import type { MaintenanceStatus, Tier } from "../generated/prisma/enums.ts";
import { affectedSelect, componentRegionWhere, type IncidentScope, sortAffected } from "./incidents.ts";
import { ACTIVE_MAINTENANCE } from "../maintenance/visibility.ts";

export interface MaintenanceAffected {
  componentKey: string;
  componentName: string;
  tier: Tier;
  regionKey: string;
  regionName: string;
}

export interface MaintenanceUpdateView {
  id: string;
  status: MaintenanceStatus;
  message: string;
  at: Date;
}

export interface MaintenanceSummary {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  affected: MaintenanceAffected[];
  latestUpdate: MaintenanceUpdateView | null;
}

export interface MaintenanceDetail extends MaintenanceSummary {
  /** Oldest first. */
  updates: MaintenanceUpdateView[];
}

const updateSelect = { id: true, status: true, message: true, createdAt: true } as const;

const summarySelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  scheduledStart: true,
  scheduledEnd: true,
  startedAt: true,
  completedAt: true,
  componentRegions: { select: affectedSelect },
  updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: updateSelect },
} as const satisfies Prisma.MaintenanceSelect;

type SummaryRow = Prisma.MaintenanceGetPayload<{ select: typeof summarySelect }>;

const toUpdate = (u: {
  id: string;
  status: MaintenanceStatus;
  message: string;
  createdAt: Date;
}): MaintenanceUpdateView => ({
  id: u.id,
  status: u.status,
  message: u.message,
  at: u.createdAt,
});

function toSummary(row: SummaryRow): MaintenanceSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    affected: sortAffected(row.componentRegions).map(({ componentRegion: { component, region } }) => ({
      componentKey: component.key,
      componentName: component.name,
      tier: component.tier,
      regionKey: region.key,
      regionName: region.name,
    })),
    latestUpdate: row.updates[0] ? toUpdate(row.updates[0]) : null,
  };
}

function scopeWhere(scope: IncidentScope): Prisma.MaintenanceWhereInput {
  const where = componentRegionWhere(scope);
  return where ? { componentRegions: { some: { componentRegion: where } } } : {};
}

export interface CurrentMaintenance {
  /** In progress or being verified: the components are under maintenance now. */
  active: MaintenanceSummary[];
  /** Scheduled windows that have not ended yet, soonest first. */
  upcoming: MaintenanceSummary[];
}

/** What a page shows of maintenance, in one read: windows under way and the next ones scheduled. */
export async function getCurrentMaintenance(
  db: Db,
  now: Date,
  scope: IncidentScope = {},
  upcomingLimit = 10,
): Promise<CurrentMaintenance> {
  const rows = await db.maintenance.findMany({
    where: {
      OR: [ACTIVE_MAINTENANCE, { status: "scheduled", scheduledEnd: { gt: now } }],
      ...scopeWhere(scope),
    },
    orderBy: [{ scheduledStart: "asc" }, { id: "asc" }],
    select: summarySelect,
  });
  const summaries = rows.map(toSummary);
  return {
    active: summaries.filter((m) => m.status !== "scheduled"),
    upcoming: summaries.filter((m) => m.status === "scheduled").slice(0, upcomingLimit),
  };
}

export async function getMaintenance(db: Db, id: string): Promise<MaintenanceDetail | null> {
  const row = await db.maintenance.findUnique({
    where: { id },
    select: { ...summarySelect, updates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: updateSelect } },
  });
  if (!row) return null;
  const updates = row.updates.map(toUpdate);
  return { ...toSummary({ ...row, updates: row.updates.slice(-1) }), updates };
}
