// Incidents as the public site shows them. Only approved incidents exist here:
// a detected incident is a proposal until an engineer approves it, and a
// dismissed one never happened as far as readers are concerned.
import type { Db, Prisma } from "../db.ts";
import { spansByDay } from "../domain/incident-history.ts";
import { type PublishedPostmortem, readPublishedPostmortem } from "../domain/published-postmortem.ts";
import { utcDayWindows } from "../domain/uptime.ts";
import type { DayIncident } from "../domain/uptime-days.ts";
import type { ComponentStatus, IncidentImpact, IncidentStatus, Tier } from "../generated/prisma/enums.ts";
import { OPEN_PUBLIC_INCIDENT, PUBLIC_INCIDENT } from "../incidents/visibility.ts";

export interface AffectedView {
  componentKey: string;
  componentName: string;
  tier: Tier;
  regionKey: string;
  regionName: string;
  status: ComponentStatus;
}

export interface IncidentUpdateView {
  id: string;
  status: IncidentStatus;
  message: string;
  at: Date;
}

export interface IncidentSummary {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  startedAt: Date;
  resolvedAt: Date | null;
  affected: AffectedView[];
  latestUpdate: IncidentUpdateView | null;
}

export interface IncidentDetail extends IncidentSummary {
  /** Oldest first: the story in the order it happened. */
  updates: IncidentUpdateView[];
  /** The published snapshot only: later edits change nothing here until it is published again. */
  postmortem: PublishedPostmortem | null;
}

/** Narrows to incidents touching a region and/or a component (by key). */
export interface IncidentScope {
  regionKey?: string;
  componentKey?: string;
}

/** The ComponentRegions a scope covers; null when it covers everything. */
export function componentRegionWhere(scope: IncidentScope = {}): Prisma.ComponentRegionWhereInput | null {
  if (!scope.regionKey && !scope.componentKey) return null;
  return {
    ...(scope.regionKey ? { region: { key: scope.regionKey } } : {}),
    ...(scope.componentKey ? { component: { key: scope.componentKey } } : {}),
  };
}

function scopeWhere(scope: IncidentScope = {}): Prisma.IncidentWhereInput {
  const where = componentRegionWhere(scope);
  return where ? { componentRegions: { some: { componentRegion: where } } } : {};
}

const updateSelect = { id: true, status: true, message: true, createdAt: true } as const;

export const affectedSelect = {
  componentRegion: {
    select: {
      component: { select: { key: true, name: true, tier: true, sortOrder: true } },
      region: { select: { key: true, name: true, sortOrder: true } },
    },
  },
} as const;

const summarySelect = {
  id: true,
  title: true,
  status: true,
  impact: true,
  startedAt: true,
  resolvedAt: true,
  componentRegions: { select: { status: true, ...affectedSelect } },
  updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: updateSelect },
} as const satisfies Prisma.IncidentSelect;

type AffectedRow = {
  componentRegion: {
    component: { key: string; name: string; tier: Tier; sortOrder: number };
    region: { key: string; name: string; sortOrder: number };
  };
};

/** Tier 1 first, then the catalog's order, then regions in the page's order. */
export function sortAffected<T extends AffectedRow>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const [x, y] = [a.componentRegion, b.componentRegion];
    return (
      x.component.tier.localeCompare(y.component.tier) ||
      x.component.sortOrder - y.component.sortOrder ||
      x.component.name.localeCompare(y.component.name) ||
      x.region.sortOrder - y.region.sortOrder ||
      x.region.key.localeCompare(y.region.key)
    );
  });
}

const toUpdate = (u: { id: string; status: IncidentStatus; message: string; createdAt: Date }): IncidentUpdateView => ({
  id: u.id,
  status: u.status,
  message: u.message,
  at: u.createdAt,
});

type SummaryRow = Prisma.IncidentGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    impact: row.impact,
    startedAt: row.startedAt,
    resolvedAt: row.resolvedAt,
    affected: sortAffected(row.componentRegions).map((a) => ({
      componentKey: a.componentRegion.component.key,
      componentName: a.componentRegion.component.name,
      tier: a.componentRegion.component.tier,
      regionKey: a.componentRegion.region.key,
      regionName: a.componentRegion.region.name,
      status: a.status,
    })),
    latestUpdate: row.updates[0] ? toUpdate(row.updates[0]) : null,
  };
}

