// Response times of one or more ComponentRegions over 24 h, 7 d or 30 d, from
// the rollup table that fits the range. The database sums the regions'
// histograms per bucket, so at most one row per bucket travels back.
import type { Db } from "../db.ts";
import { HISTOGRAM_SIZE } from "../domain/latency-histogram.ts";
import {
  LATENCY_RANGES,
  type LatencyRangeKey,
  type LatencyRollup,
  type LatencySeries,
  latencySeries,
  latencyWindow,
  type RollupGranularity,
} from "../domain/latency-series.ts";

const TABLE: Readonly<Record<RollupGranularity, string>> = {
  minute: "RollupMinute",
  hour: "RollupHour",
  day: "RollupDay",
};

const BUCKET_SUMS = Array.from(
  { length: HISTOGRAM_SIZE },
  (_, i) => `sum("latencyHistogram"[${i + 1}])::int AS h${i}`,
).join(", ");

type Row = { bucketStart: Date; count: number; minMs: number | null; maxMs: number | null } & Record<
  `h${number}`,
  number
>;

export async function getLatencySeries(
  db: Db,
  componentRegionIds: readonly string[],
  range: LatencyRangeKey,
  now: Date,
): Promise<LatencySeries> {
  const spec = LATENCY_RANGES[range];
  const window = latencyWindow(spec, now);
  if (componentRegionIds.length === 0) return latencySeries([], window);
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT "bucketStart", sum("latencyCount")::int AS count, min("latencyMinMs") AS "minMs", max("latencyMaxMs") AS "maxMs", ${BUCKET_SUMS}
       FROM "${TABLE[spec.rollup]}"
      WHERE "componentRegionId" = ANY($1::text[]) AND "bucketStart" >= $2::timestamp(3) AND "bucketStart" < $3::timestamp(3)
      GROUP BY "bucketStart"`,
    [...componentRegionIds],
    window.from.toISOString(),
    window.to.toISOString(),
  );
  const rollups: LatencyRollup[] = rows.map((r) => ({
    bucketStart: r.bucketStart,
    count: r.count,
    minMs: r.minMs,
    maxMs: r.maxMs,
    histogram: Array.from({ length: HISTOGRAM_SIZE }, (_, i) => r[`h${i}`] ?? 0),
  }));
  return latencySeries(rollups, window);
}
