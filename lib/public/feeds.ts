// Atom/RSS of published incidents and maintenance, and the maintenance
// calendar, each for everything or narrowed to one region and/or component.
import { z } from "zod";
import type { Db } from "../db.ts";
import { readPublishedPostmortem } from "../domain/published-postmortem.ts";
import { markdownToText } from "../markdown/render.ts";
import { AppError } from "../errors.ts";
import {
  type ComponentRegionFilter,
  loadPublicComponentRegions,
  type PublicComponentRegion,
} from "./component-regions.ts";
import type { Feed, FeedEntry } from "./feed-format.ts";
import type { Calendar, CalendarEvent } from "./ics.ts";
import type { PublicSite } from "./site.ts";
import { componentRegionName, incidentUrl, maintenanceUrl } from "./statuspage-shape.ts";
import { REGION_ORDER } from "../catalog/order.ts";

/** Entries in a feed, most recently changed first. */
export const FEED_LIMIT = 50;
/** The calendar keeps windows that ended up to this long ago, and every later one. */
export const CALENDAR_HISTORY_DAYS = 90;

const key = z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().min(1).max(100).optional());
export const publicFilterQuery = z.object({ region: key, component: key });

export interface ResolvedFilter extends ComponentRegionFilter {
  /** "Checkout in europe-west1.gcp", "europe-west1.gcp", or null for everything. */
  label: string | null;
  /** The ComponentRegions the filter covers; null for everything. */
  componentRegionIds: string[] | null;
  /** The filter as a query string ("" or "?region=…"), for self links. */
  query: string;
}

/** Parses ?region=&component= and checks every key exists; unknown keys are a 404 that names them. */
export async function resolveFilter(db: Db, searchParams: URLSearchParams): Promise<ResolvedFilter> {
  const { region, component } = publicFilterQuery.parse({
    region: searchParams.get("region") ?? undefined,
    component: searchParams.get("component") ?? undefined,
  });
  if (!region && !component) return { label: null, componentRegionIds: null, query: "" };

  const [regionRow, componentRow] = await Promise.all([
    region ? db.region.findUnique({ where: { key: region }, select: { key: true } }) : null,
    component ? db.component.findUnique({ where: { key: component }, select: { key: true, name: true } }) : null,
  ]);
  if (region && !regionRow) {
    const known = (await db.region.findMany({ orderBy: REGION_ORDER, select: { key: true } })).map((r) => r.key);
    throw new AppError("NOT_FOUND", `There is no region "${region}". Regions: ${known.join(", ")}.`);
  }
  if (component && !componentRow) {
    const known = (await db.component.findMany({ orderBy: { key: "asc" }, select: { key: true } })).map((c) => c.key);
    throw new AppError("NOT_FOUND", `There is no component "${component}". Components: ${known.join(", ")}.`);
  }
  const filter: ComponentRegionFilter = { regionKey: regionRow?.key, componentKey: componentRow?.key };
  const covered = await db.componentRegion.findMany({
    where: { ...(region ? { region: { key: region } } : {}), ...(component ? { component: { key: component } } : {}) },
    select: { id: true },
  });
  if (covered.length === 0 && regionRow && componentRow) {
    throw new AppError("NOT_FOUND", `${componentRow.name} does not run in ${regionRow.key}.`);
  }
  const params = new URLSearchParams();
  if (region) params.set("region", region);
  if (component) params.set("component", component);
  return {
    ...filter,
    label: [componentRow?.name, regionRow?.key].filter(Boolean).join(" in "),
    componentRegionIds: covered.map((c) => c.id),
    query: `?${params.toString()}`,
  };
}

/**
 * Incidents and maintenance that touch a covered ComponentRegion. A notice
 * naming no component is platform-wide and appears only in unfiltered feeds
 * (the rule subscribers' scopes follow too).
 */
function touches(filter: ResolvedFilter) {
  return filter.componentRegionIds === null
    ? {}
    : { componentRegions: { some: { componentRegionId: { in: filter.componentRegionIds } } } };
}

const INCIDENT_STATUS_WORD = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
} as const;
const MAINTENANCE_STATUS_WORD = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
} as const;

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function affectsLine(ids: readonly string[], names: ReadonlyMap<string, PublicComponentRegion>): string | null {
  const shown = ids.flatMap((id) => {
    const row = names.get(id);
    return row ? [componentRegionName(row.component.name, row.region.key)] : [];
  });
  return shown.length > 0 ? `Affects: ${shown.join(", ")}.` : null;
}

/** A feed entry's summary stays a summary: the start of the postmortem's first section. */
const POSTMORTEM_SUMMARY_CHARS = 600;

function postmortemSummary(snapshot: unknown, revision: number): string {
  const first = readPublishedPostmortem(snapshot)?.sections[0];
  const text = first ? markdownToText(first.paragraphs.join("\n\n")).replace(/\s+/g, " ").trim() : "";
  const clipped =
    text.length > POSTMORTEM_SUMMARY_CHARS ? `${text.slice(0, POSTMORTEM_SUMMARY_CHARS - 1).trimEnd()}…` : text;
  return `${revision > 1 ? `Postmortem updated (revision ${revision})` : "Postmortem published"}${clipped ? `: ${clipped}` : "."}`;
}

const lines = (...parts: (string | null | undefined)[]) =>
  parts.filter((p): p is string => Boolean(p?.trim())).join("\n");

