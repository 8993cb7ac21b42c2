// The uptime benchmark's data: 125 ComponentRegions, tens of millions of raw
// check results over 90 days written by SQL (generate_series), and day
// rollups aggregated from exactly those rows, so that both must agree.
import type pg from "pg";
import { createDb } from "../lib/db.ts";
import { LATENCY_BUCKET_BOUNDS_MS } from "../lib/domain/latency-histogram.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { type BenchDatabase, withClient } from "./database.ts";
import { log, ms, timed } from "./report.ts";

export const DAY_MS = 86_400_000;
export const DAYS = 90;
/** Vantages stagger their checks of one slot by a second each. */
const VANTAGE_STAGGER_S = 1;

export interface UptimeData {
  componentRegionIds: string[];
  window: { from: Date; to: Date };
  rawRows: number;
  intervalSeconds: number;
  timings: { label: string; ms: number }[];
  /** CheckResult's indexes not rebuilt after the load: nothing measured here reads them. */
  skippedIndexes: string[];
}

/** Seeds the catalog, then adds components until there are `total` ComponentRegions, one probe each. */
async function createComponentRegions(
  url: string,
  total: number,
): Promise<{ probeId: string; componentRegionId: string }[]> {
  const db = createDb(url, { max: 2 });
  try {
    await seedPlatform(db);
    const regions = await db.region.findMany({ orderBy: { sortOrder: "asc" } });
    const product = await db.product.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });
    let existing = await db.componentRegion.count();
    for (let i = 0; existing < total; i++) {
      const data = {
        key: `bench-${i}`,
        name: `Bench component ${i}`,
        tier: i % 2 === 0 ? ("TIER_1" as const) : ("TIER_2" as const),
        productId: product.id,
      };
      const component = await db.component.create({ data });
      for (const region of regions.slice(0, total - existing)) {
        // The target is never called: this benchmark reads results, it does not run checks.
        const probe = {
          name: "health",
          kind: "http" as const,
          target: `http://127.0.0.1:9/${region.key}/bench-${i}/health`,
        };
        await db.componentRegion.create({
          data: { componentId: component.id, regionId: region.id, probes: { create: probe } },
        });
        existing++;
      }
    }
    const probes = await db.probe.findMany({
      select: { id: true, componentRegionId: true },
      orderBy: { componentRegionId: "asc" },
    });
    return probes.map((p) => ({ probeId: p.id, componentRegionId: p.componentRegionId }));
  } finally {
    await db.$disconnect();
  }
}

/**
 * For each probe, every slot, every vantage, in that order: the heap is laid
 * out per ComponentRegion in time order, so the index build sees presorted input.
 */
const LOAD_SQL = `
  INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", outcome, "latencyMs", "statusCode", error)
  SELECT ('b0000000-0000-4000-8000-0' || to_hex(1099511627776 + seq))::uuid, at, probe, cr, vantage, outcome,
         CASE outcome WHEN 'down' THEN NULL WHEN 'degraded' THEN 1000 + (r * 1000000)::int % 2500 ELSE 12 + (r * 10000000)::int % 240 END,
         CASE outcome WHEN 'down' THEN 503 ELSE 200 END,
         CASE outcome WHEN 'down' THEN 'HTTP 503 Service Unavailable' END
    FROM (
      SELECT g.*,
             -- An outage of 40 slots every 12,000 on each ComponentRegion, seen from every vantage, plus noise.
             CASE WHEN (g.s + g.n * 1009) % 12000 < 40 OR g.r < 0.002 THEN 'down' WHEN g.r < 0.015 THEN 'degraded' ELSE 'up' END::"CheckOutcome" AS outcome
        FROM (
          SELECT p.probe, p.cr, p.n, q / $7::int AS s, ($3::text[])[(q % $7::int)::int + 1] AS vantage,
                 (p.n - 1) * $6::int * $7::int + q AS seq,
                 $4::timestamp + (((p.n * 37) % ($5::int - $7::int * ${VANTAGE_STAGGER_S})) + (q / $7::int) * $5::int + (q % $7::int) * ${VANTAGE_STAGGER_S}) * interval '1 second' AS at,
                 random() AS r
            FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(probe, cr, n)
            -- The series depends on p, so the planner cannot put it outside: rows come out per probe, in time order.
            CROSS JOIN LATERAL generate_series(p.n * 0, $6::int * $7::int - 1) AS q
        ) g
    ) o`;

