// Everything about one region: each component's status there, its uptime,
// and the incidents and maintenance that touch the region.
import type { Db } from "../db.ts";
import { type OverallStatus, overallStatus } from "../domain/status.ts";
import { utcDayWindows } from "../domain/uptime.ts";
import type { DayIncident } from "../domain/uptime-days.ts";
import type { Tier } from "../generated/prisma/enums.ts";
import { getStatusOverview, type OverviewCell } from "./overview.ts";
import { type ComponentRegionUptime, getUptime, UPTIME_DAYS } from "./uptime.ts";
import { getActiveIncidents, getIncidentDays, getIncidentsStartedSince, type IncidentSummary } from "./incidents.ts";
import { getCurrentMaintenance, type MaintenanceSummary } from "./maintenance.ts";

export interface RegionComponent {
  key: string;
  name: string;
  description: string;
  tier: Tier;
  cell: OverviewCell;
}

export interface RegionPage {
  region: { key: string; name: string; provider: string; location: string };
  overall: OverallStatus;
  products: { key: string; name: string; components: RegionComponent[] }[];
  uptime: Map<string, ComponentRegionUptime>;
  incidentDays: Map<string, Map<string, DayIncident[]>>;
  activeIncidents: IncidentSummary[];
  /** Started within the uptime window, newest first; open ones included. */
  recentIncidents: IncidentSummary[];
  activeMaintenance: MaintenanceSummary[];
  upcomingMaintenance: MaintenanceSummary[];
}

/** Incidents listed on a region or component page; older ones are in the history. */
export const RECENT_INCIDENTS_LIMIT = 20;

export async function getRegionPage(db: Db, key: string, now: Date): Promise<RegionPage | null> {
  const scope = { regionKey: key };
  const recentFrom = utcDayWindows(now, UPTIME_DAYS)[0]!.from;
  const [region, overview, activeIncidents, recentIncidents, maintenance] = await Promise.all([
    db.region.findUnique({ where: { key }, select: { key: true, name: true, provider: true, location: true } }),
    getStatusOverview(db, now),
    getActiveIncidents(db, scope),
    getIncidentsStartedSince(db, recentFrom, scope, RECENT_INCIDENTS_LIMIT),
    getCurrentMaintenance(db, now, scope),
  ]);
  if (!region) return null;

  const column = overview.regions.findIndex((r) => r.key === key);
  const products = overview.products
    .map((product) => ({
      key: product.key,
      name: product.name,
      components: product.components.flatMap(({ cells, ...component }) => {
        const cell = cells[column];
        return cell ? [{ ...component, cell }] : [];
      }),
    }))
    .filter((product) => product.components.length > 0);
  const ids = products.flatMap((p) => p.components.map((c) => c.cell.componentRegionId));
  const [uptime, incidentDays] = await Promise.all([
    getUptime(db, now, UPTIME_DAYS, ids),
    getIncidentDays(db, now, UPTIME_DAYS, ids),
  ]);

  return {
    region,
    overall: overallStatus(products.flatMap((p) => p.components.map((c) => c.cell.status))),
    products,
    uptime,
    incidentDays,
    activeIncidents,
    recentIncidents,
    activeMaintenance: maintenance.active,
    upcomingMaintenance: maintenance.upcoming,
  };
}
