// Retention by partition drop: 90 days of raw results in day partitions, then
// the 60 oldest days expire through dropExpiredResults while agents keep
// pushing batches through the real ingestResults. Reference in the same run:
// the same 60 days expired by the chunked DELETE that retention used before
// (the days are loaded again afterwards), with the same ingest running, and
// the ingest latency in the quiet seconds before each.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "../lib/db.ts";
import { ingestResults } from "../lib/monitoring/ingest-results.ts";
import { dropExpiredResults, ensureResultPartitions } from "../lib/monitoring/result-partitions.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { startBenchDatabase, withClient } from "./database.ts";
import { count, log, ms, printSummary, ratio, samplePercentile, verdict } from "./report.ts";

const DAY = 86_400_000;
const DAYS = 90;
const RETENTION_DAYS = 30;
const ROWS_PER_DAY = 10_000;
/** The chunk the DELETE-based retention used. */
const DELETE_CHUNK = 50_000;
const AGENTS = 4;
const AGENT_PAUSE_MS = 20;
const STEADY_MS = 10_000;
/** Ingest samples this long after the expiry ended still count as "during": a stalled batch finishes late. */
const AFTER_MS = 500;
const TARGET_DROP_MS = 1_000;
const TARGET_P99_FACTOR = 2;

interface Sample {
  start: number;
  end: number;
}

/**
 * Agents pushing a round of results each, back to back, through ingestResults; every call's start and end. Each
 * agent checks its own ComponentRegions, so that no two batches wait on each other's rollup rows.
 */
