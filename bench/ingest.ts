// Ingest throughput with rollups: the real ingestResults (validation, probe
// lookup, insert, minute/hour/day upserts in one transaction) against a plain
// batched INSERT of the same rows, same unnest shape, into copies of the table.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "../lib/db.ts";
import type { CheckResultInput } from "../lib/monitoring/ingest-results.ts";
import { ingestResults } from "../lib/monitoring/ingest-results.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { startBenchDatabase } from "./database.ts";
import { seededRandom } from "./random.ts";
import { count, log, ms, percent, printSummary, verdict } from "./report.ts";

const ROUND_SECONDS = 30;
/** Rounds per batch: 54 probes × 45 rounds = 2,430 results, one agent's push. */
const ROUNDS_PER_BATCH = 45;
const MEASURED_WINDOWS = 20;
const WARM_UP_WINDOWS = 1;
const TARGET_SHARE = 0.5;

interface Probe {
  id: string;
  componentRegionId: string;
}

interface Batch {
  vantageRegionId: string;
  results: (CheckResultInput & { checkedAt: string })[];
}

/** The reference tables: an identical copy (foreign keys too), and LIKE's copy, which has none. */
const PLAIN_TABLES = { plain: "bench_plain", plainNoFk: "bench_plain_nofk" } as const;
type Path = keyof typeof PLAIN_TABLES | "ingest";

const plainInsertSql = (table: string) => `
  INSERT INTO ${table} (id, "checkedAt", "probeId", "componentRegionId", "vantageRegionId", "agentId", outcome, "latencyMs", "statusCode", error)
  SELECT t.id, t.at, t.probe, t.cr, $6, $7, t.outcome, t.latency, t.code, t.error
    FROM unnest($1::uuid[], $2::timestamp(3)[], $3::text[], $4::text[], $5::"CheckOutcome"[], $8::int[], $9::int[], $10::text[])
      AS t(id, at, probe, cr, outcome, latency, code, error)
  ON CONFLICT DO NOTHING`;

async function plainInsert(db: Db, table: string, batch: Batch, componentRegionOf: Map<string, string>): Promise<void> {
  const r = batch.results;
  await db.$executeRawUnsafe(
    plainInsertSql(table),
    r.map((x) => x.id),
    r.map((x) => x.checkedAt),
    r.map((x) => x.probeId),
    r.map((x) => componentRegionOf.get(x.probeId)!),
    r.map((x) => x.outcome),
    batch.vantageRegionId,
    null,
    r.map((x) => x.latencyMs),
    r.map((x) => x.statusCode),
    r.map((x) => x.error),
  );
}