export async function loadFeed(
  db: Db,
  site: PublicSite,
  filter: ResolvedFilter,
  format: "atom" | "rss",
): Promise<Feed> {
  const [rows, incidents, maintenances, publications] = await Promise.all([
    loadPublicComponentRegions(db),
    db.incident.findMany({
      where: { review: "approved", ...touches(filter) },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: FEED_LIMIT,
      select: {
        id: true,
        title: true,
        status: true,
        impact: true,
        createdAt: true,
        publishedAt: true,
        updatedAt: true,
        postmortem: { select: { publishedAt: true } },
        componentRegions: { select: { componentRegionId: true } },
        updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, message: true } },
      },
    }),
    db.maintenance.findMany({
      where: touches(filter),
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: FEED_LIMIT,
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        scheduledStart: true,
        scheduledEnd: true,
        componentRegions: { select: { componentRegionId: true } },
        updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, message: true } },
      },
    }),
    // One entry per publication of a postmortem: a republished one is news again.
    db.postmortemRevision.findMany({
      where: { postmortem: { incident: { review: "approved", ...touches(filter) } } },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: FEED_LIMIT,
      select: {
        revision: true,
        publishedAt: true,
        snapshot: true,
        postmortem: {
          select: {
            incident: { select: { id: true, title: true, componentRegions: { select: { componentRegionId: true } } } },
          },
        },
      },
    }),
  ]);
  const names = new Map(rows.map((r) => [r.id, r]));

  const entries: FeedEntry[] = [
    ...incidents.map((incident) => {
      const latest = incident.updates[0];
      const statusWord = incident.postmortem?.publishedAt
        ? "Postmortem published"
        : INCIDENT_STATUS_WORD[incident.status];
      return {
        link: incidentUrl(site.url, incident.id),
        title: incident.title,
        summary: lines(
          `${statusWord} (impact: ${incident.impact})${latest ? `: ${latest.message}` : "."}`,
          affectsLine(
            incident.componentRegions.map((c) => c.componentRegionId),
            names,
          ),
        ),
        published: incident.publishedAt ?? incident.createdAt,
        updated: incident.updatedAt,
        category: "incident",
      };
    }),
    ...publications.map((publication) => {
      const incident = publication.postmortem.incident;
      const page = incidentUrl(site.url, incident.id);
      return {
        link: `${page}#postmortem`,
        id: `${page}#postmortem-${publication.revision}`,
        title: `Postmortem: ${incident.title}`,
        summary: lines(
          postmortemSummary(publication.snapshot, publication.revision),
          affectsLine(
            incident.componentRegions.map((c) => c.componentRegionId),
            names,
          ),
        ),
        published: publication.publishedAt,
        updated: publication.publishedAt,
        category: "postmortem",
      };
    }),
    ...maintenances.map((maintenance) => {
      const latest = maintenance.updates[0];
      return {
        link: maintenanceUrl(site.url, maintenance.id),
        title: `Maintenance: ${maintenance.title}`,
        summary: lines(
          `${MAINTENANCE_STATUS_WORD[maintenance.status]}, ${utc(maintenance.scheduledStart)} to ${utc(maintenance.scheduledEnd)}.`,
          latest?.message ?? maintenance.description,
          affectsLine(
            maintenance.componentRegions.map((c) => c.componentRegionId),
            names,
          ),
        ),
        published: maintenance.createdAt,
        updated: maintenance.updatedAt,
        category: "maintenance",
      };
    }),
  ]
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.link.localeCompare(b.link))
    .slice(0, FEED_LIMIT);

  const scope = filter.label ? ` — ${filter.label}` : "";
  return {
    title: `${site.name} status${scope}`,
    subtitle: `Incidents and maintenance${filter.label ? ` affecting ${filter.label}` : ""}, from ${site.url}`,
    selfUrl: `${site.url}/feed.${format}${filter.query}`,
    siteUrl: `${site.url}/`,
    author: site.name,
    // A feed with no entries changed never; the epoch says so without inventing a time.
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  };
}

export async function loadCalendar(db: Db, site: PublicSite, filter: ResolvedFilter, now: Date): Promise<Calendar> {
  const since = new Date(now.getTime() - CALENDAR_HISTORY_DAYS * 86_400_000);
  const [rows, maintenances] = await Promise.all([
    loadPublicComponentRegions(db),
    db.maintenance.findMany({
      where: { scheduledEnd: { gte: since }, ...touches(filter) },
      orderBy: [{ scheduledStart: "asc" }, { id: "asc" }],
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        version: true,
        updatedAt: true,
        scheduledStart: true,
        scheduledEnd: true,
        componentRegions: { select: { componentRegionId: true } },
        updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, message: true } },
      },
    }),
  ]);
  const names = new Map(rows.map((r) => [r.id, r]));
  const host = new URL(site.url).host;
  const events: CalendarEvent[] = maintenances.map((m) => {
    const latest = m.updates[0];
    return {
      uid: `maintenance-${m.id}@${host}`,
      stamp: m.updatedAt,
      start: m.scheduledStart,
      end: m.scheduledEnd,
      summary: m.title,
      description: lines(
        m.description,
        affectsLine(
          m.componentRegions.map((c) => c.componentRegionId),
          names,
        ),
        latest
          ? `${MAINTENANCE_STATUS_WORD[latest.status]}: ${latest.message}`
          : `Status: ${MAINTENANCE_STATUS_WORD[m.status]}.`,
        maintenanceUrl(site.url, m.id),
      ),
      url: maintenanceUrl(site.url, m.id),
      // The model has no cancelled windows; every one kept is going ahead or went ahead.
      status: "CONFIRMED",
      sequence: m.version,
      categories: ["MAINTENANCE"],
    };
  });
  return {
    productId: `-//${site.name}//Maintenance calendar//EN`,
    name: `${site.name} maintenance${filter.label ? ` — ${filter.label}` : ""}`,
    description: `Scheduled maintenance windows${filter.label ? ` affecting ${filter.label}` : ""}, from ${site.url}`,
    events,
  };
}
