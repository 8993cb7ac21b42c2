// What one day of an uptime bar tells a reader: its availability, the worst
// status seen, maintenance, and the incidents that touched it. The same words
// serve the hover tooltip and the keyboard/screen-reader list. Pure.
import { STATUS_LABEL } from "./status.ts";
import { formatDayKey } from "./time-display.ts";
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
  return (
    incidents.length > 0 || bar.maintenanceMs > 0 || (bar.worstStatus !== null && bar.worstStatus !== "operational")
  );
}

/** "21 Nov 2026: 91.66% uptime · Major outage · Maintenance": the day without its incidents. */
export function describeDayStatus(bar: DailyBar): string {
  const parts = [
    `${formatDayKey(bar.day)}: ${bar.availability === null ? "no data" : `${formatAvailability(bar.availability)} uptime`}`,
  ];
  if (bar.worstStatus !== null && bar.worstStatus !== "operational" && bar.worstStatus !== "under_maintenance")
    parts.push(STATUS_LABEL[bar.worstStatus]);
  if (bar.maintenanceMs > 0 || bar.worstStatus === "under_maintenance") parts.push("Maintenance");
  return parts.join(" · ");
}

/** "21 Nov 2026: 91.66% uptime · Major outage · Incident: Checkout database failure". */
export function describeDay(bar: DailyBar, incidents: readonly DayIncident[]): string {
  const status = describeDayStatus(bar);
  if (incidents.length > 0)
    return `${status} · ${incidents.length === 1 ? "Incident" : "Incidents"}: ${incidents.map((i) => i.title).join("; ")}`;
  return bar.availability === null ? status : `${status} · No incidents`;
}

const NO_INCIDENTS: readonly DayIncident[] = [];

/** A stretch of an uptime strip with one tooltip: a notable day alone, or a run of like quiet days. */
export interface StripSegment {
  /** Index of the first and last day (inclusive) in the bars. */
  first: number;
  last: number;
  notable: boolean;
  title: string;
}

/**
 * The strip's hover targets. Quiet days (fully operational, or without data)
 * merge into runs, so a page of 125 strips × 90 days carries a title per
 * notable day and per quiet stretch rather than 11,250.
 */
export function stripSegments(
  bars: readonly DailyBar[],
  incidentsOn: (day: string) => readonly DayIncident[],
): StripSegment[] {
  const segments: StripSegment[] = [];
  let i = 0;
  while (i < bars.length) {
    const bar = bars[i]!;
    const incidents = incidentsOn(bar.day);
    if (isNotableDay(bar, incidents)) {
      segments.push({ first: i, last: i, notable: true, title: describeDay(bar, incidents) });
      i++;
      continue;
    }
    let last = i;
    while (last + 1 < bars.length) {
      const next = bars[last + 1]!;
      if (next.worstStatus !== bar.worstStatus || isNotableDay(next, incidentsOn(next.day))) break;
      last++;
    }
    const day = (k: number) => formatDayKey(bars[k]!.day);
    const title =
      last === i
        ? describeDay(bar, NO_INCIDENTS)
        : `${day(i)} – ${day(last)}: ${bar.worstStatus === null ? "no data" : "100.00% uptime each day · No incidents"}`;
    segments.push({ first: i, last, notable: false, title });
    i = last + 1;
  }
  return segments;
}
