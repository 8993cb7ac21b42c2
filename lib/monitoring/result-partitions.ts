// Raw check results are partitioned by UTC day on "checkedAt" (migration
// partition_check_results): one table per day in the schema
// "bellwether_partitions", plus a default partition for a day that has none,
// so an insert never fails. The worker creates days ahead of time, ingest
// creates a missing day on demand, and retention drops whole days: a DETACH
// (a catalog change, under a short lock_timeout so ingest never queues long
// behind it) and a DROP of a table nobody writes to any more.
import type { Db } from "../db.ts";

export const PARTITION_SCHEMA = "bellwether_partitions";
/** The worker keeps this many days ahead of today partitioned, so a result stamped early lands in its own day. */
export const PARTITION_DAYS_AHEAD = 7;
/** …and this many behind: AGENT_REPLAY_WINDOW_DAYS' default. Ingest makes any other day it meets on demand. */
export const PARTITION_DAYS_BEHIND = 7;
/** How long retention waits for the parent's lock before trying again: the longest it may hold ingest up. */
export const DETACH_LOCK_TIMEOUT_MS = 200;
/** Partitions detached per transaction: ingest waits for at most this many catalog changes at a time. */
export const DETACH_BATCH = 10;
const DAY_MS = 86_400_000;
const NAME = /^CheckResult_(\d{4})(\d{2})(\d{2})$/;
const LOCK_KEY = "bellwether:CheckResult partitions";

const startOfDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
const sqlTimestamp = (at: Date) => at.toISOString().replace("T", " ").replace("Z", "");

export function partitionName(day: Date): string {
  return `CheckResult_${startOfDay(day).toISOString().slice(0, 10).replaceAll("-", "")}`;
}

function dayOf(name: string): Date | null {
  const m = NAME.exec(name);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : null;
}

interface Partition {
  name: string;
  day: Date;
  attached: boolean;
}

/** Every day table in the partition schema, attached or left behind by an interrupted drop. */
export async function listResultPartitions(db: Db): Promise<Partition[]> {
  const rows = await db.$queryRaw<{ name: string; attached: boolean }[]>`
    SELECT c.relname AS "name", i.inhrelid IS NOT NULL AS "attached"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = '"CheckResult"'::regclass
     WHERE n.nspname = ${PARTITION_SCHEMA} AND c.relkind = 'r'`;
  return rows
    .map((r) => ({ ...r, day: dayOf(r.name) }))
    .filter((r): r is Partition => r.day !== null)
    .sort((a, b) => a.day.getTime() - b.day.getTime());
}

/**
 * Creates the day partition of each day from `from` to `to` (inclusive) that
 * has none; rows the default partition holds for such a day move into it.
 * Creating and attaching never blocks inserts (ATTACH takes SHARE UPDATE
 * EXCLUSIVE on the parent). Returns the names created.
 */
