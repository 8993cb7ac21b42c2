// Every change a user makes is written to the append-only audit trail in the
// same transaction as the change itself.
import type { Prisma } from "../db.ts";
import type { Actor } from "../domain/roles.ts";

export interface AuditChange {
  /** e.g. "incident.resolve" */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

type Tx = Pick<Prisma.TransactionClient, "auditEntry">;

/** JSON-safe copy: Dates become ISO strings, undefined is dropped. */
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export async function recordAudit(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: snapshot(change.before),
      after: snapshot(change.after),
    },
  });
}

/** A change no person made (a cron job in the worker): no actor id, and the job's name where the email would be. */
export async function recordSystemAudit(tx: Tx, job: string, change: AuditChange): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: null,
      actorEmail: `system:${job}`,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: snapshot(change.before),
      after: snapshot(change.after),
    },
  });
}
