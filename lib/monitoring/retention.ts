// Raw check results expire after the retention window; rollups stay.
import type { Db } from "../db.ts";

/** Rows per DELETE, so that expiring a large backlog never holds long locks. */
export const RETENTION_DELETE_CHUNK = 50_000;

export async function deleteExpiredResults(db: Db, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM "CheckResult" WHERE ctid IN (SELECT ctid FROM "CheckResult" WHERE "checkedAt" < $1::timestamp(3) LIMIT ${RETENTION_DELETE_CHUNK})`,
      cutoff.toISOString(),
    );
    total += deleted;
    if (deleted < RETENTION_DELETE_CHUNK) return total;
  }
}
