// The public-site benchmark's data: 125 ComponentRegions with 90 days of
// status history, rollups (day and hour for 90 days, minute for the last
// 26 hours), incidents with updates and maintenance windows. Seeded random,
// so that two runs measure the same pages.
import { createDb } from "../lib/db.ts";
import { LATENCY_BUCKET_BOUNDS_MS } from "../lib/domain/latency-histogram.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { type BenchDatabase, withClient } from "./database.ts";
import { seededRandom } from "./random.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const DAYS = 90;

export interface PublicSiteData {
  componentRegions: number;
  statusChanges: number;
  incidents: number;
  rollupRows: number;
  /** An approved incident with updates, to open its page. */
  incidentId: string;
}

/** Rollup rows from generate_series: latencies around 80 ms with a slow tail, histogram from lib's bounds. */
function rollupSql(table: string, unit: string, from: string, count: number): string {
  const buckets = LATENCY_BUCKET_BOUNDS_MS.length + 1;
  // A plausible shape: most checks in the 50–150 ms buckets, a few slow ones.
  const histogram = Array.from({ length: buckets }, (_, i) =>
    i >= 2 && i <= 5 ? `(n * ${[3, 5, 6, 2][i - 2]})` : i === 10 ? "(n % 3)" : "0",
  );
  return `
    INSERT INTO "${table}" ("componentRegionId", "bucketStart", "upCount", "degradedCount", "downCount", "latencyCount", "latencySumMs", "latencyMinMs", "latencyMaxMs", "latencyHistogram")
    SELECT cr.id, b, n * 16, n % 3, 0, n * 16 + n % 3, (n * 16 + n % 3) * 90, 30, 700, ARRAY[${histogram.join(", ")}]::int[]
      FROM "ComponentRegion" cr
     CROSS JOIN generate_series(${from}, ${from} + interval '1 ${unit}' * ${count - 1}, interval '1 ${unit}') AS b
     CROSS JOIN LATERAL (SELECT (1 + (extract(epoch FROM b)::bigint / 60 + length(cr.id)) % 4)::int AS n) s`;
}

type Change = {
  componentRegionId: string;
  at: Date;
  source: "probes";
  fromStatus: "operational" | "major_outage" | "degraded_performance" | null;
  toStatus: "operational" | "major_outage" | "degraded_performance";
};

async function makeIncidents(
  db: ReturnType<typeof createDb>,
  crs: { id: string }[],
  count: number,
  windowStart: number,
  now: Date,
  random: () => number,
) {
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const startedAt = new Date(windowStart + random() * (now.getTime() - windowStart - 3 * HOUR_MS));
    const open = k === 0;
    const affected = Array.from(
      { length: 1 + Math.floor(random() * 5) },
      () => crs[Math.floor(random() * crs.length)]!.id,
    );
    const incident = await db.incident.create({
      data: {
        title: `Bench incident ${k}: elevated errors`,
        priority: "P2",
        impact: k % 4 === 0 ? "critical" : "major",
        status: open ? "identified" : "resolved",
        startedAt,
        resolvedAt: open ? null : new Date(startedAt.getTime() + (20 + random() * 200) * 60_000),
        componentRegions: {
          create: [...new Set(affected)].map((componentRegionId) => ({
            componentRegionId,
            status: "partial_outage" as const,
          })),
        },
        updates: {
          create: ["investigating", "identified", "resolved"].slice(0, open ? 2 : 3).map((status, u) => ({
            status: status as "investigating" | "identified" | "resolved",
            message: `Update ${u} for incident ${k}: we are working on it and will post again within the hour.`,
            createdAt: new Date(startedAt.getTime() + u * 20 * 60_000),
          })),
        },
      },
    });
    ids.push(incident.id);
  }
  return ids;
}

/**
 * A calm platform: every ComponentRegion operational for the whole window,
 * 90 days of rollups, 5 incidents, maintenance past, present and future.
 */
