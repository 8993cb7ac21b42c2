// Check-based availability of every ComponentRegion over whole UTC days, from
// the day rollups: the share of checks that passed (up or degraded), for the
// window and for each day. Status-based uptime (what SLAs use) is
// lib/public/uptime.ts; this is the raw evidence beside it.
//
// Days that ended are kept in memory: a page asks for 90 days every
// few seconds, and 88 of them cannot change — unless a late result lands in
// one (an agent replaying its buffer), which makes ingest bump the
// ComponentRegion's historyRevision; a changed revision reloads that
// ComponentRegion's closed days. The revisions are read before the rows, so a
// result committed in between is seen again on the next read, never missed.
import type { Db } from "../db.ts";
import type { TimeWindow } from "../domain/uptime.ts";

const DAY_MS = 86_400_000;

export interface CheckCounts {
  /** Checks that passed: up or degraded. */
  good: number;
  total: number;
}

export interface CheckAvailability {
  window: CheckCounts;
  /** One entry per UTC day of the window, oldest first. */
  days: CheckCounts[];
}

interface ClosedDays {
  from: number;
  /** Days before this are closed (and cached); days from here on are read every time. */
  end: number;
  revisions: Map<string, number>;
  /** Per ComponentRegion: day offset from `from` → counts. */
  days: Map<string, Map<number, CheckCounts>>;
}

/** "{1,2,3}" → [1, 2, 3]; these arrays hold integers and never NULL. */
function parseIntArray(text: string): number[] {
  return text.length <= 2 ? [] : text.slice(1, -1).split(",").map(Number);
}

/**
 * One row per ComponentRegion with its days as arrays: 125 rows to decode,
 * not 11,250; the arrays travel as text because decoding int[] in the driver
 * costs more than the query.
 */
async function readDays(
  db: Db,
  from: number,
  to: number,
  only?: readonly string[],
): Promise<Map<string, Map<number, CheckCounts>>> {
  const filter = only ? `AND "componentRegionId" = ANY($3::text[])` : "";
  const params: unknown[] = [new Date(from).toISOString(), new Date(to).toISOString()];
  if (only) params.push(only);
  const rows = await db.$queryRawUnsafe<{ componentRegionId: string; days: string; good: string; total: string }[]>(
    `SELECT "componentRegionId", array_agg("bucketStart"::date - $1::date)::text AS days,
            array_agg("upCount" + "degradedCount")::text AS good, array_agg("upCount" + "degradedCount" + "downCount")::text AS total
       FROM "RollupDay" WHERE "bucketStart" >= $1::timestamp(3) AND "bucketStart" < $2::timestamp(3) ${filter}
      GROUP BY 1`,
    ...params,
  );
  const result = new Map<string, Map<number, CheckCounts>>();
  for (const row of rows) {
    const [days, good, total] = [parseIntArray(row.days), parseIntArray(row.good), parseIntArray(row.total)];
    const byDay = new Map<number, CheckCounts>();
    for (const [k, day] of days.entries()) byDay.set(day, { good: good[k]!, total: total[k]! });
    result.set(row.componentRegionId, byDay);
  }
  return result;
}

export class CheckAvailabilityReader {
  private closed: ClosedDays | undefined;

  /** `closedAfterMs`: a day counts as closed this long after it ended (a margin for clocks that disagree). */
  constructor(
    private readonly db: Db,
    private readonly options: { closedAfterMs?: number } = {},
  ) {}

  /** Availability per ComponentRegion over a window of whole UTC days. */
  async read(window: TimeWindow, now = new Date()): Promise<Map<string, CheckAvailability>> {
    const from = window.from.getTime();
    const to = window.to.getTime();
    if (from % DAY_MS !== 0 || to % DAY_MS !== 0 || to <= from)
      throw new Error("check availability is read over whole UTC days");
    const dayCount = (to - from) / DAY_MS;
    const closedEnd = Math.max(
      from,
      Math.min(to, Math.floor((now.getTime() - (this.options.closedAfterMs ?? 3_600_000)) / DAY_MS) * DAY_MS),
    );

    const revisions = await this.db.$queryRaw<
      { id: string; revision: number }[]
    >`SELECT id, "historyRevision" AS revision FROM "ComponentRegion"`;
    const cache: ClosedDays =
      this.closed && this.closed.from === from && this.closed.end === closedEnd
        ? this.closed
        : { from, end: closedEnd, revisions: new Map(), days: new Map() };
    const stale = revisions.filter((r) => cache.revisions.get(r.id) !== r.revision);
    const [reloaded, live] = await Promise.all([
      stale.length > 0 && closedEnd > from
        ? readDays(this.db, from, closedEnd, stale.length === revisions.length ? undefined : stale.map((r) => r.id))
        : Promise.resolve(new Map<string, Map<number, CheckCounts>>()),
      closedEnd < to ? readDays(this.db, closedEnd, to) : Promise.resolve(new Map<string, Map<number, CheckCounts>>()),
    ]);
    for (const { id, revision } of stale) {
      cache.days.set(id, reloaded.get(id) ?? new Map());
      cache.revisions.set(id, revision);
    }
    this.closed = cache;

    const liveOffset = (closedEnd - from) / DAY_MS;
    const result = new Map<string, CheckAvailability>();
    for (const { id } of revisions) {
      const days = Array.from({ length: dayCount }, () => ({ good: 0, total: 0 }));
      for (const [day, counts] of cache.days.get(id) ?? []) if (days[day]) days[day] = { ...counts };
      for (const [day, counts] of live.get(id) ?? [])
        if (days[liveOffset + day]) days[liveOffset + day] = { ...counts };
      const total = days.reduce((sum, d) => ({ good: sum.good + d.good, total: sum.total + d.total }), {
        good: 0,
        total: 0,
      });
      result.set(id, { window: total, days });
    }
    return result;
  }
}

const readers = new WeakMap<Db, CheckAvailabilityReader>();

/** The process-wide reader for a client, so every page shares one memory of closed days. */
export function checkAvailabilityReader(db: Db): CheckAvailabilityReader {
  let reader = readers.get(db);
  if (!reader) {
    reader = new CheckAvailabilityReader(db);
    readers.set(db, reader);
  }
  return reader;
}