export async function ensureResultPartitions(db: Db, from: Date, to: Date): Promise<string[]> {
  const wanted: Date[] = [];
  for (let day = startOfDay(from); day <= to; day = new Date(day.getTime() + DAY_MS)) wanted.push(day);
  const existing = new Set((await listResultPartitions(db)).map((p) => p.name));
  const created: string[] = [];
  for (const day of wanted) {
    const name = partitionName(day);
    if (existing.has(name)) continue;
    const made = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${LOCK_KEY}))`;
      const [found] = await tx.$queryRaw<{ present: boolean }[]>`
        SELECT to_regclass(${`"${PARTITION_SCHEMA}"."${name}"`}) IS NOT NULL AS "present"`;
      if (found?.present) return false;
      const table = `"${PARTITION_SCHEMA}"."${name}"`;
      const lower = sqlTimestamp(day);
      const upper = sqlTimestamp(new Date(day.getTime() + DAY_MS));
      await tx.$executeRawUnsafe(`CREATE TABLE ${table} (LIKE "CheckResult" INCLUDING DEFAULTS)`);
      await tx.$executeRawUnsafe(
        `WITH moved AS (
           DELETE FROM "${PARTITION_SCHEMA}"."CheckResult_default" WHERE "checkedAt" >= $1::timestamp(3) AND "checkedAt" < $2::timestamp(3)
           RETURNING *
         ) INSERT INTO ${table} SELECT * FROM moved`,
        lower,
        upper,
      );
      await tx.$executeRawUnsafe(
        `ALTER TABLE "CheckResult" ATTACH PARTITION ${table} FOR VALUES FROM ('${lower}') TO ('${upper}')`,
      );
      return true;
    });
    if (made) created.push(name);
  }
  return created;
}

/** The worker's job (hourly and at start): the days of the default replay window, up to PARTITION_DAYS_AHEAD ahead. */
export function prepareResultPartitions(db: Db, now: Date): Promise<string[]> {
  return ensureResultPartitions(
    db,
    new Date(now.getTime() - PARTITION_DAYS_BEHIND * DAY_MS),
    new Date(now.getTime() + PARTITION_DAYS_AHEAD * DAY_MS),
  );
}

// Days this process knows to have a partition, per client: ingest asks the database once per day, not per batch.
const knownByDb = new WeakMap<Db, Set<string>>();
const knownOf = (db: Db) => knownByDb.get(db) ?? knownByDb.set(db, new Set()).get(db)!;

/** For ingest: makes sure each day these results fall on has its partition (once per day and process). */
export async function ensurePartitionsFor(db: Db, checkedAt: readonly Date[]): Promise<void> {
  const known = knownOf(db);
  const days = [...new Set(checkedAt.map((at) => startOfDay(at).getTime()))].filter(
    (day) => !known.has(partitionName(new Date(day))),
  );
  for (const day of days) {
    await ensureResultPartitions(db, new Date(day), new Date(day));
    known.add(partitionName(new Date(day)));
  }
}

export interface ExpiredResults {
  /** Day partitions dropped. */
  partitions: number;
  /** Rows deleted from the default partition. */
  rows: number;
  /** Time spent detaching (ingest may wait on these) and dropping (nobody waits). */
  detachMs: number;
  dropMs: number;
}

/**
 * Detaches these partitions in one transaction, which holds the parent's lock for a few catalog changes (and does
 * not wait for its commit to reach the disk: a detach lost in a crash is done again by the next run).
 */
async function detachAll(db: Db, tables: readonly string[]): Promise<void> {
  const statements = tables.map((table) => `ALTER TABLE "CheckResult" DETACH PARTITION ${table};`).join(" ");
  for (let attempt = 1; ; attempt++) {
    try {
      await db.$executeRawUnsafe(
        `DO $$ BEGIN SET LOCAL lock_timeout = '${DETACH_LOCK_TIMEOUT_MS}ms'; SET LOCAL synchronous_commit = off; ${statements} END $$`,
      );
      return;
    } catch (error) {
      // A long reader holds the parent: step back, so that ingest does not queue behind the waiting DETACH.
      if (!String(error).includes("lock timeout") || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 50));
    }
  }
}

/**
 * Retention: drops the partition of every day that ended before now −
 * retentionDays (detached DETACH_BATCH at a time, then dropped in one
 * statement), and deletes the default partition's rows older than that.
 */
export async function dropExpiredResults(db: Db, now: Date, retentionDays: number): Promise<ExpiredResults> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const expired = (await listResultPartitions(db)).filter((p) => p.day.getTime() + DAY_MS <= cutoff.getTime());
  const tableOf = (p: Partition) => `"${PARTITION_SCHEMA}"."${p.name}"`;
  const attached = expired.filter((p) => p.attached).map(tableOf);
  const started = performance.now();
  for (let i = 0; i < attached.length; i += DETACH_BATCH) await detachAll(db, attached.slice(i, i + DETACH_BATCH));
  const detached = performance.now();
  // Detached, they are tables nobody writes to: dropping them takes no lock that ingest needs.
  if (expired.length > 0) await db.$executeRawUnsafe(`DROP TABLE IF EXISTS ${expired.map(tableOf).join(", ")}`);
  const dropMs = performance.now() - detached;
  for (const p of expired) knownOf(db).delete(p.name);
  const rows = await db.$executeRawUnsafe(
    `DELETE FROM "${PARTITION_SCHEMA}"."CheckResult_default" WHERE "checkedAt" < $1::timestamp(3)`,
    cutoff.toISOString(),
  );
  return { partitions: expired.length, rows, detachMs: detached - started, dropMs };
}
