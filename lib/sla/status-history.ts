// The confirmed status history of chosen ComponentRegions over a window: the
// probes' changes inside it and the status in force when it starts. The same
// StatusChange rows (source "probes") that the public uptime bars count.
import type { Db, Prisma } from "../db.ts";
import type { StatusPoint } from "../domain/uptime.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";

export interface StatusHistory {
  /** Status before the window's first change (null: no data). */
  initial: ComponentStatus | null;
  /** Changes in [from, to), in time order. */
  history: StatusPoint[];
}

type Client = Pick<Db | Prisma.TransactionClient, "$queryRawUnsafe">;

/** One row per ComponentRegion: the change before `from` (index probe) and the changes inside as "ms:status,…" (fast to decode). */
const HISTORY_SQL = `
  SELECT cr.id,
         (SELECT s."toStatus"::text FROM "StatusChange" s
           WHERE s."componentRegionId" = cr.id AND s.source = 'probes' AND s.at < $2::timestamp(3)
           ORDER BY s.at DESC, s.id DESC LIMIT 1) AS initial,
         (SELECT string_agg((date_part('epoch', c.at) * 1000)::bigint || ':' || coalesce(c."toStatus"::text, ''), ',' ORDER BY c.at, c.id)
            FROM "StatusChange" c
           WHERE c."componentRegionId" = cr.id AND c.source = 'probes' AND c.at >= $2::timestamp(3) AND c.at < $3::timestamp(3)) AS changes
    FROM "ComponentRegion" cr
   WHERE cr.id = ANY($1::text[])`;

function parseChanges(text: string | null): StatusPoint[] {
  if (!text) return [];
  return text.split(",").map((change) => {
    const colon = change.indexOf(":");
    const status = change.slice(colon + 1);
    return { at: new Date(Number(change.slice(0, colon))), status: status === "" ? null : (status as ComponentStatus) };
  });
}

export async function loadStatusHistories(
  client: Client,
  componentRegionIds: readonly string[],
  window: { from: Date; to: Date },
): Promise<Map<string, StatusHistory>> {
  const histories = new Map<string, StatusHistory>();
  if (componentRegionIds.length === 0) return histories;
  const rows = await client.$queryRawUnsafe<{ id: string; initial: ComponentStatus | null; changes: string | null }[]>(
    HISTORY_SQL,
    [...componentRegionIds],
    window.from.toISOString(),
    window.to.toISOString(),
  );
  for (const row of rows) histories.set(row.id, { initial: row.initial, history: parseChanges(row.changes) });
  for (const id of componentRegionIds) if (!histories.has(id)) histories.set(id, { initial: null, history: [] });
  return histories;
}
