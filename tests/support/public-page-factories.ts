// Incidents, maintenance, postmortems and rollups written straight with Prisma,
// for the public site's tests (lib/incidents, which will own these writes, is
// built elsewhere). Each test makes exactly the rows it reads.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import { addLatency, emptyHistogram } from "../../lib/domain/latency-histogram.ts";
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentReview,
  IncidentStatus,
  MaintenanceStatus,
} from "../../lib/generated/prisma/enums.ts";

const uid = () => randomBytes(4).toString("hex");

export interface IncidentSpec {
  title?: string;
  status?: IncidentStatus;
  impact?: IncidentImpact;
  review?: IncidentReview;
  startedAt: Date;
  resolvedAt?: Date | null;
  affected: { componentRegionId: string; status: ComponentStatus }[];
  updates?: { status: IncidentStatus; message: string; at: Date }[];
}

export async function makePublicIncident(db: Db, spec: IncidentSpec) {
  return db.incident.create({
    data: {
      title: spec.title ?? `Incident ${uid()}`,
      status: spec.status ?? "investigating",
      impact: spec.impact ?? "major",
      review: spec.review ?? "approved",
      priority: "P2",
      startedAt: spec.startedAt,
      resolvedAt: spec.resolvedAt ?? null,
      componentRegions: { create: spec.affected },
      updates: { create: (spec.updates ?? []).map((u) => ({ status: u.status, message: u.message, createdAt: u.at })) },
    },
  });
}

export async function makePostmortem(
  db: Db,
  incidentId: string,
  options: { published: object | null; publishedAt?: Date; state?: "draft" | "published" },
) {
  return db.postmortem.create({
    data: {
      incidentId,
      state: options.state ?? (options.published ? "published" : "draft"),
      summary: "draft text readers must not see",
      published: options.published ?? undefined,
      publishedAt: options.publishedAt ?? null,
    },
  });
}

export interface MaintenanceSpec {
  title?: string;
  description?: string;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt?: Date | null;
  completedAt?: Date | null;
  componentRegionIds: string[];
  updates?: { status: MaintenanceStatus; message: string; at: Date }[];
}

export async function makeMaintenanceWindow(db: Db, spec: MaintenanceSpec) {
  return db.maintenance.create({
    data: {
      title: spec.title ?? `Maintenance ${uid()}`,
      description: spec.description ?? "",
      status: spec.status,
      scheduledStart: spec.scheduledStart,
      scheduledEnd: spec.scheduledEnd,
      startedAt: spec.startedAt ?? null,
      completedAt: spec.completedAt ?? null,
      componentRegions: { create: spec.componentRegionIds.map((componentRegionId) => ({ componentRegionId })) },
      updates: { create: (spec.updates ?? []).map((u) => ({ status: u.status, message: u.message, createdAt: u.at })) },
    },
  });
}

export type RollupTable = "minute" | "hour" | "day";

/** One rollup row per entry, with the histogram, count, sum, min and max of its latencies. */
export async function makeRollups(
  db: Db,
  table: RollupTable,
  componentRegionId: string,
  rows: { bucketStart: Date; latencies: number[] }[],
) {
  const data = rows.map(({ bucketStart, latencies }) => ({
    componentRegionId,
    bucketStart,
    upCount: latencies.length,
    latencyCount: latencies.length,
    latencySumMs: BigInt(latencies.reduce((a, b) => a + b, 0)),
    latencyMinMs: latencies.length ? Math.min(...latencies) : null,
    latencyMaxMs: latencies.length ? Math.max(...latencies) : null,
    latencyHistogram: latencies.reduce<number[]>((h, ms) => addLatency(h, ms), emptyHistogram()),
  }));
  if (table === "minute") return db.rollupMinute.createMany({ data });
  if (table === "hour") return db.rollupHour.createMany({ data });
  return db.rollupDay.createMany({ data });
}
