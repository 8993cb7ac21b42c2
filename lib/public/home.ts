// Everything the status page's front page shows, loaded in one round of
// batched queries (no query per component or region): the hot path.
import type { Db } from "../db.ts";
import { type Day, groupByStartDay } from "../domain/incident-history.ts";
import { utcDayWindows } from "../domain/uptime.ts";
import type { DayIncident } from "../domain/uptime-days.ts";
import { getStatusOverview, type StatusOverview } from "./overview.ts";
import { type ComponentRegionUptime, getUptime, UPTIME_DAYS } from "./uptime.ts";
import { getActiveIncidents, getIncidentDays, getIncidentsStartedSince, type IncidentSummary } from "./incidents.ts";
import { getCurrentMaintenance, type MaintenanceSummary } from "./maintenance.ts";

/** Past incidents on the front page, like Statuspage: the last week, quiet days included. */
export const RECENT_HISTORY_DAYS = 7;

export interface HomePage {
  overview: StatusOverview;
  uptime: Map<string, ComponentRegionUptime>;
  /** ComponentRegion id → UTC day → incidents that touched it. */
  incidentDays: Map<string, Map<string, DayIncident[]>>;
  activeIncidents: IncidentSummary[];
  activeMaintenance: MaintenanceSummary[];
  upcomingMaintenance: MaintenanceSummary[];
  /** Newest day first. */
  recentDays: Day<IncidentSummary>[];
}

export async function getHomePage(db: Db, now: Date): Promise<HomePage> {
  const recentFrom = utcDayWindows(now, RECENT_HISTORY_DAYS)[0]!.from;
  const [overview, uptime, incidentDays, activeIncidents, maintenance, recent] = await Promise.all([
    getStatusOverview(db, now),
    getUptime(db, now),
    getIncidentDays(db, now, UPTIME_DAYS),
    getActiveIncidents(db),
    getCurrentMaintenance(db, now),
    getIncidentsStartedSince(db, recentFrom),
  ]);
  return {
    overview,
    uptime,
    incidentDays,
    activeIncidents,
    activeMaintenance: maintenance.active,
    upcomingMaintenance: maintenance.upcoming,
    recentDays: groupByStartDay(recent, now, RECENT_HISTORY_DAYS),
  };
}
