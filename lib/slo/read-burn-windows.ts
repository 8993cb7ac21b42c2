// Good and all checks of every ComponentRegion over each burn-rate window, in
// one query: windows up to 6 h from the minute rollups (minute by minute, so a
// 5-minute window reacts within a minute), the 1-day and 3-day windows from
// the hour rollups' whole hours plus this hour's minutes (so they reach back to
// the first whole hour inside the window: at most an hour shorter, never longer).
import type { Db, Prisma } from "../db.ts";
import { BURN_WINDOWS_MINUTES, type CheckCounts } from "../domain/slo.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** Windows longer than this are read from the hour rollups. */
export const MINUTE_ROLLUP_WINDOW_LIMIT = 360;

export type BurnWindows = ReadonlyMap<number, CheckCounts>;

/** ComponentRegion id → window minutes → counts; ComponentRegions without checks are absent. */
export async function readBurnWindows(
  db: Db | Prisma.TransactionClient,
  now: Date,
  componentRegionIds?: readonly string[],
): Promise<Map<string, BurnWindows>> {
  const t = now.getTime();
  const hourStart = Math.floor(t / HOUR_MS) * HOUR_MS;
  const minuteWindows = BURN_WINDOWS_MINUTES.filter((w) => w <= MINUTE_ROLLUP_WINDOW_LIMIT);
  const hourWindows = BURN_WINDOWS_MINUTES.filter((w) => w > MINUTE_ROLLUP_WINDOW_LIMIT);
  const longest = Math.max(...hourWindows);
  const iso = (ms: number) => new Date(ms).toISOString();
  // $1 now, $2 this hour's start, $3 oldest minute read, $4 oldest hour read, then each window's start.
  const params: unknown[] = [
    iso(t),
    iso(hourStart),
    iso(Math.min(hourStart, t - MINUTE_ROLLUP_WINDOW_LIMIT * MINUTE_MS)),
    iso(Math.ceil((t - longest * MINUTE_MS) / HOUR_MS) * HOUR_MS),
  ];
  const columns: string[] = [];
  for (const w of minuteWindows) {
    params.push(iso(t - w * MINUTE_MS));
    const p = `$${params.length}::timestamp(3)`;
    columns.push(
      `SUM(good) FILTER (WHERE kind = 'm' AND b > ${p}) AS "g${w}", SUM(total) FILTER (WHERE kind = 'm' AND b > ${p}) AS "t${w}"`,
    );
  }
  for (const w of hourWindows) {
    params.push(iso(Math.ceil((t - w * MINUTE_MS) / HOUR_MS) * HOUR_MS));
    const p = `$${params.length}::timestamp(3)`;
    const inWindow = `((kind = 'h' AND b >= ${p} AND b < $2::timestamp(3)) OR (kind = 'm' AND b >= $2::timestamp(3)))`;
    columns.push(`SUM(good) FILTER (WHERE ${inWindow}) AS "g${w}", SUM(total) FILTER (WHERE ${inWindow}) AS "t${w}"`);
  }
  let filter = "";
  if (componentRegionIds) {
    params.push(componentRegionIds);
    filter = `AND "componentRegionId" = ANY($${params.length}::text[])`;
  }
  const rows = await db.$queryRawUnsafe<Record<string, string | number | bigint | null>[]>(
    `WITH buckets AS (
       SELECT 'm' AS kind, "componentRegionId" AS id, "bucketStart" AS b,
              "upCount" + "degradedCount" AS good, "upCount" + "degradedCount" + "downCount" AS total
         FROM "RollupMinute" WHERE "bucketStart" > $3::timestamp(3) AND "bucketStart" <= $1::timestamp(3) ${filter}
       UNION ALL
       SELECT 'h', "componentRegionId", "bucketStart", "upCount" + "degradedCount", "upCount" + "degradedCount" + "downCount"
         FROM "RollupHour" WHERE "bucketStart" >= $4::timestamp(3) AND "bucketStart" < $2::timestamp(3) ${filter}
     )
     SELECT id, ${columns.join(", ")} FROM buckets GROUP BY id`,
    ...params,
  );
  const result = new Map<string, BurnWindows>();
  for (const row of rows) {
    const windows = new Map<number, CheckCounts>();
    for (const w of BURN_WINDOWS_MINUTES)
      windows.set(w, { good: Number(row[`g${w}`] ?? 0), total: Number(row[`t${w}`] ?? 0) });
    result.set(String(row.id), windows);
  }
  return result;
}

export const NO_CHECKS: CheckCounts = Object.freeze({ good: 0, total: 0 });