/** The FILTER aggregates that build a rollup's histogram with the bounds lib/ uses. */
function histogramSql(column: string): string {
  const bounds = LATENCY_BUCKET_BOUNDS_MS;
  const buckets = bounds.map((bound, i) =>
    i === 0 ? `${column} <= ${bound}` : `${column} > ${bounds[i - 1]} AND ${column} <= ${bound}`,
  );
  buckets.push(`${column} > ${bounds.at(-1)}`);
  return `ARRAY[${buckets.map((b) => `count(*) FILTER (WHERE ${b})`).join(", ")}]::int[]`;
}

/** CREATE TABLE AS may run in parallel, unlike INSERT … SELECT; the 11,250 rows then move over. */
const DAY_ROLLUP_SQL = `
  CREATE UNLOGGED TABLE bench_day_rollup AS
  SELECT "componentRegionId", date_trunc('day', "checkedAt") AS "bucketStart",
         count(*) FILTER (WHERE outcome = 'up')::int AS "upCount",
         count(*) FILTER (WHERE outcome = 'degraded')::int AS "degradedCount",
         count(*) FILTER (WHERE outcome = 'down')::int AS "downCount",
         count("latencyMs")::int AS "latencyCount", coalesce(sum("latencyMs"), 0)::bigint AS "latencySumMs",
         min("latencyMs") AS "latencyMinMs", max("latencyMs") AS "latencyMaxMs",
         ${histogramSql(`"latencyMs"`)} AS "latencyHistogram"
    FROM "CheckResult" GROUP BY 1, 2`;

const ROLLUP_COLUMNS = `"componentRegionId", "bucketStart", "upCount", "degradedCount", "downCount", "latencyCount", "latencySumMs", "latencyMinMs", "latencyMaxMs", "latencyHistogram"`;

/** The index a raw per-ComponentRegion query reads; the others serve writes and retention. */
const KEPT_INDEX = "CheckResult_componentRegionId_checkedAt_idx";

async function checkResultIndexes(client: pg.Client): Promise<{ drop: string[]; create: string[]; skipped: string[] }> {
  const pk = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = '"CheckResult"'::regclass AND contype = 'p'`,
  );
  const others = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = '"CheckResult"'::regclass AND NOT i.indisprimary`,
  );
  const kept = others.rows.filter((r) => r.name === KEPT_INDEX);
  return {
    drop: [
      ...pk.rows.map((r) => `ALTER TABLE "CheckResult" DROP CONSTRAINT "${r.name}"`),
      ...others.rows.map((r) => `DROP INDEX "${r.name}"`),
    ],
    create: kept.map((r) => r.definition),
    skipped: [...pk.rows, ...others.rows].filter((r) => r.name !== KEPT_INDEX).map((r) => r.name),
  };
}

export interface UptimeDataOptions {
  componentRegions: number;
  targetRows: number;
  vantages: number;
}

/** Server settings for the load; the restart makes wal_level=minimal take effect. */
async function configureForLoading(database: BenchDatabase): Promise<void> {
  await withClient(database.url, async (client) => {
    // No checkpoint storm and no autovacuum racing the index build; a table
    // truncated in the loading transaction then writes no WAL at all.
    await client.query(`ALTER SYSTEM SET max_wal_size = '64GB'`);
    await client.query(`ALTER SYSTEM SET checkpoint_timeout = '1h'`);
    await client.query(`ALTER SYSTEM SET autovacuum = off`);
    await client.query(`ALTER SYSTEM SET wal_level = minimal`);
    await client.query(`ALTER SYSTEM SET max_wal_senders = 0`);
  });
  await database.restart();
}

interface LoadPlan {
  probes: { probeId: string; componentRegionId: string }[];
  vantages: string[];
  from: Date;
  intervalSeconds: number;
  slots: number;
}

