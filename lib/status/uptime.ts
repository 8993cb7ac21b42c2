// Uptime of every ComponentRegion over the last N days, from the confirmed
// status history that the probes wrote, with maintenance left out.
import type { Db } from "../db.ts";
import { availabilityForWindow, type DailyBar, dailyBars, type StatusPoint, type TimeWindow, utcDayWindows } from "../domain/uptime.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";

export const UPTIME_DAYS = 90;

export interface ComponentRegionUptime {
  availability: number | null;
  bars: DailyBar[];
}

/**
 * Per ComponentRegion: the probes' status just before the window (an index
 * probe each), and the changes inside it as one "ms:status,…" string (one
 * scan of the window, whatever the planner's statistics say). A row per
 * ComponentRegion decodes far faster than a typed row per change.
 */
const HISTORY_SQL = `
  WITH window_changes AS (
    SELECT c."componentRegionId",
           string_agg((date_part('epoch', c.at) * 1000)::bigint || ':' || coalesce(c."toStatus"::text, ''), ',' ORDER BY c.at, c.id) AS changes
      FROM "StatusChange" c
     WHERE c.source = 'probes' AND c.at >= $1::timestamp(3) AND c.at < $2::timestamp(3)
       AND ($3::text[] IS NULL OR c."componentRegionId" = ANY($3::text[]))
     GROUP BY 1)
  SELECT cr.id,
         (SELECT s."toStatus"::text FROM "StatusChange" s
           WHERE s."componentRegionId" = cr.id AND s.source = 'probes' AND s.at < $1::timestamp(3)
           ORDER BY s.at DESC, s.id DESC LIMIT 1) AS initial,
         w.changes
    FROM "ComponentRegion" cr LEFT JOIN window_changes w ON w."componentRegionId" = cr.id
   WHERE $3::text[] IS NULL OR cr.id = ANY($3::text[])`;

function parseChanges(text: string | null): StatusPoint[] {
  if (!text) return [];
  return text.split(",").map((change) => {
    const colon = change.indexOf(":");
    const status = change.slice(colon + 1);
    return { at: new Date(Number(change.slice(0, colon))), status: status === "" ? null : (status as ComponentStatus) };
  });
}

/** Every ComponentRegion's uptime, or only those in `componentRegionIds`. */
export async function getUptime(
  db: Db,
  now: Date,
  days = UPTIME_DAYS,
  componentRegionIds?: readonly string[],
): Promise<Map<string, ComponentRegionUptime>> {
  const from = utcDayWindows(now, days)[0]!.from;
  const [histories, maintenances] = await Promise.all([
    db.$queryRawUnsafe<{ id: string; initial: ComponentStatus | null; changes: string | null }[]>(
      HISTORY_SQL,
      from.toISOString(),
      now.toISOString(),
      componentRegionIds === undefined ? null : [...componentRegionIds],
    ),
    db.maintenanceComponentRegion.findMany({
      where: {
        componentRegionId: componentRegionIds === undefined ? undefined : { in: [...componentRegionIds] },
        maintenance: {
          status: { in: ["in_progress", "verifying", "completed"] },
          OR: [{ completedAt: null }, { completedAt: { gt: from } }],
        },
      },
      select: { componentRegionId: true, maintenance: { select: { startedAt: true, scheduledStart: true, completedAt: true } } },
    }),
  ]);

  const windows = new Map<string, TimeWindow[]>();
  for (const link of maintenances) {
    const start = link.maintenance.startedAt ?? link.maintenance.scheduledStart;
    const end = link.maintenance.completedAt ?? now;
    if (start >= end || start >= now) continue;
    windows.set(link.componentRegionId, [...(windows.get(link.componentRegionId) ?? []), { from: start, to: end < now ? end : now }]);
  }

  const result = new Map<string, ComponentRegionUptime>();
  for (const { id, initial, changes } of histories) {
    const points = parseChanges(changes);
    const maintenance = windows.get(id) ?? [];
    const options = { initial };
    result.set(id, {
      availability: availabilityForWindow(points, { from, to: now }, maintenance, options).availability,
      bars: dailyBars(points, maintenance, { ...options, days, end: now }),
    });
  }
  return result;
}