const IMPACT_ORDER: Readonly<Record<IncidentImpact, number>> = { critical: 0, major: 1, minor: 2, none: 3 };

/** Open incidents, worst impact first, then newest. */
export async function getActiveIncidents(db: Db, scope: IncidentScope = {}): Promise<IncidentSummary[]> {
  const rows = await db.incident.findMany({
    where: { ...OPEN_PUBLIC_INCIDENT, ...scopeWhere(scope) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: summarySelect,
  });
  return rows.map(toSummary).sort((a, b) => IMPACT_ORDER[a.impact] - IMPACT_ORDER[b.impact]);
}

/** Incidents that started at or after `from`, newest first. */
export async function getIncidentsStartedSince(
  db: Db,
  from: Date,
  scope: IncidentScope = {},
  limit = 100,
): Promise<IncidentSummary[]> {
  const rows = await db.incident.findMany({
    where: { ...PUBLIC_INCIDENT, startedAt: { gte: from }, ...scopeWhere(scope) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export interface IncidentPage {
  incidents: IncidentSummary[];
  page: number;
  pageCount: number;
  total: number;
}

export const HISTORY_PAGE_SIZE = 20;

/** One page of the incident history, newest first; a page past the end is empty. */
export async function getIncidentHistory(
  db: Db,
  options: IncidentScope & { page: number; pageSize?: number },
): Promise<IncidentPage> {
  const pageSize = options.pageSize ?? HISTORY_PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page));
  const where = { ...PUBLIC_INCIDENT, ...scopeWhere(options) };
  const [total, rows] = await Promise.all([
    db.incident.count({ where }),
    db.incident.findMany({
      where,
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: summarySelect,
    }),
  ]);
  return { incidents: rows.map(toSummary), page, pageCount: Math.max(1, Math.ceil(total / pageSize)), total };
}

export async function getIncident(db: Db, id: string): Promise<IncidentDetail | null> {
  const row = await db.incident.findFirst({
    where: { id, ...PUBLIC_INCIDENT },
    select: {
      ...summarySelect,
      updates: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: updateSelect },
      postmortem: { select: { published: true, publishedAt: true } },
    },
  });
  if (!row) return null;
  const updates = row.updates.map(toUpdate);
  return {
    ...toSummary({ ...row, updates: updates.length ? [row.updates.at(-1)!] : [] }),
    updates,
    postmortem: row.postmortem
      ? readPublishedPostmortem(row.postmortem.published, { publishedAt: row.postmortem.publishedAt })
      : null,
  };
}

/**
 * For uptime bars: per ComponentRegion, the incidents that touched each of
 * the last `days` UTC days. One query for every ComponentRegion asked for.
 */
export async function getIncidentDays(
  db: Db,
  now: Date,
  days: number,
  componentRegionIds?: readonly string[],
): Promise<Map<string, Map<string, DayIncident[]>>> {
  const from = utcDayWindows(now, days)[0]!.from;
  // One join, flat rows: the ORM's nested read of the same took several times longer.
  const links = await db.$queryRawUnsafe<
    { componentRegionId: string; id: string; title: string; startedAt: Date; resolvedAt: Date | null }[]
  >(
    `SELECT l."componentRegionId", i.id, i.title, i."startedAt", i."resolvedAt"
       FROM "IncidentComponentRegion" l JOIN "Incident" i ON i.id = l."incidentId"
      WHERE i.review = 'approved' AND i."startedAt" < $1::timestamp(3) AND (i."resolvedAt" IS NULL OR i."resolvedAt" >= $2::timestamp(3))
        AND ($3::text[] IS NULL OR l."componentRegionId" = ANY($3::text[]))`,
    now.toISOString(),
    from.toISOString(),
    componentRegionIds === undefined ? null : [...componentRegionIds],
  );
  const byComponentRegion = new Map<string, (typeof links)[number][]>();
  for (const link of links)
    byComponentRegion.set(link.componentRegionId, [...(byComponentRegion.get(link.componentRegionId) ?? []), link]);
  const result = new Map<string, Map<string, DayIncident[]>>();
  for (const [componentRegionId, incidents] of byComponentRegion) {
    const perDay = spansByDay(incidents, now, days);
    result.set(
      componentRegionId,
      new Map([...perDay].map(([day, list]) => [day, list.map(({ id, title }) => ({ id, title }))])),
    );
  }
  return result;
}
