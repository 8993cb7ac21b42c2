// Incidents and maintenance exactly as the public interfaces read them, written
// straight with Prisma so a test can set any state (also ones the verbs in
// lib/incidents and lib/maintenance would refuse). Each call creates only what the test names.
import type { Db } from "../../lib/db.ts";
import type {
  ComponentStatus,
  IncidentImpact,
  IncidentReview,
  IncidentStatus,
  MaintenanceStatus,
} from "../../lib/generated/prisma/enums.ts";

const at = (iso: string) => new Date(iso);

export interface IncidentSpec {
  title: string;
  review?: IncidentReview;
  status?: IncidentStatus;
  impact?: IncidentImpact;
  startedAt: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  /** The overrides the incident gives ComponentRegions (IncidentComponentRegion). */
  affects?: { componentRegionId: string; status: ComponentStatus }[];
  /** Oldest first; `affected` is stored as lib/incidents writes IncidentUpdate.affected. */
  updates?: { status: IncidentStatus; message: string; at: string; affected?: unknown; notify?: boolean }[];
  postmortemPublishedAt?: string;
}

export async function makePublicIncident(db: Db, spec: IncidentSpec) {
  return db.incident.create({
    data: {
      title: spec.title,
      review: spec.review ?? "approved",
      status: spec.status ?? "investigating",
      impact: spec.impact ?? "minor",
      priority: "P2",
      startedAt: at(spec.startedAt),
      createdAt: at(spec.startedAt),
      publishedAt: (spec.review ?? "approved") === "approved" ? at(spec.startedAt) : null,
      mitigatedAt: spec.mitigatedAt ? at(spec.mitigatedAt) : null,
      resolvedAt: spec.resolvedAt ? at(spec.resolvedAt) : null,
      componentRegions: { create: spec.affects ?? [] },
      updates: {
        create: (spec.updates ?? []).map((u) => ({
          status: u.status,
          message: u.message,
          affected: (u.affected ?? []) as object,
          notifySubscribers: u.notify ?? true,
          createdAt: at(u.at),
        })),
      },
      ...(spec.postmortemPublishedAt
        ? {
            postmortem: {
              create: {
                state: "published",
                summary: "What happened",
                published: { summary: "What happened" },
                publishedAt: at(spec.postmortemPublishedAt),
              },
            },
          }
        : {}),
    },
  });
}

export interface MaintenanceSpec {
  title: string;
  description?: string;
  status: MaintenanceStatus;
  scheduledStart: string;
  scheduledEnd: string;
  startedAt?: string;
  completedAt?: string;
  componentRegionIds: string[];
  /** Oldest first. */
  updates?: { status: MaintenanceStatus; message: string; at: string }[];
  version?: number;
}

export async function makePublicMaintenance(db: Db, spec: MaintenanceSpec) {
  return db.maintenance.create({
    data: {
      title: spec.title,
      description: spec.description ?? "",
      status: spec.status,
      scheduledStart: at(spec.scheduledStart),
      scheduledEnd: at(spec.scheduledEnd),
      startedAt: spec.startedAt ? at(spec.startedAt) : null,
      completedAt: spec.completedAt ? at(spec.completedAt) : null,
      version: spec.version ?? 0,
      componentRegions: { create: spec.componentRegionIds.map((componentRegionId) => ({ componentRegionId })) },
      updates: {
        create: (spec.updates ?? []).map((u) => ({ status: u.status, message: u.message, createdAt: at(u.at) })),
      },
    },
  });
}

/** A small platform: two regions, two products, components of both tiers, one not hosted everywhere. */
export async function makePublicCatalog(db: Db) {
  const eu = await db.region.create({
    data: { key: "eu.gcp", name: "Europe – GCP", provider: "gcp", location: "Belgium", sortOrder: 0 },
  });
  const us = await db.region.create({
    data: { key: "us.aws", name: "North America – AWS", provider: "aws", location: "Ohio", sortOrder: 1 },
  });
  const commerce = await db.product.create({
    data: { key: "commerce", name: "Commerce", description: "The commerce APIs.", sortOrder: 0 },
  });
  const frontend = await db.product.create({ data: { key: "frontend", name: "Frontend", sortOrder: 1 } });
  const component = (productId: string, key: string, name: string, tier: "TIER_1" | "TIER_2", sortOrder: number) =>
    db.component.create({ data: { productId, key, name, tier, sortOrder, description: `${name} does its job.` } });
  // Created out of page order on purpose: tier 1 sorts before tier 2 whatever the sortOrder.
  const audit = await component(commerce.id, "audit-log", "Audit Log", "TIER_2", 0);
  const checkout = await component(commerce.id, "checkout", "Checkout", "TIER_1", 1);
  const delivery = await component(frontend.id, "delivery", "Delivery", "TIER_1", 0);
  const cr = (componentId: string, regionId: string, probeStatus: ComponentStatus | null) =>
    db.componentRegion.create({
      data: { componentId, regionId, probeStatus, probeStatusSince: probeStatus ? at("2026-01-10T00:00:00Z") : null },
    });
  return {
    regions: { eu, us },
    products: { commerce, frontend },
    components: { audit, checkout, delivery },
    cr: {
      checkoutEu: await cr(checkout.id, eu.id, "operational"),
      checkoutUs: await cr(checkout.id, us.id, "operational"),
      auditEu: await cr(audit.id, eu.id, "degraded_performance"),
      auditUs: await cr(audit.id, us.id, null),
      deliveryEu: await cr(delivery.id, eu.id, "operational"),
    },
  };
}
