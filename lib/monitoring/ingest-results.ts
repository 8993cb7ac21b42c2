// Stores a batch of check results and updates the minute, hour and day
// rollups in the same transaction. Idempotent by result id: a replayed batch
// inserts nothing and counts nothing twice.
import { z } from "zod";
import type { Db } from "../db.ts";
import { bucketIndex, HISTOGRAM_SIZE } from "../domain/latency-histogram.ts";
import { AppError } from "../errors.ts";
import type { CheckOutcome } from "../generated/prisma/enums.ts";

export const MAX_BATCH = 5000;
/** Results stamped further ahead than this are refused: the agent's clock is wrong. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export const checkResultSchema = z.object({
  id: z.uuid(),
  probeId: z.string().min(1).max(64),
  checkedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  outcome: z.enum(["up", "degraded", "down"]),
  latencyMs: z.number().int().min(0).max(3_600_000).nullable(),
  statusCode: z.number().int().min(0).max(999).nullable(),
  error: z.string().max(2000).nullable(),
});
export type CheckResultInput = z.input<typeof checkResultSchema>;

export const ingestBatchSchema = z.object({ results: z.array(checkResultSchema).min(1).max(MAX_BATCH) });

export interface IngestSource {
  /** The vantage region that ran the checks (from the agent's token, never the payload). */
  vantageRegionId: string;
  agentId: string | null;
}

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
}

interface InsertedRow {
  checkedAt: Date;
  componentRegionId: string;
  outcome: CheckOutcome;
  latencyMs: number | null;
}

interface Bucket {
  componentRegionId: string;
  bucketStart: Date;
  up: number;
  degraded: number;
  down: number;
  latencyCount: number;
  latencySum: number;
  latencyMin: number | null;
  latencyMax: number | null;
  histogram: number[];
}

const GRANULARITY_MS = { RollupMinute: 60_000, RollupHour: 3_600_000, RollupDay: 86_400_000 } as const;

