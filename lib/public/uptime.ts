// Uptime of every ComponentRegion over the last N days, from the confirmed
// status history that the probes wrote, with maintenance left out.
//
// Days that ended are kept in memory between reads: the front page asks for 90
// days after every change, and 89 of them only change when a status change or
// a maintenance window lands in the past (an evaluation that confirms a round
// from before midnight, a seeded history). A fingerprint of the changes and
// maintenance in the ended days is read with every read; when it moved, the
// ended days are counted again. Today is counted on every read.
import type { Db } from "../db.ts";
import {
  addDurations,
  availabilityOf,
  type DailyBar,
  dailyBars,
  type StatusDurations,
  type StatusPoint,
  statusDurations,
  type TimeWindow,
  utcDayWindows,
} from "../domain/uptime.ts";
import type { ComponentStatus } from "../generated/prisma/enums.ts";

export const UPTIME_DAYS = 90;

export interface ComponentRegionUptime {
  availability: number | null;
  bars: DailyBar[];
}

/** Per ComponentRegion, the probes' changes in [$1, $2) as one "ms:status,…" string: one scan, and a row per ComponentRegion decodes far faster than a typed row per change. */
const WINDOW_CHANGES = `
  window_changes AS (
    SELECT c."componentRegionId",
           string_agg((date_part('epoch', c.at) * 1000)::bigint || ':' || coalesce(c."toStatus"::text, ''), ',' ORDER BY c.at, c.id) AS changes
      FROM "StatusChange" c
     WHERE c.source = 'probes' AND c.at >= $1::timestamp(3) AND c.at < $2::timestamp(3)
     GROUP BY 1)`;

/** The ended days [$1, $2): the changes, and the status just before them (an index probe each). */
const ENDED_SQL = `
  WITH ${WINDOW_CHANGES}
  SELECT cr.id,
         (SELECT s."toStatus"::text FROM "StatusChange" s
           WHERE s."componentRegionId" = cr.id AND s.source = 'probes' AND s.at < $1::timestamp(3)
           ORDER BY s.at DESC, s.id DESC LIMIT 1) AS initial,
         w.changes
    FROM "ComponentRegion" cr LEFT JOIN window_changes w ON w."componentRegionId" = cr.id`;

/**
 * Today [$1, $2), with a fingerprint of the probe changes in the ended days
 * [$3, $1): any insert or delete among them moves it, and then the ended days
 * are counted again. A change before the window could only alter the status
 * it starts from, and nothing writes one three months late; the next UTC day
 * recounts everything anyway.
 */
const TODAY_SQL = `
  WITH ${WINDOW_CHANGES},
  ended AS (
    SELECT count(*)::text || '/' || coalesce(sum(hashtext(id)), 0)::text AS fingerprint
      FROM "StatusChange" WHERE source = 'probes' AND at >= $3::timestamp(3) AND at < $1::timestamp(3))
  SELECT cr.id, NULL AS initial, w.changes, e.fingerprint
    FROM "ComponentRegion" cr LEFT JOIN window_changes w ON w."componentRegionId" = cr.id CROSS JOIN ended e`;

interface HistoryRow {
  id: string;
  initial: ComponentStatus | null;
  changes: string | null;
}

type TodayRow = HistoryRow & { fingerprint: string };

function parseChanges(text: string | null): StatusPoint[] {
  if (!text) return [];
  return text.split(",").map((change) => {
    const colon = change.indexOf(":");
    const status = change.slice(colon + 1);
    return { at: new Date(Number(change.slice(0, colon))), status: status === "" ? null : (status as ComponentStatus) };
  });
}

/** One ComponentRegion's ended days, counted once. */
interface EndedHistory {
  bars: DailyBar[];
  durations: StatusDurations;
  /** The status as the ended days left it: today's starting point. */
  statusAtEnd: ComponentStatus | null;
}

interface EndedDays {
  /** Window start and the end of the ended days (today's start), in ms. */
  from: number;
  end: number;
  days: number;
  /** Status changes and maintenance that the ended days were counted from. */
  fingerprint: string;
  byId: Map<string, EndedHistory>;
}

type MaintenanceRow = {
  componentRegionId: string;
  maintenance: { startedAt: Date | null; scheduledStart: Date; completedAt: Date | null };
};

/** Maintenance windows per ComponentRegion, cut at `now`. */
function maintenanceWindows(rows: readonly MaintenanceRow[], now: Date): Map<string, TimeWindow[]> {
  const windows = new Map<string, TimeWindow[]>();
  for (const link of rows) {
    const start = link.maintenance.startedAt ?? link.maintenance.scheduledStart;
    const end = link.maintenance.completedAt ?? now;
    if (start >= end || start >= now) continue;
    windows.set(link.componentRegionId, [
      ...(windows.get(link.componentRegionId) ?? []),
      { from: start, to: end < now ? end : now },
    ]);
  }
  return windows;
}