export async function buildPublicSiteData(database: BenchDatabase, total: number, now: Date): Promise<PublicSiteData> {
  const db = createDb(database.url, { max: 2 });
  const random = seededRandom(4);
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
        await db.componentRegion.create({ data: { componentId: component.id, regionId: region.id } });
        existing++;
      }
    }
    const crs = await db.componentRegion.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const windowStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (DAYS - 1) * DAY_MS;
    await db.statusChange.createMany({
      data: crs.map(
        ({ id }): Change => ({
          componentRegionId: id,
          at: new Date(windowStart - DAY_MS),
          source: "probes",
          fromStatus: null,
          toStatus: "operational",
        }),
      ),
    });
    await db.componentRegion.updateMany({
      data: { probeStatus: "operational", probeStatusSince: new Date(windowStart) },
    });
    const [incidentId] = await makeIncidents(db, crs, 5, windowStart, now, random);
    for (const [status, offset] of [
      ["scheduled", 2 * DAY_MS],
      ["in_progress", -HOUR_MS],
      ["completed", -20 * DAY_MS],
    ] as const) {
      await db.maintenance.create({
        data: {
          title: `Bench maintenance (${status})`,
          status,
          scheduledStart: new Date(now.getTime() + offset),
          scheduledEnd: new Date(now.getTime() + offset + 2 * HOUR_MS),
          startedAt: status === "scheduled" ? null : new Date(now.getTime() + offset),
          completedAt: status === "completed" ? new Date(now.getTime() + offset + 2 * HOUR_MS) : null,
          componentRegions: { create: crs.slice(0, 5).map(({ id }) => ({ componentRegionId: id })) },
          updates: { create: [{ status, message: "Planned database maintenance." }] },
        },
      });
    }

    const dayFrom = `'${new Date(windowStart).toISOString()}'::timestamp`;
    const minuteFrom = `date_trunc('minute', '${new Date(now.getTime() - 26 * HOUR_MS).toISOString()}'::timestamp)`;
    await withClient(database.url, async (client) => {
      await client.query(rollupSql("RollupDay", "day", dayFrom, DAYS));
      await client.query(rollupSql("RollupHour", "hour", dayFrom, DAYS * 24));
      await client.query(rollupSql("RollupMinute", "minute", minuteFrom, 26 * 60));
      await client.query(`ANALYZE`);
    });
    const rollupRows = crs.length * (DAYS + DAYS * 24 + 26 * 60);
    return {
      componentRegions: crs.length,
      statusChanges: crs.length,
      incidents: 5,
      rollupRows,
      incidentId: incidentId!,
    };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Makes the calm platform a busy one: a bad spell every ~30 days on each
 * ComponentRegion (~4 a day across the platform; the demo has 4 in 90 days)
 * and 75 more incidents. Notable days, not days, are what make a strip heavy.
 */
export async function addBusyHistory(
  database: BenchDatabase,
  data: PublicSiteData,
  now: Date,
): Promise<PublicSiteData> {
  const db = createDb(database.url, { max: 2 });
  const random = seededRandom(9);
  try {
    const crs = await db.componentRegion.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const windowStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS - (DAYS - 1) * DAY_MS;
    const changes: Change[] = [];
    for (const { id } of crs) {
      for (
        let t = windowStart + random() * 20 * DAY_MS;
        t < now.getTime() - 2 * HOUR_MS;
        t += (10 + random() * 40) * DAY_MS
      ) {
        const bad = random() < 0.4 ? "major_outage" : "degraded_performance";
        changes.push({
          componentRegionId: id,
          at: new Date(t),
          source: "probes",
          fromStatus: "operational",
          toStatus: bad,
        });
        changes.push({
          componentRegionId: id,
          at: new Date(t + (5 + random() * 90) * 60_000),
          source: "probes",
          fromStatus: bad,
          toStatus: "operational",
        });
      }
    }
    await db.statusChange.createMany({ data: changes });
    await makeIncidents(db, crs, 75, windowStart, now, random);
    // As autovacuum would soon after such a burst; the queries must not depend on it (see lib/public/uptime.ts).
    await db.$executeRawUnsafe("ANALYZE");
    return { ...data, statusChanges: data.statusChanges + changes.length, incidents: data.incidents + 75 };
  } finally {
    await db.$disconnect();
  }
}
