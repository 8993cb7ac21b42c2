// The cron job: every contract-month past its grace period is issued once,
// as revision 1. Idempotent and safe in two workers at the same time.
import type { Db } from "../db.ts";
import { AppError } from "../errors.ts";

export interface IssuedRevision {
  statementId: string;
  contractId: string;
  month: string;
  revision: number;
}

export async function issueDueStatements(_db: Db, _now: Date): Promise<{ issued: IssuedRevision[] }> {
  throw new AppError("UNAVAILABLE", "Statements are being built.");
}