function startAgents(db: Db, probes: { id: string; componentRegionId: string }[], vantageRegionId: string) {
  const samples: Sample[] = [];
  let stopped = false;
  const regions = [...new Set(probes.map((p) => p.componentRegionId))];
  const agent = async (n: number) => {
    const own = probes.filter((p) => regions.indexOf(p.componentRegionId) % AGENTS === n);
    while (!stopped) {
      const results = own.map((p) => ({
        id: randomUUID(),
        probeId: p.id,
        checkedAt: new Date().toISOString(),
        outcome: "up" as const,
        latencyMs: 25,
        statusCode: 200,
        error: null,
      }));
      const start = performance.now();
      await ingestResults(db, { vantageRegionId, agentId: null }, { results }, new Date());
      samples.push({ start, end: performance.now() });
      await new Promise((r) => setTimeout(r, AGENT_PAUSE_MS));
    }
  };
  const running = Promise.all(Array.from({ length: AGENTS }, (_, n) => agent(n)));
  return {
    /** Latencies of the calls that overlapped [from, to]. */
    between(from: number, to: number): number[] {
      return samples.filter((s) => s.end >= from && s.start <= to).map((s) => s.end - s.start);
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

async function load(url: string, from: Date, days: number): Promise<void> {
  await withClient(url, async (client) => {
    for (let d = 0; d < days; d++) {
      const day = new Date(from.getTime() + d * DAY);
      await client.query(
        `INSERT INTO "CheckResult" (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", outcome, "latencyMs", "statusCode")
         SELECT gen_random_uuid(), $1::timestamp(3) + (i * interval '1 millisecond' * ${Math.floor(DAY / ROWS_PER_DAY)}),
                p.ids[1 + i % cardinality(p.ids)], p.crs[1 + i % cardinality(p.ids)], 'bench-vantage', 'up', 25, 200
           FROM generate_series(0, ${ROWS_PER_DAY - 1}) AS i,
                (SELECT array_agg(id ORDER BY id) AS ids, array_agg("componentRegionId" ORDER BY id) AS crs FROM "Probe") p`,
        [day.toISOString()],
      );
    }
    await client.query(`VACUUM ANALYZE "CheckResult"`);
    // Days that expire are cold: their writes are on disk before retention comes, not in a checkpoint under way.
    await client.query(`CHECKPOINT`);
  });
}

async function deleteExpired(db: Db, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      // (tableoid, ctid): a ctid alone names a row in every partition.
      `DELETE FROM "CheckResult" WHERE (tableoid, ctid) IN (SELECT tableoid, ctid FROM "CheckResult" WHERE "checkedAt" < $1::timestamp(3) LIMIT ${DELETE_CHUNK})`,
      cutoff.toISOString(),
    );
    total += deleted;
    if (deleted < DELETE_CHUNK) return total;
  }
}

/** Steady ingest for STEADY_MS, then `expire` with ingest still running: its time and both latency sets. */
async function measure(
  agents: ReturnType<typeof startAgents>,
  expire: () => Promise<unknown>,
): Promise<{ expireMs: number; steady: number[]; during: number[] }> {
  const steadyFrom = performance.now();
  await new Promise((r) => setTimeout(r, STEADY_MS));
  const started = performance.now();
  await expire();
  const ended = performance.now();
  await new Promise((r) => setTimeout(r, AFTER_MS));
  return {
    expireMs: ended - started,
    steady: agents.between(steadyFrom, started),
    during: agents.between(started, ended + AFTER_MS),
  };
}

const p99 = (samples: number[]) => samplePercentile(samples, 99);
const summarize = (samples: number[]) =>
  `p50 ${ms(samplePercentile(samples, 50))}, p99 ${ms(p99(samples))} (${count(samples.length)} batches)`;

export async function run(): Promise<void> {
  const database = await startBenchDatabase("partitions");
  const db = createDb(database.url, { max: 4 });
  const agentDb = createDb(database.url, { max: AGENTS });
  try {
    await seedPlatform(db);
    const probes = await db.probe.findMany({ select: { id: true, componentRegionId: true } });
    const vantage = await db.region.findFirstOrThrow({ select: { id: true } });
    const now = new Date();
    const today = new Date(Math.floor(now.getTime() / DAY) * DAY);
    // 90 whole days up to yesterday; today is the agents'.
    const first = new Date(today.getTime() - DAYS * DAY);
    const cutoff = new Date(now.getTime() - RETENTION_DAYS * DAY);
    // The days that expire: every day that ended before the cutoff.
    const expiring = Math.floor((cutoff.getTime() - first.getTime()) / DAY);
    await ensureResultPartitions(db, first, new Date(today.getTime() + 7 * DAY));

    log(`loading ${DAYS} days × ${count(ROWS_PER_DAY)} results into day partitions …`);
    const loadStarted = performance.now();
    await load(database.url, first, DAYS);
    const [{ rows }] = (await db.$queryRawUnsafe<{ rows: number }[]>(
      `SELECT count(*)::int AS rows FROM "CheckResult"`,
    )) as [{ rows: number }];
    log(
      `${count(rows)} results in ${ms(performance.now() - loadStarted)}; ${expiring} days older than ${RETENTION_DAYS}`,
    );

    const agents = startAgents(agentDb, probes, vantage.id);
    log(`${AGENTS} agents pushing ${probes.length} results a round through ingestResults, ${AGENT_PAUSE_MS} ms apart`);
    let deleted = 0;
    const byDelete = await measure(agents, async () => {
      deleted = await deleteExpired(db, cutoff);
    });
    log(`reference: DELETE in chunks of ${count(DELETE_CHUNK)}: ${count(deleted)} rows in ${ms(byDelete.expireMs)}`);
    log(`  ingest steady ${summarize(byDelete.steady)}; during the DELETE ${summarize(byDelete.during)}`);

    log(`loading the ${expiring} expired days again …`);
    await load(database.url, first, expiring);
    let dropped = { partitions: 0, detachMs: 0, dropMs: 0 };
    const byDrop = await measure(agents, async () => {
      dropped = await dropExpiredResults(db, new Date(), RETENTION_DAYS);
    });
    log(
      `dropExpiredResults: ${dropped.partitions} day partitions in ${ms(byDrop.expireMs)} (detaching ${ms(dropped.detachMs)}, dropping ${ms(dropped.dropMs)})`,
    );
    log(`  ingest steady ${summarize(byDrop.steady)}; during the drop ${summarize(byDrop.during)}`);
    await agents.stop();
    const [{ left }] = (await db.$queryRawUnsafe<{ left: number }[]>(
      `SELECT count(*)::int AS left FROM "CheckResult" WHERE "checkedAt" < $1::timestamp(3)`,
      cutoff.toISOString(),
    )) as [{ left: number }];

    const factor = p99(byDrop.during) / p99(byDrop.steady);
    printSummary("partitions", [
      [
        "data",
        `${count(rows)} results over ${DAYS} days in day partitions (${count(ROWS_PER_DAY)} a day); ${expiring} days expire at a ${RETENTION_DAYS}-day retention`,
      ],
      [
        "ingest",
        `${AGENTS} agents, ${probes.length} results a round between them through ingestResults, ${AGENT_PAUSE_MS} ms between batches`,
      ],
      [
        "drop",
        `${dropped.partitions} day partitions out of CheckResult (DETACH) in ${ms(dropped.detachMs)} — target ≤ ${ms(TARGET_DROP_MS)}: ${verdict(dropped.detachMs <= TARGET_DROP_MS && dropped.partitions === expiring && left === 0)}`,
      ],
      [
        "drop, all of it",
        `${ms(byDrop.expireMs)}: the detached tables' DROP took ${ms(dropped.dropMs)} more, holding no lock that ingest or readers need — target ≤ ${ms(TARGET_DROP_MS)}: ${verdict(byDrop.expireMs <= TARGET_DROP_MS)}`,
      ],
      ["ingest steady (reference)", summarize(byDrop.steady)],
      ["ingest during the drop", summarize(byDrop.during)],
      [
        "p99 during / steady",
        `${ratio(p99(byDrop.during), p99(byDrop.steady))} — target ≤ ${TARGET_P99_FACTOR}×: ${verdict(factor <= TARGET_P99_FACTOR)}`,
      ],
      [
        "DELETE (before)",
        `${count(deleted)} rows in ${ms(byDelete.expireMs)}; the drop took ${ratio(byDrop.expireMs, byDelete.expireMs)} of it`,
      ],
      [
        "ingest during the DELETE",
        `${summarize(byDelete.during)}; ${ratio(p99(byDelete.during), p99(byDelete.steady))} its steady p99 (${ms(p99(byDelete.steady))})`,
      ],
    ]);
  } finally {
    await agentDb.$disconnect();
    await db.$disconnect();
    await database.stop();
  }
}
