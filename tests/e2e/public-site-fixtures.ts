// Incidents, maintenance, postmortems and rollups written straight into the
// e2e server's database (lib/incidents is built elsewhere). Every row made
// here has an id starting with "e2e-", so that `removeFixtures` finds them all.
import { randomBytes } from "node:crypto";
import { addLatency, emptyHistogram } from "../../lib/domain/latency-histogram.ts";
import { sql, sqlBatch } from "./database.ts";

const id = () => `e2e-${randomBytes(6).toString("hex")}`;
/** Columns are UTC timestamps without a zone: send ISO text, never a Date the driver writes in local time. */
const ts = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export async function componentRegionId(component: string, region: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `SELECT cr.id FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId"
      WHERE c.key = $1 AND r.key = $2`,
    [component, region],
  );
  if (!row) throw new Error(`${component} does not run in ${region}`);
  return row.id;
}

/** A tier-1 component of the test's own (id and key `key`) running in one region, operational; its component-region's id. */
export async function addComponentIn(key: string, name: string, region: string): Promise<string> {
  await sql(
    `INSERT INTO "Component" (id, key, "productId", name, tier, "sortOrder")
     SELECT $1, $1, p.id, $2, 'TIER_1', 999 FROM "Product" p ORDER BY p.key LIMIT 1`,
    [key, name],
  );
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "ComponentRegion" (id, "componentId", "regionId", "probeStatus")
     SELECT $1, $1, r.id, 'operational' FROM "Region" r WHERE r.key = $2 RETURNING id`,
    [key, region],
  );
  if (!row) throw new Error(`no region ${region}`);
  return row.id;
}

/** Marks an incident as affecting one component in one region with this status. */
export async function addAffected(
  incidentId: string,
  component: string,
  region: string,
  status: string,
): Promise<void> {
  await sql(
    `INSERT INTO "IncidentComponentRegion" ("incidentId", "componentRegionId", status) VALUES ($1, $2, $3::"ComponentStatus")`,
    [incidentId, await componentRegionId(component, region), status],
  );
}

export async function setProbeStatus(component: string, region: string, status: string | null): Promise<void> {
  await sql(
    `UPDATE "ComponentRegion" SET "probeStatus" = $2::"ComponentStatus", "probeStatusSince" = now() WHERE id = $1`,
    [await componentRegionId(component, region), status],
  );
}

export interface IncidentFixture {
  title: string;
  status?: "investigating" | "identified" | "monitoring" | "resolved";
  impact?: "none" | "minor" | "major" | "critical";
  review?: "proposed" | "approved" | "dismissed";
  startedAt: Date;
  resolvedAt?: Date;
  affected: { component: string; region: string; status: string }[];
  updates?: { status: string; message: string; at: Date }[];
}

export async function createIncident(spec: IncidentFixture): Promise<string> {
  const incidentId = id();
  const statements = [
    {
      text: `INSERT INTO "Incident" (id, title, status, impact, priority, review, "startedAt", "resolvedAt", "updatedAt")
     VALUES ($1, $2, $3::"IncidentStatus", $4::"IncidentImpact", 'P1', $5::"IncidentReview", $6::timestamp(3), $7::timestamp(3), now())`,
      values: [
        incidentId,
        spec.title,
        spec.status ?? "investigating",
        spec.impact ?? "major",
        spec.review ?? "approved",
        ts(spec.startedAt),
        ts(spec.resolvedAt),
      ],
    },
  ];
  for (const a of spec.affected) {
    statements.push({
      text: `INSERT INTO "IncidentComponentRegion" ("incidentId", "componentRegionId", status) VALUES ($1, $2, $3::"ComponentStatus")`,
      values: [incidentId, await componentRegionId(a.component, a.region), a.status],
    });
  }
  for (const u of spec.updates ?? []) {
    statements.push({
      text: `INSERT INTO "IncidentUpdate" (id, "incidentId", status, message, "createdAt") VALUES ($1, $2, $3::"IncidentStatus", $4, $5::timestamp(3))`,
      values: [id(), incidentId, u.status, u.message, ts(u.at)],
    });
  }
  await sqlBatch(statements);
  return incidentId;
}

export async function publishPostmortem(
  incidentId: string,
  sections: Record<string, string>,
  publishedAt: Date,
): Promise<void> {
  await sql(
    `INSERT INTO "Postmortem" (id, "incidentId", state, published, "publishedAt", "updatedAt") VALUES ($1, $2, 'published', $3, $4::timestamp(3), now())`,
    [id(), incidentId, JSON.stringify(sections), ts(publishedAt)],
  );
}

export async function createMaintenance(spec: {
  title: string;
  description?: string;
  status: "scheduled" | "in_progress" | "completed";
  scheduledStart: Date;
  scheduledEnd: Date;
  affected: { component: string; region: string }[];
  updates?: { status: string; message: string; at: Date }[];
}): Promise<string> {
  const maintenanceId = id();
  const statements = [
    {
      text: `INSERT INTO "Maintenance" (id, title, description, status, "scheduledStart", "scheduledEnd", "startedAt", "updatedAt")
     VALUES ($1, $2, $3, $4::"MaintenanceStatus", $5::timestamp(3), $6::timestamp(3), $7::timestamp(3), now())`,
      values: [
        maintenanceId,
        spec.title,
        spec.description ?? "",
        spec.status,
        ts(spec.scheduledStart),
        ts(spec.scheduledEnd),
        spec.status === "scheduled" ? null : ts(spec.scheduledStart),
      ] as unknown[],
    },
  ];
  for (const a of spec.affected) {
    statements.push({
      text: `INSERT INTO "MaintenanceComponentRegion" ("maintenanceId", "componentRegionId") VALUES ($1, $2)`,
      values: [maintenanceId, await componentRegionId(a.component, a.region)],
    });
  }
  for (const u of spec.updates ?? []) {
    statements.push({
      text: `INSERT INTO "MaintenanceUpdate" (id, "maintenanceId", status, message, "createdAt") VALUES ($1, $2, $3::"MaintenanceStatus", $4, $5::timestamp(3))`,
      values: [id(), maintenanceId, u.status, u.message, ts(u.at)],
    });
  }
  await sqlBatch(statements);
  return maintenanceId;
}

/** Minute, hour and day rollups with these latencies in each bucket, from `from` for `count` buckets. */
export async function addRollups(
  component: string,
  region: string,
  table: "RollupMinute" | "RollupHour" | "RollupDay",
  from: Date,
  count: number,
  stepMs: number,
  latencies: number[],
): Promise<void> {
  const histogram = latencies.reduce<number[]>((h, ms) => addLatency(h, ms), emptyHistogram());
  const cr = await componentRegionId(component, region);
  const starts = Array.from({ length: count }, (_, i) => new Date(from.getTime() + i * stepMs).toISOString());
  await sql(
    `INSERT INTO "${table}" ("componentRegionId", "bucketStart", "upCount", "latencyCount", "latencySumMs", "latencyMinMs", "latencyMaxMs", "latencyHistogram")
     SELECT $1, b, $2, $2, $3, $4, $5, $6::int[] FROM unnest($7::timestamp(3)[]) AS b ON CONFLICT DO NOTHING`,
    [
      cr,
      latencies.length,
      latencies.reduce((a, b) => a + b, 0),
      Math.min(...latencies),
      Math.max(...latencies),
      histogram,
      starts,
    ],
  );
}

/** A status change the probes confirmed, for uptime bars. */
export async function addStatusChange(
  component: string,
  region: string,
  at: Date,
  toStatus: string | null,
): Promise<void> {
  await sql(
    `INSERT INTO "StatusChange" (id, "componentRegionId", at, source, "toStatus") VALUES ($1, $2, $3::timestamp(3), 'probes', $4::"ComponentStatus")`,
    [id(), await componentRegionId(component, region), ts(at), toStatus],
  );
}

/** Everything the fixtures made, and every probe status back to "no data". */
export async function removeFixtures(): Promise<void> {
  await sqlBatch([
    { text: `DELETE FROM "Incident" WHERE id LIKE 'e2e-%'` },
    { text: `DELETE FROM "Maintenance" WHERE id LIKE 'e2e-%'` },
    { text: `DELETE FROM "StatusChange" WHERE id LIKE 'e2e-%'` },
    { text: `DELETE FROM "RollupMinute"` },
    { text: `DELETE FROM "RollupHour"` },
    { text: `DELETE FROM "RollupDay"` },
    { text: `UPDATE "ComponentRegion" SET "probeStatus" = NULL, "probeStatusSince" = NULL` },
  ]);
}
