// Optimistic concurrency on Incident.version: a writer claims the version it
// read; if someone committed first, the claim matches no row and the writer
// gets a conflict carrying the state the winner left.
import type { Prisma } from "../db.ts";
import { AppError } from "../errors.ts";
import { type IncidentDetail, loadIncidentDetail } from "./get-incident.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "incident">;

/**
 * One conditional UPDATE: it takes the row lock, so a concurrent writer waits
 * for this transaction and then finds the version moved on.
 */
export async function claimIncidentVersion(tx: Tx, incidentId: string, expectedVersion: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ version: number }[]>`
    UPDATE "Incident" SET "version" = "version" + 1, "updatedAt" = now()
    WHERE "id" = ${incidentId} AND "version" = ${expectedVersion}
    RETURNING "version"`;
  return rows.length === 1;
}

export async function incidentConflict(tx: Tx, incidentId: string): Promise<AppError> {
  const current = await loadIncidentDetail(tx, incidentId);
  return new AppError(
    "CONFLICT",
    "Someone else changed this incident while you were editing it. Here is its current state; your change was not saved.",
    {
      details: current,
    },
  );
}

export function incidentNotFound(): AppError {
  return new AppError("NOT_FOUND", "There is no such incident.");
}

/** What the audit trail keeps of an incident before and after a change. */
export function auditState(detail: IncidentDetail) {
  return {
    title: detail.title,
    status: detail.status,
    impact: detail.impact,
    priority: detail.priority,
    review: detail.review,
    dismissReason: detail.dismissReason,
    version: detail.version,
    componentRegions: detail.componentRegions.map((cr) => ({
      componentRegionId: cr.componentRegionId,
      status: cr.status,
    })),
  };
}
