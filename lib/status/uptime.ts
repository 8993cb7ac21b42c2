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

/** Every ComponentRegion's uptime, or only those in `componentRegionIds`. */
export async function getUptime(
  db: Db,
  now: Date,
  days = UPTIME_DAYS,
  componentRegionIds?: readonly string[],
): Promise<Map<string, ComponentRegionUptime>> {
  const from = utcDayWindows(now, days)[0]!.from;
  const only = componentRegionIds === undefined ? undefined : { in: [...componentRegionIds] };
  const [componentRegions, changes, before, maintenances] = await Promise.all([
    db.componentRegion.findMany({ where: { id: only }, select: { id: true } }),
    db.statusChange.findMany({
      where: { componentRegionId: only, source: "probes", at: { gte: from, lt: now } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { componentRegionId: true, at: true, toStatus: true },
    }),
    db.$queryRawUnsafe<{ componentRegionId: string; toStatus: ComponentStatus | null }[]>(
      `SELECT DISTINCT ON ("componentRegionId") "componentRegionId", "toStatus"
         FROM "StatusChange" WHERE source = 'probes' AND at < $1::timestamp(3) AND ($2::text[] IS NULL OR "componentRegionId" = ANY($2::text[]))
        ORDER BY "componentRegionId", at DESC, id DESC`,
      from.toISOString(),
      componentRegionIds === undefined ? null : [...componentRegionIds],
    ),
    db.maintenanceComponentRegion.findMany({
      where: {
        componentRegionId: only,
        maintenance: {
          status: { in: ["in_progress", "verifying", "completed"] },
          OR: [{ completedAt: null }, { completedAt: { gt: from } }],
        },
      },
      select: { componentRegionId: true, maintenance: { select: { startedAt: true, scheduledStart: true, completedAt: true } } },
    }),
  ]);

  const history = new Map<string, StatusPoint[]>();
  for (const change of changes) {
    const points = history.get(change.componentRegionId) ?? [];
    points.push({ at: change.at, status: change.toStatus });
    history.set(change.componentRegionId, points);
  }
  const initial = new Map(before.map((b) => [b.componentRegionId, b.toStatus]));
  const windows = new Map<string, TimeWindow[]>();
  for (const link of maintenances) {
    const start = link.maintenance.startedAt ?? link.maintenance.scheduledStart;
    const end = link.maintenance.completedAt ?? now;
    if (start >= end || start >= now) continue;
    windows.set(link.componentRegionId, [...(windows.get(link.componentRegionId) ?? []), { from: start, to: end < now ? end : now }]);
  }

  const result = new Map<string, ComponentRegionUptime>();
  for (const { id } of componentRegions) {
    const points = history.get(id) ?? [];
    const maintenance = windows.get(id) ?? [];
    const options = { initial: initial.get(id) ?? null };
    result.set(id, {
      availability: availabilityForWindow(points, { from, to: now }, maintenance, options).availability,
      bars: dailyBars(points, maintenance, { ...options, days, end: now }),
    });
  }
  return result;
}
