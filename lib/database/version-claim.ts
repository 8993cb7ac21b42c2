// Optimistic concurrency, the one definition: incidents, maintenances and
// postmortems each carry a `version`. A writer claims the version it read with
// one conditional UPDATE; it takes the row lock, so a concurrent writer waits
// for this transaction and then finds the version moved on (no row matches).
import type { Prisma } from "../db.ts";

/** The tables with a `version` column, named here so no caller's text reaches the SQL. */
const VERSIONED_TABLES = {
  incident: '"Incident"',
  maintenance: '"Maintenance"',
  postmortem: '"Postmortem"',
} as const;

export type VersionedTable = keyof typeof VERSIONED_TABLES;

export async function claimVersion(
  tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ version: number }[]>(
    `UPDATE ${VERSIONED_TABLES[table]} SET "version" = "version" + 1, "updatedAt" = now()
     WHERE "id" = $1 AND "version" = $2 RETURNING "version"`,
    id,
    expectedVersion,
  );
  return rows.length === 1;
}