async function createPlainTables(db: Db): Promise<void> {
  for (const table of Object.values(PLAIN_TABLES))
    await db.$executeRawUnsafe(`CREATE TABLE ${table} (LIKE "CheckResult" INCLUDING ALL)`);
  const foreignKeys = await db.$queryRawUnsafe<{ definition: string }[]>(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = '"CheckResult"'::regclass AND contype = 'f'`,
  );
  for (const [i, { definition }] of foreignKeys.entries()) {
    await db.$executeRawUnsafe(`ALTER TABLE ${PLAIN_TABLES.plain} ADD CONSTRAINT bench_plain_fk_${i} ${definition}`);
  }
}

/** One window of rounds as every vantage pushes it: five batches over the same minutes. */
function windowBatches(
  window: number,
  startMs: number,
  probes: readonly Probe[],
  vantages: readonly string[],
  random: () => number,
): Batch[] {
  return vantages.map((vantageRegionId, v) => {
    const results: Batch["results"] = [];
    for (let round = window * ROUNDS_PER_BATCH; round < (window + 1) * ROUNDS_PER_BATCH; round++) {
      for (const [p, probe] of probes.entries()) {
        const at = startMs + round * ROUND_SECONDS * 1000 + ((p * 311 + v * 97) % (ROUND_SECONDS * 1000));
        const dice = random();
        const outcome = dice < 0.005 ? "down" : dice < 0.02 ? "degraded" : "up";
        const latencyMs =
          outcome === "down"
            ? null
            : Math.round(15 + 40 * Math.exp(1.2 * (random() - 0.5)) + (outcome === "degraded" ? 1200 : 0));
        results.push({
          id: randomUUID(),
          probeId: probe.id,
          checkedAt: new Date(at).toISOString(),
          outcome,
          latencyMs,
          statusCode: outcome === "down" ? 503 : 200,
          error: outcome === "down" ? "HTTP 503 Service Unavailable" : null,
        });
      }
    }
    return { vantageRegionId, results };
  });
}

export async function run(): Promise<void> {
  const database = await startBenchDatabase("ingest");
  const db = createDb(database.url, { max: 4 });
  try {
    await seedPlatform(db);
    const probes = await db.probe.findMany({ select: { id: true, componentRegionId: true }, orderBy: { id: "asc" } });
    const vantages = (await db.region.findMany({ select: { id: true }, orderBy: { sortOrder: "asc" } })).map(
      (r) => r.id,
    );
    const componentRegionOf = new Map(probes.map((p) => [p.id, p.componentRegionId]));
    await createPlainTables(db);

    const windows = WARM_UP_WINDOWS + MEASURED_WINDOWS;
    const startMs = Date.now() - (windows * ROUNDS_PER_BATCH + 120) * ROUND_SECONDS * 1000;
    const random = seededRandom(20261122);
    const batchSize = probes.length * ROUNDS_PER_BATCH;
    log(
      `${probes.length} probes on ${probes.length} component-regions, ${vantages.length} vantages; batches of ${count(batchSize)}`,
    );
    log(
      `measuring ${count(MEASURED_WINDOWS * vantages.length)} batches (${count(MEASURED_WINDOWS * vantages.length * batchSize)} results) after ${WARM_UP_WINDOWS * vantages.length} warm-up batches …`,
    );

    const elapsedMs: Record<Path, number> = { ingest: 0, plain: 0, plainNoFk: 0 };
    const paths = Object.keys(elapsedMs) as Path[];
    let measured = 0;
    let duplicates = 0;
    let turn = 0;
    for (let w = 0; w < windows; w++) {
      for (const batch of windowBatches(w, startMs, probes, vantages, random)) {
        // Rotating which goes first spreads machine noise and table growth evenly.
        const first = turn++ % paths.length;
        for (const path of [...paths.slice(first), ...paths.slice(0, first)]) {
          const started = performance.now();
          if (path === "ingest") {
            const source = { vantageRegionId: batch.vantageRegionId, agentId: null };
            duplicates += (await ingestResults(db, source, { results: batch.results }, new Date())).duplicates;
          } else {
            await plainInsert(db, PLAIN_TABLES[path], batch, componentRegionOf);
          }
          if (w >= WARM_UP_WINDOWS) elapsedMs[path] += performance.now() - started;
        }
        if (w >= WARM_UP_WINDOWS) measured += batch.results.length;
      }
    }

    const [check] = await db.$queryRawUnsafe<{ raw: number; plain: number; plainNoFk: number; rolled: number }[]>(
      `SELECT (SELECT count(*)::int FROM "CheckResult") AS raw, (SELECT count(*)::int FROM ${PLAIN_TABLES.plain}) AS "plain",
              (SELECT count(*)::int FROM ${PLAIN_TABLES.plainNoFk}) AS "plainNoFk",
              (SELECT sum("upCount" + "degradedCount" + "downCount")::int FROM "RollupDay") AS rolled`,
    );
    const { raw, plain, plainNoFk, rolled } = check!;
    const consistent = raw === plain && raw === plainNoFk && raw === rolled && duplicates === 0;
    const rate = (path: Path) => measured / (elapsedMs[path] / 1000);
    const [ingestRate, plainRate, plainNoFkRate] = [rate("ingest"), rate("plain"), rate("plainNoFk")];
    log(
      `ingestResults (insert + 3 rollups)      ${count(ingestRate)} results/s  (${ms(elapsedMs.ingest)} for ${count(measured)})`,
    );
    log(`plain INSERT, identical table           ${count(plainRate)} results/s  (${ms(elapsedMs.plain)})`);
    log(`plain INSERT, LIKE copy without FKs     ${count(plainNoFkRate)} results/s  (${ms(elapsedMs.plainNoFk)})`);
    log(
      `rows: CheckResult ${count(raw)}, copies ${count(plain)} / ${count(plainNoFk)}, in day rollups ${count(rolled)} — ${consistent ? "OK" : "MISMATCH"}`,
    );

    printSummary("ingest", [
      [
        "results",
        `${count(measured)} in ${count(MEASURED_WINDOWS * vantages.length)} batches of ${count(batchSize)}, ${probes.length} component-regions × ${vantages.length} vantages`,
      ],
      ["ingestResults", `${count(ingestRate)} results/s (validation, probe lookup, insert, minute/hour/day rollups)`],
      [
        "plain INSERT",
        `${count(plainRate)} results/s (same rows and unnest shape into an identical table, FKs included, no rollups)`,
      ],
      [
        "plain INSERT, no FKs",
        `${count(plainNoFkRate)} results/s (LIKE … INCLUDING ALL copy: indexes, no foreign keys)`,
      ],
      [
        "ratio to reference",
        `${percent(ingestRate, plainRate)} of the identical table; ${percent(ingestRate, plainNoFkRate)} of the copy without FKs`,
      ],
      [
        "target",
        `≥ ${TARGET_SHARE * 100} % of plain: ${verdict(ingestRate >= TARGET_SHARE * plainRate)} (identical table), ${verdict(ingestRate >= TARGET_SHARE * plainNoFkRate)} (without FKs)`,
      ],
      ["rollups agree", consistent ? "OK" : "MISMATCH"],
    ]);
    if (!consistent) throw new Error("ingest: the day rollups do not count every stored result");
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