/** One session, one transaction: two sessions would interleave the heap and lose the presorted index build. */
async function loadRawResults(url: string, plan: LoadPlan): Promise<void> {
  await withClient(url, async (client) => {
    await client.query("SET synchronous_commit = off");
    // Foreign keys hold by construction; checking 30 M of them would double the load.
    await client.query("SET session_replication_role = replica");
    await client.query("BEGIN");
    await client.query(`TRUNCATE "CheckResult"`);
    await client.query(LOAD_SQL, [
      plan.probes.map((p) => p.probeId),
      plan.probes.map((p) => p.componentRegionId),
      plan.vantages,
      plan.from.toISOString(),
      plan.intervalSeconds,
      plan.slots,
      plan.vantages.length,
    ]);
    await client.query("COMMIT");
  });
}

async function buildDayRollups(url: string): Promise<void> {
  await withClient(url, async (client) => {
    await client.query("SET work_mem = '256MB'");
    await client.query(DAY_ROLLUP_SQL);
    await client.query(`INSERT INTO "RollupDay" (${ROLLUP_COLUMNS}) SELECT ${ROLLUP_COLUMNS} FROM bench_day_rollup`);
    await client.query(`DROP TABLE bench_day_rollup`);
    await client.query(`ANALYZE "RollupDay"`);
  });
}

export async function buildUptimeData(database: BenchDatabase, options: UptimeDataOptions): Promise<UptimeData> {
  const timings: UptimeData["timings"] = [];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const { result, elapsedMs } = await timed(work);
    timings.push({ label, ms: elapsedMs });
    log(`${label.padEnd(44)} ${ms(elapsedMs)}`);
    return result;
  };

  const probes = await step(`catalog: ${options.componentRegions} ComponentRegions`, () =>
    createComponentRegions(database.url, options.componentRegions),
  );
  const to = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const window = { from: new Date(to - DAYS * DAY_MS), to: new Date(to) };
  const slots = Math.round(options.targetRows / (probes.length * options.vantages));
  const intervalSeconds = Math.floor((DAYS * DAY_MS) / 1000 / slots);
  const rawRows = slots * probes.length * options.vantages;

  await configureForLoading(database);
  const vantages = await withClient(database.url, async (client) =>
    (
      await client.query<{ id: string }>(`SELECT id FROM "Region" ORDER BY "sortOrder" LIMIT $1`, [options.vantages])
    ).rows.map((r) => r.id),
  );
  const indexes = await withClient(database.url, checkResultIndexes);
  await withClient(database.url, async (client) => {
    for (const sql of indexes.drop) await client.query(sql);
  });

  log(
    `loading ${rawRows.toLocaleString("en-US")} raw results (${probes.length} × ${vantages.length} vantages, one per ${intervalSeconds} s over ${DAYS} days) …`,
  );
  await step("raw rows: INSERT … SELECT generate_series", () =>
    loadRawResults(database.url, { probes, vantages, from: window.from, intervalSeconds, slots }),
  );
  await step("statistics: ANALYZE with (ComponentRegion, day) groups", () =>
    withClient(database.url, async (client) => {
      // Without it the planner expects a million groups and aggregates serially.
      await client.query(
        `CREATE STATISTICS bench_component_region_day (ndistinct) ON "componentRegionId", date_trunc('day', "checkedAt") FROM "CheckResult"`,
      );
      await client.query(`ANALYZE "CheckResult"`);
    }),
  );
  // Both only read the heap: side by side they share the two cores.
  await Promise.all([
    step(`index: ${KEPT_INDEX}`, () =>
      withClient(database.url, async (client) => {
        await client.query("SET maintenance_work_mem = '2GB'");
        await client.query("SET max_parallel_maintenance_workers = 0");
        for (const sql of indexes.create) await client.query(sql);
      }),
    ),
    step("day rollups: aggregated from the raw rows", () => buildDayRollups(database.url)),
  ]);
  // Measuring while GBs of dirty pages are written back would time the disk, not the queries.
  await step("checkpoint: the load flushed to disk", () =>
    withClient(database.url, (client) => client.query("CHECKPOINT")),
  );
  return {
    componentRegionIds: [...new Set(probes.map((p) => p.componentRegionId))],
    window,
    rawRows,
    intervalSeconds,
    timings,
    skippedIndexes: indexes.skipped,
  };
}