/** Pure: groups results into rollup buckets of one granularity, in lock order. */
export function bucketize(rows: readonly InsertedRow[], granularityMs: number): Bucket[] {
  const buckets = new Map<string, Bucket>();
  for (const row of rows) {
    const start = Math.floor(row.checkedAt.getTime() / granularityMs) * granularityMs;
    const key = `${row.componentRegionId}|${start}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        componentRegionId: row.componentRegionId,
        bucketStart: new Date(start),
        up: 0,
        degraded: 0,
        down: 0,
        latencyCount: 0,
        latencySum: 0,
        latencyMin: null,
        latencyMax: null,
        histogram: new Array<number>(HISTOGRAM_SIZE).fill(0),
      };
      buckets.set(key, bucket);
    }
    bucket[row.outcome] += 1;
    if (row.latencyMs !== null) {
      bucket.latencyCount += 1;
      bucket.latencySum += row.latencyMs;
      bucket.latencyMin = bucket.latencyMin === null ? row.latencyMs : Math.min(bucket.latencyMin, row.latencyMs);
      bucket.latencyMax = bucket.latencyMax === null ? row.latencyMs : Math.max(bucket.latencyMax, row.latencyMs);
      bucket.histogram[bucketIndex(row.latencyMs)]! += 1;
    }
  }
  // A fixed order keeps concurrent ingests from deadlocking on rollup rows.
  return [...buckets.values()].sort((a, b) =>
    a.componentRegionId === b.componentRegionId
      ? a.bucketStart.getTime() - b.bucketStart.getTime()
      : a.componentRegionId < b.componentRegionId
        ? -1
        : 1,
  );
}

function upsertRollupsSql(table: keyof typeof GRANULARITY_MS): string {
  return `
    INSERT INTO "${table}" AS r ("componentRegionId", "bucketStart", "upCount", "degradedCount", "downCount",
      "latencyCount", "latencySumMs", "latencyMinMs", "latencyMaxMs", "latencyHistogram")
    SELECT t.cr, t.b, t.u, t.d, t.dn, t.lc, t.ls, t.lmin, t.lmax, t.h::int[]
      FROM unnest($1::text[], $2::timestamp(3)[], $3::int[], $4::int[], $5::int[], $6::int[], $7::bigint[], $8::int[], $9::int[], $10::text[])
        AS t(cr, b, u, d, dn, lc, ls, lmin, lmax, h)
    ON CONFLICT ("componentRegionId", "bucketStart") DO UPDATE SET
      "upCount" = r."upCount" + EXCLUDED."upCount",
      "degradedCount" = r."degradedCount" + EXCLUDED."degradedCount",
      "downCount" = r."downCount" + EXCLUDED."downCount",
      "latencyCount" = r."latencyCount" + EXCLUDED."latencyCount",
      "latencySumMs" = r."latencySumMs" + EXCLUDED."latencySumMs",
      "latencyMinMs" = LEAST(r."latencyMinMs", EXCLUDED."latencyMinMs"),
      "latencyMaxMs" = GREATEST(r."latencyMaxMs", EXCLUDED."latencyMaxMs"),
      "latencyHistogram" = ARRAY(
        SELECT COALESCE(a, 0) + COALESCE(b, 0)
          FROM unnest(r."latencyHistogram", EXCLUDED."latencyHistogram") WITH ORDINALITY AS x(a, b, i)
         ORDER BY i)`;
}

function rollupParams(buckets: readonly Bucket[]): unknown[] {
  return [
    buckets.map((b) => b.componentRegionId),
    buckets.map((b) => b.bucketStart.toISOString()),
    buckets.map((b) => b.up),
    buckets.map((b) => b.degraded),
    buckets.map((b) => b.down),
    buckets.map((b) => b.latencyCount),
    buckets.map((b) => String(b.latencySum)),
    buckets.map((b) => b.latencyMin),
    buckets.map((b) => b.latencyMax),
    buckets.map((b) => `{${b.histogram.join(",")}}`),
  ];
}

export async function ingestResults(db: Db, source: IngestSource, input: unknown, now: Date): Promise<IngestOutcome> {
  const parsed = ingestBatchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `Invalid batch at ${issue.path.join(".") || "body"}: ${issue.message}`, { cause: parsed.error });
  }
  const results = parsed.data.results;
  const future = results.find((r) => r.checkedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS);
  if (future) throw new AppError("BAD_REQUEST", `Result ${future.id} is stamped ${future.checkedAt.toISOString()}, in the future: check the agent's clock.`);

  const probeIds = [...new Set(results.map((r) => r.probeId))];
  const probes = await db.probe.findMany({ where: { id: { in: probeIds } }, select: { id: true, componentRegionId: true } });
  const componentRegionOf = new Map(probes.map((p) => [p.id, p.componentRegionId]));
  const unknown = probeIds.filter((id) => !componentRegionOf.has(id));
  if (unknown.length > 0) throw new AppError("BAD_REQUEST", `Unknown probe id(s): ${unknown.slice(0, 5).join(", ")}.`);

  return db.$transaction(
    async (tx) => {
      const inserted = await tx.$queryRawUnsafe<InsertedRow[]>(
        `INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", "agentId", outcome, "latencyMs", "statusCode", error)
         SELECT t.id, t.at, t.probe, t.cr, $6, $7, t.outcome, t.latency, t.code, t.error
           FROM unnest($1::uuid[], $2::timestamp(3)[], $3::text[], $4::text[], $5::"CheckOutcome"[], $8::int[], $9::int[], $10::text[])
             AS t(id, at, probe, cr, outcome, latency, code, error)
         ON CONFLICT DO NOTHING
         RETURNING "checkedAt", "componentRegionId", outcome, "latencyMs"`,
        results.map((r) => r.id),
        results.map((r) => r.checkedAt.toISOString()),
        results.map((r) => r.probeId),
        results.map((r) => componentRegionOf.get(r.probeId)!),
        results.map((r) => r.outcome),
        source.vantageRegionId,
        source.agentId,
        results.map((r) => r.latencyMs),
        results.map((r) => r.statusCode),
        results.map((r) => r.error),
      );
      if (inserted.length > 0) {
        for (const [table, ms] of Object.entries(GRANULARITY_MS) as [keyof typeof GRANULARITY_MS, number][]) {
          const buckets = bucketize(inserted, ms);
          await tx.$executeRawUnsafe(upsertRollupsSql(table), ...rollupParams(buckets));
        }
        const latest = new Map<string, Date>();
        for (const row of inserted) {
          const seen = latest.get(row.componentRegionId);
          if (!seen || row.checkedAt > seen) latest.set(row.componentRegionId, row.checkedAt);
        }
        const entries = [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
        await tx.$executeRawUnsafe(
          `UPDATE "ComponentRegion" c SET "lastResultAt" = GREATEST(c."lastResultAt", t.at)
             FROM unnest($1::text[], $2::timestamp(3)[]) AS t(id, at) WHERE c.id = t.id`,
          entries.map(([id]) => id),
          entries.map(([, at]) => at.toISOString()),
        );
      }
      return { accepted: inserted.length, duplicates: results.length - inserted.length };
    },
    { timeout: 60_000 },
  );
}
