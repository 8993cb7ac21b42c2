// Writes what the record says into a postmortem: automatic timeline entries
// (new sourceKeys only; existing rows, with their edits, are never touched).
import type { Prisma } from "../db.ts";
import type { AutoTimelineEntry } from "../domain/postmortem-timeline.ts";

type Tx = Pick<Prisma.TransactionClient, "timelineEntry">;

/** INSERT … ON CONFLICT (postmortemId, sourceKey) DO NOTHING; returns how many were new. */
export async function insertRecordEntries(
  tx: Tx,
  postmortemId: string,
  entries: readonly AutoTimelineEntry[],
  now: Date,
): Promise<number> {
  if (entries.length === 0) return 0;
  const { count } = await tx.timelineEntry.createMany({
    data: entries.map((e) => ({
      postmortemId,
      at: e.at,
      source: e.source,
      text: e.text,
      sourceKey: e.sourceKey,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  return count;
}
