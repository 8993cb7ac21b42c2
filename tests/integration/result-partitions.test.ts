// Raw results are partitioned by day: the migration keeps what a database
// already holds, ingest writes every day of the replay window (and a few
// minutes ahead) into its own day, retention drops whole days, and Prisma's
// drift check sees none of the day partitions.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration } from "../../lib/database/migrate.ts";
import { type CheckResultInput, ingestResults, MAX_CLOCK_SKEW_MS } from "../../lib/monitoring/ingest-results.ts";
import {
  dropExpiredResults,
  ensureResultPartitions,
  listResultPartitions,
  PARTITION_DAYS_AHEAD,
  partitionName,
  prepareResultPartitions,
} from "../../lib/monitoring/result-partitions.ts";
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { sql } from "../support/sql.ts";

const DAY = 86_400_000;
const MIGRATION = "20261204183000_partition_check_results";
const now = new Date("2026-12-04T12:00:00Z");
const replay = { windowMs: 7 * DAY, agentName: "test", log: () => {} };

let t: TestDatabase;
let vantageRegionId: string;
let probeId: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await makeRegion(t.db);
  vantageRegionId = region.id;
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const componentRegionId = (await makeComponentRegion(t.db, component.id, region.id)).id;
  probeId = (
    await t.db.probe.create({ data: { componentRegionId, name: "health", kind: "http", target: "http://x/health" } })
  ).id;
});
afterAll(() => t.drop());
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const result = (at: Date): CheckResultInput => ({
  id: randomUUID(),
  probeId,
  checkedAt: at.toISOString(),
  outcome: "up",
  latencyMs: 20,
  statusCode: 200,
  error: null,
});

/** Which table each result is stored in. */
async function tablesOf(ids: string[]): Promise<Map<string, string>> {
  const rows = await t.db.$queryRaw<{ id: string; table: string }[]>`
    SELECT id::text, tableoid::regclass::text AS "table" FROM "CheckResult" WHERE id = ANY(${ids}::uuid[])`;
  return new Map(rows.map((r) => [r.id, r.table]));
}

describe("day partitions of raw results", () => {
  it("take every result of the replay window, a few minutes ahead included, into its own day", async () => {
    await prepareResultPartitions(t.db, now);
    const stamps = [
      new Date(now.getTime() - 7 * DAY + 60_000),
      new Date(now.getTime() - 3 * DAY),
      now,
      new Date(now.getTime() + MAX_CLOCK_SKEW_MS - 1_000),
    ];
    const batch = stamps.map(result);
    expect(
      await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: batch }, now, replay),
    ).toMatchObject({ accepted: 4 });
    const tables = await tablesOf(batch.map((r) => r.id));
    expect(batch.map((r) => tables.get(r.id))).toEqual(
      stamps.map((at) => `bellwether_partitions."${partitionName(at)}"`),
    );
    const days = (await listResultPartitions(t.db)).map((p) => p.name);
    expect(days).toContain(partitionName(new Date(now.getTime() + PARTITION_DAYS_AHEAD * DAY)));
  });

  it("make a day on demand for ingest, and move a day's stray rows out of the default partition", async () => {
    const day = new Date("2026-06-01T08:00:00Z");
    // Written past ingest (as a bulk load would): no partition yet, so the default one takes it.
    const stray = randomUUID();
    await t.db.$executeRaw`
      INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", outcome)
      SELECT ${stray}::uuid, ${day}, p.id, p."componentRegionId", ${vantageRegionId}, 'up' FROM "Probe" p WHERE p.id = ${probeId}`;
    expect((await tablesOf([stray])).get(stray)).toBe(`bellwether_partitions."CheckResult_default"`);

    const late = result(new Date(day.getTime() + 3_600_000));
    await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: [late] }, now);
    const tables = await tablesOf([stray, late.id]);
    expect(tables.get(stray)).toBe(`bellwether_partitions."CheckResult_20260601"`);
    expect(tables.get(late.id)).toBe(`bellwether_partitions."CheckResult_20260601"`);
    expect(await ensureResultPartitions(t.db, day, day)).toEqual([]);
  });

  it("expire by dropping whole days older than the retention window, keeping younger days and the rollups", async () => {
    const old = result(new Date(now.getTime() - 40 * DAY));
    const edge = result(new Date(now.getTime() - 29 * DAY));
    await ingestResults(t.db, { vantageRegionId, agentId: null }, { results: [old, edge] }, now);
    const expired = await dropExpiredResults(t.db, now, 30);
    expect(expired.partitions).toBeGreaterThanOrEqual(2); // 40 days ago and June
    const names = (await listResultPartitions(t.db)).map((p) => p.name);
    expect(names).not.toContain(partitionName(new Date(now.getTime() - 40 * DAY)));
    expect(names).toContain(partitionName(new Date(now.getTime() - 29 * DAY)));
    const left = await t.db.checkResult.findMany({ where: { id: { in: [old.id, edge.id] } }, select: { id: true } });
    expect(left).toEqual([{ id: edge.id }]);
    expect(await t.db.rollupDay.count({ where: { bucketStart: new Date("2026-10-25T00:00:00Z") } })).toBe(1);
    expect(await dropExpiredResults(t.db, now, 30)).toMatchObject({ partitions: 0, rows: 0 });
  });

  it("are not drift to Prisma: a migration after the worker made them finds nothing to do", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    await applyMigrations(database.url);
    const { createDb } = await import("../../lib/db.ts");
    const db = createDb(database.url, { max: 2 });
    await prepareResultPartitions(db, new Date());
    await db.$disconnect();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-partitions-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.cpSync("prisma/migrations", path.join(dir, "migrations"), { recursive: true });
    fs.copyFileSync("prisma/schema.prisma", path.join(dir, "schema.prisma"));
    const paths = { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
    expect(await createMigration(database.url, "after_partitions", paths)).toBeNull();
  });
});

describe("the migration to day partitions", () => {
  it("keeps every result a database already held, each in its day", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-partitions-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const migrations = path.join(dir, "migrations");
    fs.cpSync("prisma/migrations", migrations, { recursive: true });
    const later = fs.readdirSync(migrations).filter((d) => d >= MIGRATION);
    const held = path.join(dir, "held");
    fs.mkdirSync(held);
    for (const d of later) fs.renameSync(path.join(migrations, d), path.join(held, d));
    const paths = { schemaPath: "prisma/schema.prisma", migrationsDir: migrations };
    await applyMigrations(database.url, paths);

    await sql(
      database.url,
      `INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", outcome)
       SELECT gen_random_uuid(), timestamp '2026-11-01 00:00' + i * interval '1 hour', 'p', 'cr', 'v', 'up'
         FROM generate_series(0, 71) AS i`,
    );
    for (const d of later) fs.renameSync(path.join(held, d), path.join(migrations, d));
    expect(await applyMigrations(database.url, paths)).toContain(MIGRATION);

    const perTable = await sql<{ table: string; n: number }>(
      database.url,
      `SELECT tableoid::regclass::text AS "table", count(*)::int AS n FROM "CheckResult" GROUP BY 1 ORDER BY 1`,
    );
    expect(perTable).toEqual([
      { table: `bellwether_partitions."CheckResult_20261101"`, n: 24 },
      { table: `bellwether_partitions."CheckResult_20261102"`, n: 24 },
      { table: `bellwether_partitions."CheckResult_20261103"`, n: 24 },
    ]);
  });
});
