// The console's view of one maintenance window, with the version to send
// back with the next change.
import type { Db, Prisma } from "../db.ts";
import { highestTier } from "../domain/priority.ts";
import type { MaintenanceStatus, Tier } from "../generated/prisma/enums.ts";
import { type AffectedComponentRegion, componentRegionSelect, toAffected } from "../incidents/get-incident.ts";

export type MaintainedComponentRegion = Omit<AffectedComponentRegion, "status">;

export interface MaintenanceUpdateView {
  id: string;
  status: MaintenanceStatus;
  message: string;
  /** null when the window moved by itself on schedule. */
  author: { email: string; name: string | null } | null;
  createdAt: Date;
}

export interface MaintenanceDetail {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** Starts and completes on schedule by itself unless an engineer turned it off. */
  autoTransition: boolean;
  version: number;
  tier: Tier;
  componentRegions: MaintainedComponentRegion[];
  /** Oldest first. */
  updates: MaintenanceUpdateView[];
}

export const maintenanceDetailInclude = {
  componentRegions: { include: { componentRegion: { select: componentRegionSelect } } },
  updates: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { email: true, name: true } } },
  },
} satisfies Prisma.MaintenanceInclude;

type MaintenanceRow = Prisma.MaintenanceGetPayload<{ include: typeof maintenanceDetailInclude }>;

export function toMaintenanceDetail(row: MaintenanceRow): MaintenanceDetail {
  const componentRegions = row.componentRegions
    .map((link) => {
      const { status: _, ...rest } = toAffected(link.componentRegion, "under_maintenance");
      return {
        ...rest,
        sort: [link.componentRegion.component.sortOrder, link.componentRegion.region.sortOrder] as const,
      };
    })
    .sort(
      (a, b) =>
        a.tier.localeCompare(b.tier) ||
        a.sort[0] - b.sort[0] ||
        a.componentName.localeCompare(b.componentName) ||
        a.sort[1] - b.sort[1],
    )
    .map(({ sort: _, ...rest }) => rest);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    scheduledStart: row.scheduledStart,
    scheduledEnd: row.scheduledEnd,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    autoTransition: row.autoTransition,
    version: row.version,
    tier: highestTier(componentRegions.map((cr) => cr.tier)),
    componentRegions,
    updates: row.updates.map((u) => ({
      id: u.id,
      status: u.status,
      message: u.message,
      author: u.author,
      createdAt: u.createdAt,
    })),
  };
}

type Reader = Pick<Prisma.TransactionClient, "maintenance">;

export async function loadMaintenanceDetail(tx: Reader, id: string): Promise<MaintenanceDetail | null> {
  const row = await tx.maintenance.findUnique({ where: { id }, include: maintenanceDetailInclude });
  return row ? toMaintenanceDetail(row) : null;
}

export async function getMaintenance(db: Db, id: string): Promise<MaintenanceDetail | null> {
  return loadMaintenanceDetail(db, id);
}
