// Optimistic concurrency on Incident.version: a writer claims the version it
// read; if someone committed first, the claim matches no row and the writer
// gets a conflict carrying the state the winner left.
import { claimVersion } from "../database/version-claim.ts";
import type { Prisma } from "../db.ts";
import { AppError } from "../errors.ts";
import { type IncidentDetail, loadIncidentDetail } from "./get-incident.ts";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "$queryRawUnsafe" | "incident">;

/** lib/database/version-claim.ts on Incident. */
export function claimIncidentVersion(tx: Tx, incidentId: string, expectedVersion: number): Promise<boolean> {
  return claimVersion(tx, "incident", incidentId, expectedVersion);
}

/**
 * The opening of every write to an existing incident: it exists, and the
 * caller read its current version (otherwise CONFLICT with the current state).
 */
export async function openIncidentWrite(tx: Tx, incidentId: string, expectedVersion: number): Promise<IncidentDetail> {
  const before = await loadIncidentDetail(tx, incidentId);
  if (!before) throw incidentNotFound();
  if (before.version !== expectedVersion) throw await incidentConflict(tx, incidentId);
  return before;
}

/** Claims the version read at the opening, or throws the conflict a concurrent writer caused. */
export async function claimIncidentWrite(tx: Tx, incidentId: string, expectedVersion: number): Promise<void> {
  if (!(await claimIncidentVersion(tx, incidentId, expectedVersion))) throw await incidentConflict(tx, incidentId);
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
