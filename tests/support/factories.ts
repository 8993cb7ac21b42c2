// Small factories: each test creates exactly the rows it needs.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { ComponentStatus, Tier } from "../../lib/generated/prisma/enums.ts";

const uid = () => randomBytes(4).toString("hex");

export async function makeRegion(db: Db, overrides: { key?: string; sortOrder?: number } = {}) {
  const key = overrides.key ?? `region-${uid()}.gcp`;
  return db.region.create({
    data: { key, name: `Region ${key}`, provider: "gcp", location: "Somewhere", sortOrder: overrides.sortOrder ?? 0 },
  });
}

export async function makeProduct(db: Db, overrides: { key?: string } = {}) {
  const key = overrides.key ?? `product-${uid()}`;
  return db.product.create({ data: { key, name: `Product ${key}` } });
}

export async function makeComponent(
  db: Db,
  productId: string,
  overrides: { key?: string; tier?: Tier; name?: string } = {},
) {
  const key = overrides.key ?? `component-${uid()}`;
  return db.component.create({
    data: { key, name: overrides.name ?? `Component ${key}`, tier: overrides.tier ?? "TIER_1", productId },
  });
}

export async function makeComponentRegion(
  db: Db,
  componentId: string,
  regionId: string,
  overrides: { probeStatus?: ComponentStatus | null; probeStatusSince?: Date } = {},
) {
  return db.componentRegion.create({
    data: {
      componentId,
      regionId,
      probeStatus: overrides.probeStatus ?? null,
      probeStatusSince: overrides.probeStatusSince ?? null,
    },
  });
}

export async function makeIncident(
  db: Db,
  affected: { componentRegionId: string; status: ComponentStatus }[],
  overrides: { review?: "proposed" | "approved" | "dismissed"; status?: "investigating" | "resolved" } = {},
) {
  return db.incident.create({
    data: {
      title: `Incident ${uid()}`,
      priority: "P2",
      impact: "major",
      review: overrides.review ?? "approved",
      status: overrides.status ?? "investigating",
      startedAt: new Date(),
      componentRegions: { create: affected },
    },
  });
}

export async function makeMaintenance(
  db: Db,
  componentRegionIds: string[],
  status: "scheduled" | "in_progress" | "completed",
) {
  const now = Date.now();
  return db.maintenance.create({
    data: {
      title: `Maintenance ${uid()}`,
      status,
      scheduledStart: new Date(now - 60_000),
      scheduledEnd: new Date(now + 3_600_000),
      componentRegions: { create: componentRegionIds.map((componentRegionId) => ({ componentRegionId })) },
    },
  });
}
