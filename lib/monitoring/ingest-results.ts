// Stores a batch of check results and updates the minute, hour and day
// rollups in the same statement. Idempotent by result id: a replayed batch
// inserts nothing and counts nothing twice.
import { z } from "zod";
import type { Db } from "../db.ts";
import { formatDuration } from "../domain/duration.ts";
import { HISTOGRAM_SIZE, LATENCY_BUCKET_BOUNDS_MS } from "../domain/latency-histogram.ts";
import { AppError } from "../errors.ts";
import { ensurePartitionsFor } from "./result-partitions.ts";

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

/** How an agent's batch is held to its replay window; absent for writers of history (the seed, benchmarks). */
export interface ReplayPolicy {
  /** Results stamped earlier than now − this are refused: no token may rewrite the past. */
  windowMs: number;
  /** A batch whose oldest result is older than this is late (a buffer replayed after an outage): logged. */
  lateAfterMs?: number;
  agentName: string;
  log: (line: string) => void;
}

/** Results older than this are late, not lost: a round is evaluated 5 s after its timeout. */
export const LATE_BATCH_AFTER_MS = 10 * 60_000;

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
}

const ROLLUP_TABLES = { RollupMinute: "minute", RollupHour: "hour", RollupDay: "day" } as const;

/**
 * One rollup upsert over the rows just inserted (the CTE `graded`): counts by
 * outcome, latency sum/min/max and the fixed histogram, grouped per bucket and
 * written in key order so that concurrent agents cannot deadlock.
 */
function rollupCte(table: keyof typeof ROLLUP_TABLES): string {
  const histogram = Array.from({ length: HISTOGRAM_SIZE }, (_, i) => `count(*) FILTER (WHERE b = ${i})::int`).join(
    ", ",
  );
  return `
    INSERT INTO "${table}" AS r ("componentRegionId", "bucketStart", "upCount", "degradedCount", "downCount",
      "latencyCount", "latencySumMs", "latencyMinMs", "latencyMaxMs", "latencyHistogram")
    SELECT cr, date_trunc('${ROLLUP_TABLES[table]}', at),
      count(*) FILTER (WHERE outcome = 'up'), count(*) FILTER (WHERE outcome = 'degraded'), count(*) FILTER (WHERE outcome = 'down'),
      count(latency), COALESCE(sum(latency), 0), min(latency), max(latency), ARRAY[${histogram}]
      FROM graded GROUP BY 1, 2 ORDER BY 1, 2
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

// Everything happens in one statement: the results are inserted, and only the
// rows actually inserted (not replays) feed the rollups and lastResultAt.
// Rows are locked in one order by every writer — rollup rows by key, table by
// table, then ComponentRegion rows by id ("locked"; the evaluator updates them
// in id order too) — so that agents pushing at once, and the evaluator, cannot
// deadlock. A join does not keep its input's order, hence the explicit lock.
// Bucket i of the histogram holds (bound[i-1], bound[i]]: width_bucket(ms - 1).
const INGEST_SQL = `
  WITH ins AS (
    INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", "agentId", outcome, "latencyMs", "statusCode", error)
    SELECT t.id, t.at, t.probe, t.cr, $6, $7, t.outcome, t.latency, t.code, t.error
      FROM unnest($1::uuid[], $2::timestamp(3)[], $3::text[], $4::text[], $5::"CheckOutcome"[], $8::int[], $9::int[], $10::text[])
        AS t(id, at, probe, cr, outcome, latency, code, error)
    ON CONFLICT DO NOTHING
    RETURNING "checkedAt" AS at, "componentRegionId" AS cr, outcome, "latencyMs" AS latency
  ), graded AS (
    SELECT at, cr, outcome, latency, width_bucket(latency - 1, ARRAY[${LATENCY_BUCKET_BOUNDS_MS.join(", ")}]::int[]) AS b FROM ins
  ), minute AS (${rollupCte("RollupMinute")}
  ), hour AS (${rollupCte("RollupHour")}
  ), day AS (${rollupCte("RollupDay")}
  ), locked AS (
    SELECT id FROM "ComponentRegion" WHERE id IN (SELECT cr FROM ins) ORDER BY id FOR NO KEY UPDATE
  ), seen AS (
    UPDATE "ComponentRegion" c SET "lastResultAt" = GREATEST(c."lastResultAt", x.at),
           "historyRevision" = c."historyRevision" + (x.oldest < date_trunc('day', now() AT TIME ZONE 'UTC'))::int
      FROM (SELECT cr, max(at) AS at, min(at) AS oldest FROM ins GROUP BY cr) x JOIN locked l ON l.id = x.cr
     WHERE c.id = x.cr
  )
  SELECT count(*)::int AS accepted FROM ins`;

function holdToReplayWindow(results: { id: string; checkedAt: Date }[], now: Date, policy: ReplayPolicy): void {
  const oldest = results.reduce((a, b) => (b.checkedAt < a.checkedAt ? b : a));
  const age = now.getTime() - oldest.checkedAt.getTime();
  const days = Math.round(policy.windowMs / 86_400_000);
  if (age > policy.windowMs) {
    policy.log(
      `[bellwether] ingest: refused a batch from agent ${policy.agentName}: result ${oldest.id} is stamped ${oldest.checkedAt.toISOString()}, older than the agent replay window of ${days} days`,
    );
    throw new AppError(
      "BAD_REQUEST",
      `Result ${oldest.id} is stamped ${oldest.checkedAt.toISOString()}, older than the agent replay window of ${days} days: drop it from the agent's buffer.`,
    );
  }
  const lateAfter = policy.lateAfterMs ?? LATE_BATCH_AFTER_MS;
  if (age > lateAfter) {
    const late = results.filter((r) => now.getTime() - r.checkedAt.getTime() > lateAfter).length;
    policy.log(
      `[bellwether] ingest: late batch from agent ${policy.agentName}: ${late} result(s), the oldest ${formatDuration(age)} old (${oldest.checkedAt.toISOString()})`,
    );
  }
}

export async function ingestResults(
  db: Db,
  source: IngestSource,
  input: unknown,
  now: Date,
  replay?: ReplayPolicy,
): Promise<IngestOutcome> {
  const parsed = ingestBatchSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("BAD_REQUEST", `Invalid batch at ${issue.path.join(".") || "body"}: ${issue.message}`, {
      cause: parsed.error,
    });
  }
  const results = parsed.data.results;
  const future = results.find((r) => r.checkedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS);
  if (future)
    throw new AppError(
      "BAD_REQUEST",
      `Result ${future.id} is stamped ${future.checkedAt.toISOString()}, in the future: check the agent's clock.`,
    );
  if (replay) holdToReplayWindow(results, now, replay);

  const probeIds = [...new Set(results.map((r) => r.probeId))];
  const probes = await db.probe.findMany({
    where: { id: { in: probeIds } },
    select: { id: true, componentRegionId: true },
  });
  const componentRegionOf = new Map(probes.map((p) => [p.id, p.componentRegionId]));
  const unknown = probeIds.filter((id) => !componentRegionOf.has(id));
  if (unknown.length > 0) throw new AppError("BAD_REQUEST", `Unknown probe id(s): ${unknown.slice(0, 5).join(", ")}.`);

  // A day without its partition would land in the default one: make it first (once per day and process).
  await ensurePartitionsFor(
    db,
    results.map((r) => r.checkedAt),
  );
  const [row] = await db.$queryRawUnsafe<{ accepted: number }[]>(
    INGEST_SQL,
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
  const accepted = row?.accepted ?? 0;
  return { accepted, duplicates: results.length - accepted };
}
