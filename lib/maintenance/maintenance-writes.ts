// What every maintenance write shares: the optimistic version claim, the
// conflict that carries the current state, the audit snapshot, and the
// outbox event with its frozen payload.
import { claimVersion } from "../database/version-claim.ts";
import type { Prisma } from "../db.ts";
import { AppError } from "../errors.ts";
import { enqueueEvent } from "../notifications/enqueue.ts";
import type { EventKind } from "../notifications/events.ts";
import { loadMaintenanceDetail, type MaintenanceDetail } from "./get-maintenance.ts";

type Tx = Pick<
  Prisma.TransactionClient,
  "$queryRaw" | "$queryRawUnsafe" | "$executeRaw" | "maintenance" | "notificationEvent"
>;

/** lib/database/version-claim.ts on Maintenance. */
export function claimMaintenanceVersion(tx: Tx, maintenanceId: string, expectedVersion: number): Promise<boolean> {
  return claimVersion(tx, "maintenance", maintenanceId, expectedVersion);
}

export async function maintenanceConflict(tx: Tx, maintenanceId: string): Promise<AppError> {
  return new AppError(
    "CONFLICT",
    "Someone else changed this maintenance while you were editing it. Here is its current state; your change was not saved.",
    {
      details: await loadMaintenanceDetail(tx, maintenanceId),
    },
  );
}

export function auditState(detail: MaintenanceDetail) {
  return {
    title: detail.title,
    status: detail.status,
    scheduledStart: detail.scheduledStart,
    scheduledEnd: detail.scheduledEnd,
    autoTransition: detail.autoTransition,
    version: detail.version,
    componentRegionIds: detail.componentRegions.map((cr) => cr.componentRegionId),
  };
}

/**
 * Windows scheduled without telling subscribers stay quiet when they start,
 * remind and complete by themselves too.
 */
export async function subscribersWereTold(tx: Tx, maintenanceId: string): Promise<boolean> {
  return (await tx.notificationEvent.count({ where: { maintenanceId, kind: "maintenance_scheduled" } })) > 0;
}

export async function notifyMaintenanceSubscribers(
  tx: Tx,
  kind: Extract<EventKind, `maintenance_${string}`>,
  detail: MaintenanceDetail,
  message: string,
  at: Date,
): Promise<boolean> {
  const enqueued = await enqueueEvent(tx, {
    kind,
    maintenanceId: detail.id,
    dedupeKey: `${kind}:${detail.id}`,
    componentRegionIds: detail.componentRegions.map((cr) => cr.componentRegionId),
    payload: {
      title: detail.title,
      path: `/maintenance/${detail.id}`,
      status: detail.status,
      message,
      affected: detail.componentRegions.map((cr) => ({
        component: cr.componentName,
        region: cr.regionName,
        status: "under_maintenance",
      })),
      scheduledStart: detail.scheduledStart.toISOString(),
      scheduledEnd: detail.scheduledEnd.toISOString(),
      at: at.toISOString(),
    },
  });
  return enqueued !== null;
}
