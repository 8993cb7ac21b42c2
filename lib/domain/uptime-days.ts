// What one day of an uptime bar tells a reader: its availability, the worst
// status seen, maintenance, and the incidents that touched it. The same words
// serve the hover tooltip and the keyboard/screen-reader list. Pure.
import { STATUS_LABEL } from "./status.ts";
import { formatUtcDate } from "./time-display.ts";
import type { DailyBar } from "./uptime.ts";

export interface DayIncident {
  id: string;
  title: string;
}

/** Truncates rather than rounds, so that 99.996 % of a bad day never reads 100.00 %. */
export function formatAvailability(availability: number | null): string {
  if (availability === null) return "no data";
  const percent = availability * 100;
  return `${percent >= 99.995 ? percent.toFixed(2) : (Math.floor(percent * 100) / 100).toFixed(2)}%`;
}

/** A day worth listing: anything other than a fully operational or unmeasured day. */
export function isNotableDay(bar: DailyBar, incidents: readonly DayIncident[]): boolean {
  return incidents.length > 0 || bar.maintenanceMs > 0 || (bar.worstStatus !== null && bar.worstStatus !== "operational");
}

/** "21 Nov 2026: 91.66% uptime · Major outage · Maintenance · Incident: Checkout database failure". */
export function describeDay(bar: DailyBar, incidents: readonly DayIncident[]): string {
  const parts = [`${formatUtcDate(new Date(`${bar.day}T00:00:00Z`))}: ${bar.availability === null ? "no data" : `${formatAvailability(bar.availability)} uptime`}`];
  if (bar.worstStatus !== null && bar.worstStatus !== "operational" && bar.worstStatus !== "under_maintenance") parts.push(STATUS_LABEL[bar.worstStatus]);
  if (bar.maintenanceMs > 0 || bar.worstStatus === "under_maintenance") parts.push("Maintenance");
  if (incidents.length > 0) parts.push(`${incidents.length === 1 ? "Incident" : "Incidents"}: ${incidents.map((i) => i.title).join("; ")}`);
  else if (bar.availability !== null) parts.push("No incidents");
  return parts.join(" · ");
}