/** The part of every window that falls in [from, end), as text: what the ended days depend on. */
function maintenanceFingerprint(
  windows: ReadonlyMap<string, readonly TimeWindow[]>,
  from: number,
  end: number,
): string {
  const parts: string[] = [];
  for (const [id, list] of windows) {
    for (const w of list) {
      const a = Math.max(from, w.from.getTime());
      const b = Math.min(end, w.to.getTime());
      if (b > a) parts.push(`${id}:${a}-${b}`);
    }
  }
  return parts.sort().join(",");
}

export class UptimeReader {
  private ended: EndedDays | undefined;
  private endedCounts = 0;

  constructor(private readonly db: Db) {}

  /** How often the ended days were counted from the database (tests, benchmarks). */
  get endedDaysCounted(): number {
    return this.endedCounts;
  }

  /** Every ComponentRegion's uptime, or only those in `componentRegionIds`. */
  async read(
    now: Date,
    days = UPTIME_DAYS,
    componentRegionIds?: readonly string[],
  ): Promise<Map<string, ComponentRegionUptime>> {
    const windows = utcDayWindows(now, days);
    const from = windows[0]!.from;
    const end = windows.at(-1)!.from;
    const [todayRows, maintenanceRows] = await Promise.all([
      this.db.$queryRawUnsafe<TodayRow[]>(TODAY_SQL, end.toISOString(), now.toISOString(), from.toISOString()),
      this.db.maintenanceComponentRegion.findMany({
        where: {
          maintenance: {
            status: { in: ["in_progress", "verifying", "completed"] },
            OR: [{ completedAt: null }, { completedAt: { gt: from } }],
          },
        },
        select: {
          componentRegionId: true,
          maintenance: { select: { startedAt: true, scheduledStart: true, completedAt: true } },
        },
      }),
    ]);
    const maintenance = maintenanceWindows(maintenanceRows, now);
    const fingerprint = `${todayRows[0]?.fingerprint ?? ""}|${maintenanceFingerprint(maintenance, from.getTime(), end.getTime())}`;

    let ended = this.ended;
    const current =
      ended &&
      ended.from === from.getTime() &&
      ended.end === end.getTime() &&
      ended.days === days &&
      ended.fingerprint === fingerprint &&
      todayRows.every((row) => ended!.byId.has(row.id));
    if (!current) {
      ended = await this.countEndedDays(from, end, days, maintenance, fingerprint);
      this.ended = ended;
    }

    const wanted = componentRegionIds && new Set(componentRegionIds);
    const today = { from: end, to: now };
    const result = new Map<string, ComponentRegionUptime>();
    for (const row of todayRows) {
      if (wanted && !wanted.has(row.id)) continue;
      const past = ended!.byId.get(row.id);
      if (!past) continue; // created after the ended days were counted and gone again
      const points = parseChanges(row.changes);
      const windowsOf = maintenance.get(row.id) ?? [];
      const todayBar = dailyBars(points, windowsOf, { days: 1, end: now, initial: past.statusAtEnd });
      const durations = addDurations(past.durations, statusDurations(points, today, windowsOf, past.statusAtEnd));
      result.set(row.id, { availability: availabilityOf(durations).availability, bars: [...past.bars, ...todayBar] });
    }
    return result;
  }

  private async countEndedDays(
    from: Date,
    end: Date,
    days: number,
    maintenance: ReadonlyMap<string, readonly TimeWindow[]>,
    fingerprint: string,
  ): Promise<EndedDays> {
    this.endedCounts++;
    const rows = await this.db.$queryRawUnsafe<HistoryRow[]>(ENDED_SQL, from.toISOString(), end.toISOString());
    const byId = new Map<string, EndedHistory>();
    for (const { id, initial, changes } of rows) {
      const points = parseChanges(changes);
      const windowsOf = maintenance.get(id) ?? [];
      byId.set(id, {
        bars: days > 1 ? dailyBars(points, windowsOf, { initial, days: days - 1, end }) : [],
        durations: statusDurations(points, { from, to: end }, windowsOf, initial),
        statusAtEnd: points.length > 0 ? points.at(-1)!.status : initial,
      });
    }
    return { from: from.getTime(), end: end.getTime(), days, fingerprint, byId };
  }
}

const readers = new WeakMap<Db, UptimeReader>();

/** The process-wide reader for a client, so every page shares one memory of ended days. */
export function uptimeReader(db: Db): UptimeReader {
  let reader = readers.get(db);
  if (!reader) {
    reader = new UptimeReader(db);
    readers.set(db, reader);
  }
  return reader;
}

/** Every ComponentRegion's uptime, or only those in `componentRegionIds`. */
export function getUptime(
  db: Db,
  now: Date,
  days = UPTIME_DAYS,
  componentRegionIds?: readonly string[],
): Promise<Map<string, ComponentRegionUptime>> {
  return uptimeReader(db).read(now, days, componentRegionIds);
}
