// Each contract's latest issued month, for the console's customer list: read
// from the stored revisions, never recomputed (issued months are frozen).
import { z } from "zod";
import type { Db } from "../db.ts";

export interface LastIssuedMonth {
  contractId: string;
  month: string;
  revision: number;
  issuedAt: Date;
  availabilityPercent: number | null;
  met: boolean | null;
  creditPercent: number;
  creditAmount: number;
  currency: string;
}

/** The stored `figures` column holds the whole Statement; only its figures are needed here. */
const storedFigures = z.object({
  figures: z.object({
    availabilityPercent: z.number().nullable(),
    met: z.boolean().nullable(),
    creditPercent: z.number(),
    creditAmount: z.number(),
    currency: z.string(),
  }),
});

/** Contract id → its latest issued month (latest revision); contracts with none are absent. */
export async function lastIssuedStatements(
  db: Db,
  contractIds: readonly string[],
): Promise<Map<string, LastIssuedMonth>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db.slaStatement.findMany({
    where: { contractId: { in: [...contractIds] } },
    orderBy: [{ contractId: "asc" }, { month: "desc" }, { revision: "desc" }],
    distinct: ["contractId"],
    select: { contractId: true, month: true, revision: true, issuedAt: true, figures: true },
  });
  return new Map(
    rows.map((row) => {
      const { figures } = storedFigures.parse(row.figures);
      return [
        row.contractId,
        { contractId: row.contractId, month: row.month, revision: row.revision, issuedAt: row.issuedAt, ...figures },
      ];
    }),
  );
}
