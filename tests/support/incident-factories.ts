// Factories for the incident and maintenance tests: people who act, a small
// platform, subscribers with a scope, and detected proposals.
import { randomBytes } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import type { ComponentStatus, Role, Tier } from "../../lib/generated/prisma/enums.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "./factories.ts";

const uid = () => randomBytes(4).toString("hex");

export async function makeActor(db: Db, role: Role = "ENGINEER"): Promise<Actor> {
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${uid()}@bellwether.test`, name: `${role} ${uid()}`, role },
  });
  return { id: user.id, email: user.email, role: user.role };
}

export interface TestPlatform {
  regions: { id: string; key: string; name: string }[];
  /** componentKey → regionIndex → ComponentRegion id */
  cr: (componentKey: string, regionIndex: number) => string;
  components: Record<string, { id: string; key: string; name: string; tier: Tier }>;
}

/** Regions and components, each component in every region. */
export async function makePlatform(
  db: Db,
  components: { key: string; tier: Tier }[],
  regionCount = 3,
): Promise<TestPlatform> {
  const suffix = uid();
  const regions = [];
  for (let i = 0; i < regionCount; i++)
    regions.push(await makeRegion(db, { key: `r${i}-${suffix}.gcp`, sortOrder: i }));
  const product = await makeProduct(db);
  const ids = new Map<string, string>();
  const made: TestPlatform["components"] = {};
  for (const c of components) {
    const component = await makeComponent(db, product.id, {
      key: `${c.key}-${suffix}`,
      tier: c.tier,
      name: `${c.key} ${suffix}`,
    });
    made[c.key] = { id: component.id, key: component.key, name: component.name, tier: component.tier };
    for (const [i, region] of regions.entries()) {
      const cr = await makeComponentRegion(db, component.id, region.id, {
        probeStatus: "operational",
        probeStatusSince: new Date("2026-01-01T00:00:00Z"),
      });
      ids.set(`${c.key}/${i}`, cr.id);
    }
  }
  return {
    regions: regions.map((r) => ({ id: r.id, key: r.key, name: r.name })),
    components: made,
    cr: (key, i) => {
      const id = ids.get(`${key}/${i}`);
      if (!id) throw new Error(`no component-region ${key}/${i}`);
      return id;
    },
  };
}

/** A confirmed subscriber; with no regions or components chosen, scoped to everything. */
export async function makeSubscriber(
  db: Db,
  scope: { regionIds?: string[]; componentIds?: string[]; confirmed?: boolean } = {},
) {
  const regionIds = scope.regionIds ?? [];
  const componentIds = scope.componentIds ?? [];
  return db.subscriber.create({
    data: {
      email: `reader-${uid()}@example.com`,
      scopeAll: regionIds.length === 0 && componentIds.length === 0,
      confirmedAt: scope.confirmed === false ? null : new Date(),
      regions: { create: regionIds.map((regionId) => ({ regionId })) },
      components: { create: componentIds.map((componentId) => ({ componentId })) },
    },
  });
}

/** A detected incident waiting for review, as detectIncidents would leave it. */
export async function makeProposal(
  db: Db,
  affected: { componentRegionId: string; status: ComponentStatus }[],
  at = new Date(),
) {
  return db.incident.create({
    data: {
      title: `Detected ${uid()}`,
      impact: "major",
      priority: "P2",
      source: "detected",
      review: "proposed",
      startedAt: new Date(at.getTime() - 60_000),
      detectedAt: at,
      evidence: { componentRegions: [], sampleErrors: ["expected status 200, got 503"] },
      componentRegions: { create: affected },
    },
  });
}

/** Rejects with the AppError a call throws, so a test can look at its code and details. */
export async function appErrorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; fields?: Record<string, string[]>; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected the call to fail");
}
