// Everything about one component: its status and uptime in each region it
// runs in, its response times, and the incidents and maintenance touching it.
import type { Db } from "../db.ts";
import type { LatencyRangeKey, LatencySeries } from "../domain/latency-series.ts";
import { type OverallStatus, overallStatus } from "../domain/status.ts";
import { utcDayWindows } from "../domain/uptime.ts";
import type { DayIncident } from "../domain/uptime-days.ts";
import type { Tier } from "../generated/prisma/enums.ts";
import { getStatusOverview, type OverviewCell, type OverviewRegion } from "./overview.ts";
import { type ComponentRegionUptime, getUptime, UPTIME_DAYS } from "./uptime.ts";
import { getActiveIncidents, getIncidentDays, getIncidentsStartedSince, type IncidentSummary } from "./incidents.ts";
import { getLatencySeries } from "./latency.ts";
import { getCurrentMaintenance, type MaintenanceSummary } from "./maintenance.ts";
import { RECENT_INCIDENTS_LIMIT } from "./region.ts";

export interface ComponentPage {
  component: { key: string; name: string; description: string; tier: Tier; product: { key: string; name: string } };
  overall: OverallStatus;
  /** The regions it runs in, in the page's order. */
  regions: { region: OverviewRegion; cell: OverviewCell }[];
  uptime: Map<string, ComponentRegionUptime>;
  incidentDays: Map<string, Map<string, DayIncident[]>>;
  latency: { range: LatencyRangeKey; regionKey: string | null; series: LatencySeries };
  activeIncidents: IncidentSummary[];
  recentIncidents: IncidentSummary[];
  activeMaintenance: MaintenanceSummary[];
  upcomingMaintenance: MaintenanceSummary[];
}

export interface ComponentPageOptions {
  range: LatencyRangeKey;
  /** Response times of one region; all regions merged when null or not one of the component's. */
  regionKey: string | null;
}

export async function getComponentPage(
  db: Db,
  key: string,
  now: Date,
  options: ComponentPageOptions,
): Promise<ComponentPage | null> {
  const scope = { componentKey: key };
  const recentFrom = utcDayWindows(now, UPTIME_DAYS)[0]!.from;
  const [component, overview, activeIncidents, recentIncidents, maintenance] = await Promise.all([
    db.component.findUnique({
      where: { key },
      select: { key: true, name: true, description: true, tier: true, product: { select: { key: true, name: true } } },
    }),
    getStatusOverview(db, now),
    getActiveIncidents(db, scope),
    getIncidentsStartedSince(db, recentFrom, scope, RECENT_INCIDENTS_LIMIT),
    getCurrentMaintenance(db, now, scope),
  ]);
  if (!component) return null;

  const row = overview.products.flatMap((p) => p.components).find((c) => c.key === key);
  const regions = overview.regions.flatMap((region, i) => {
    const cell = row?.cells[i];
    return cell ? [{ region, cell }] : [];
  });
  const ids = regions.map((r) => r.cell.componentRegionId);
  const chosen = regions.find((r) => r.region.key === options.regionKey);
  const [uptime, incidentDays, series] = await Promise.all([
    getUptime(db, now, UPTIME_DAYS, ids),
    getIncidentDays(db, now, UPTIME_DAYS, ids),
    getLatencySeries(db, chosen ? [chosen.cell.componentRegionId] : ids, options.range, now),
  ]);

  return {
    component,
    overall: overallStatus(regions.map((r) => r.cell.status)),
    regions,
    uptime,
    incidentDays,
    latency: { range: options.range, regionKey: chosen ? chosen.region.key : null, series },
    activeIncidents,
    recentIncidents,
    activeMaintenance: maintenance.active,
    upcomingMaintenance: maintenance.upcoming,
  };
}
