// Every ComponentRegion a reader can see, in page order, with its effective
// status (lib/domain/status.ts) and when that status last changed. Read by the
// Statuspage API, the feeds and the badges, so that all of them agree with the
// status page (lib/public/overview.ts applies the same rule).
import type { Db } from "../db.ts";
import { type ComponentStatus, effectiveStatus } from "../domain/status.ts";
import type { ComponentRegionFacts } from "./statuspage-types.ts";
import { OPEN_PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import { ACTIVE_MAINTENANCE } from "../maintenance/visibility.ts";

export interface PublicComponentRegion extends ComponentRegionFacts {
  component: ComponentRegionFacts["component"] & { id: string; key: string };
  region: ComponentRegionFacts["region"] & { id: string };
}

export interface ComponentRegionFilter {
  componentKey?: string;
  regionKey?: string;
}

const maxDate = (dates: (Date | null | undefined)[]) =>
  new Date(Math.max(...dates.filter((d): d is Date => d != null).map((d) => d.getTime())));

export async function loadPublicComponentRegions(
  db: Db,
  filter: ComponentRegionFilter = {},
): Promise<PublicComponentRegion[]> {
  const where = {
    ...(filter.componentKey ? { component: { key: filter.componentKey } } : {}),
    ...(filter.regionKey ? { region: { key: filter.regionKey } } : {}),
  };
  const rows = await db.componentRegion.findMany({
    where,
    select: {
      id: true,
      createdAt: true,
      probeStatus: true,
      probeStatusSince: true,
      component: {
        select: {
          id: true,
          key: true,
          name: true,
          description: true,
          tier: true,
          sortOrder: true,
          product: { select: { id: true, name: true, description: true, sortOrder: true, createdAt: true } },
        },
      },
      region: { select: { id: true, key: true, name: true, sortOrder: true } },
    },
  });
  const ids = rows.map((r) => r.id);
  const [overrides, maintenance, changes] = await Promise.all([
    db.incidentComponentRegion.findMany({
      where: { componentRegionId: { in: ids }, incident: OPEN_PUBLIC_INCIDENT },
      select: { componentRegionId: true, status: true, addedAt: true, incident: { select: { updatedAt: true } } },
    }),
    db.maintenanceComponentRegion.findMany({
      where: { componentRegionId: { in: ids }, maintenance: ACTIVE_MAINTENANCE },
      select: { componentRegionId: true, maintenance: { select: { startedAt: true, updatedAt: true } } },
    }),
    db.statusChange.groupBy({
      by: ["componentRegionId"],
      where: { componentRegionId: { in: ids } },
      _max: { at: true },
    }),
  ]);

  const overridesOf = new Map<string, typeof overrides>();
  for (const o of overrides) overridesOf.set(o.componentRegionId, [...(overridesOf.get(o.componentRegionId) ?? []), o]);
  const maintenanceOf = new Map<string, typeof maintenance>();
  for (const m of maintenance)
    maintenanceOf.set(m.componentRegionId, [...(maintenanceOf.get(m.componentRegionId) ?? []), m]);
  const lastChange = new Map(changes.map((c) => [c.componentRegionId, c._max.at]));

  rows.sort(
    (a, b) =>
      a.component.product.sortOrder - b.component.product.sortOrder ||
      a.component.product.name.localeCompare(b.component.product.name) ||
      a.component.product.id.localeCompare(b.component.product.id) ||
      a.component.tier.localeCompare(b.component.tier) ||
      a.component.sortOrder - b.component.sortOrder ||
      a.component.name.localeCompare(b.component.name) ||
      a.region.sortOrder - b.region.sortOrder ||
      a.region.key.localeCompare(b.region.key),
  );

  return rows.map((row) => {
    const incidentRows = overridesOf.get(row.id) ?? [];
    const maintenanceRows = maintenanceOf.get(row.id) ?? [];
    const status: ComponentStatus | null = effectiveStatus({
      inMaintenance: maintenanceRows.length > 0,
      incidentStatuses: incidentRows.map((o) => o.status),
      probeStatus: row.probeStatus,
    });
    const updatedAt = maxDate([
      row.createdAt,
      row.probeStatusSince,
      lastChange.get(row.id),
      ...incidentRows.flatMap((o) => [o.addedAt, o.incident.updatedAt]),
      ...maintenanceRows.flatMap((m) => [m.maintenance.startedAt, m.maintenance.updatedAt]),
    ]);
    const { product, ...component } = row.component;
    return {
      id: row.id,
      createdAt: row.createdAt,
      updatedAt,
      status,
      product: { id: product.id, name: product.name, description: product.description, createdAt: product.createdAt },
      component: { id: component.id, key: component.key, name: component.name, description: component.description },
      region: { id: row.region.id, key: row.region.key, name: row.region.name },
    };
  });
}
