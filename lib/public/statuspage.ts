// The Statuspage-compatible API v2 documents, read from the database. Only
// approved incidents are public; every maintenance window is.
import type { Db } from "../db.ts";
import type { PublicSite } from "./site.ts";
import { loadPublicComponentRegions } from "./component-regions.ts";
import { readPublishedPostmortem } from "../domain/published-postmortem.ts";
import { postmortemBody, shapeComponents, shapeIncident, shapeMaintenance, shapeStatus } from "./statuspage-shape.ts";
import type {
  IncidentFacts,
  MaintenanceFacts,
  PostmortemFacts,
  ShapeContext,
  SpComponent,
  SpIncident,
  SpPage,
  SpScheduledMaintenance,
  SpStatus,
} from "./statuspage-types.ts";
import { ACTIVE_MAINTENANCE_STATUSES } from "../maintenance/visibility.ts";

/** incidents.json and scheduled-maintenances.json list this many, newest first (as Statuspage does). */
export const RECENT_LIMIT = 50;

/** The paths under /api/v2 this module answers. */
export const STATUSPAGE_DOCUMENTS = [
  "summary.json",
  "status.json",
  "components.json",
  "incidents.json",
  "incidents/unresolved.json",
  "scheduled-maintenances.json",
  "scheduled-maintenances/upcoming.json",
  "scheduled-maintenances/active.json",
] as const;

export type StatuspageDocumentName = (typeof STATUSPAGE_DOCUMENTS)[number];

interface Base {
  ctx: ShapeContext;
  page: SpPage;
  status: SpStatus;
  components: SpComponent[];
}

async function loadBase(db: Db, site: PublicSite): Promise<Base> {
  const [rows, incidentsChanged, maintenanceChanged] = await Promise.all([
    loadPublicComponentRegions(db),
    db.incident.aggregate({ where: { review: "approved" }, _max: { updatedAt: true } }),
    db.maintenance.aggregate({ _max: { updatedAt: true } }),
  ]);
  const components = shapeComponents(site.pageId, rows);
  const times = [
    ...rows.map((r) => r.updatedAt.getTime()),
    incidentsChanged._max.updatedAt?.getTime() ?? 0,
    maintenanceChanged._max.updatedAt?.getTime() ?? 0,
  ];
  // An empty page has changed never; the epoch says so without inventing a time.
  const updatedAt = new Date(Math.max(0, ...times));
  return {
    ctx: { pageId: site.pageId, publicUrl: site.url, components: new Map(components.map((c) => [c.id, c])) },
    page: {
      id: site.pageId,
      name: site.name,
      url: site.url,
      time_zone: site.timeZone,
      updated_at: updatedAt.toISOString(),
    },
    status: shapeStatus(rows),
    components,
  };
}

const incidentSelect = {
  id: true,
  title: true,
  status: true,
  impact: true,
  createdAt: true,
  updatedAt: true,
  startedAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  postmortem: {
    select: {
      published: true,
      publishedAt: true,
      firstPublishedAt: true,
      notRequired: true,
      events: { where: { kind: "postmortem_published" as const }, select: { id: true }, take: 1 },
    },
  },
  componentRegions: { select: { componentRegionId: true } },
  updates: {
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    select: { id: true, status: true, message: true, affected: true, notifySubscribers: true, createdAt: true },
  },
};

async function loadIncidents(db: Db, ctx: ShapeContext, which: "recent" | "unresolved"): Promise<SpIncident[]> {
  const rows = await db.incident.findMany({
    where: { review: "approved", ...(which === "unresolved" ? { status: { not: "resolved" } } : {}) },
    orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: which === "recent" ? RECENT_LIMIT : undefined,
    select: incidentSelect,
  });
  return rows.map((row) => {
    const facts: IncidentFacts = {
      ...row,
      postmortemPublished: row.postmortem?.publishedAt != null,
      postmortem: row.postmortem && postmortemFacts(row.postmortem),
      componentRegionIds: row.componentRegions.map((c) => c.componentRegionId),
    };
    return shapeIncident(facts, ctx);
  });
}

function postmortemFacts(row: {
  published: unknown;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
  notRequired: boolean;
  events: { id: string }[];
}): PostmortemFacts {
  const published = row.publishedAt ? readPublishedPostmortem(row.published, { publishedAt: row.publishedAt }) : null;
  return {
    body: published ? postmortemBody(published) : null,
    publishedAt: published ? (row.firstPublishedAt ?? published.firstPublishedAt) : null,
    bodyUpdatedAt: published ? (row.publishedAt ?? published.publishedAt) : null,
    ignored: row.notRequired,
    notifiedSubscribers: row.events.length > 0,
  };
}

const maintenanceSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  scheduledStart: true,
  scheduledEnd: true,
  startedAt: true,
  completedAt: true,
  componentRegions: { select: { componentRegionId: true } },
  updates: {
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    select: { id: true, status: true, message: true, createdAt: true },
  },
};

type MaintenanceSet = "recent" | "upcoming" | "active" | "upcoming_or_active";

async function loadMaintenances(db: Db, ctx: ShapeContext, which: MaintenanceSet): Promise<SpScheduledMaintenance[]> {
  const statuses = {
    recent: undefined,
    upcoming: ["scheduled" as const],
    active: [...ACTIVE_MAINTENANCE_STATUSES],
    upcoming_or_active: ["scheduled" as const, ...ACTIVE_MAINTENANCE_STATUSES],
  }[which];
  const rows = await db.maintenance.findMany({
    where: statuses ? { status: { in: statuses } } : {},
    // The history reads newest first; what is coming reads in the order it happens.
    orderBy:
      which === "recent" ? [{ scheduledStart: "desc" }, { id: "desc" }] : [{ scheduledStart: "asc" }, { id: "asc" }],
    take: which === "recent" ? RECENT_LIMIT : undefined,
    select: maintenanceSelect,
  });
  return rows.map((row) => {
    const facts: MaintenanceFacts = {
      ...row,
      componentRegionIds: row.componentRegions.map((c) => c.componentRegionId),
    };
    return shapeMaintenance(facts, ctx);
  });
}

/** One /api/v2 document, exactly as Statuspage shapes it. */
export async function statuspageDocument(db: Db, site: PublicSite, name: StatuspageDocumentName): Promise<object> {
  const { ctx, page, status, components } = await loadBase(db, site);
  switch (name) {
    case "summary.json":
      return {
        page,
        components,
        incidents: await loadIncidents(db, ctx, "unresolved"),
        scheduled_maintenances: await loadMaintenances(db, ctx, "upcoming_or_active"),
        status,
      };
    case "status.json":
      return { page, status };
    case "components.json":
      return { page, components };
    case "incidents.json":
      return { page, incidents: await loadIncidents(db, ctx, "recent") };
    case "incidents/unresolved.json":
      return { page, incidents: await loadIncidents(db, ctx, "unresolved") };
    case "scheduled-maintenances.json":
      return { page, scheduled_maintenances: await loadMaintenances(db, ctx, "recent") };
    case "scheduled-maintenances/upcoming.json":
      return { page, scheduled_maintenances: await loadMaintenances(db, ctx, "upcoming") };
    case "scheduled-maintenances/active.json":
      return { page, scheduled_maintenances: await loadMaintenances(db, ctx, "active") };
  }
}
