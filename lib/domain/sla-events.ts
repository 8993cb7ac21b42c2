// Turns status histories and maintenance windows into changes at minute
// boundaries, so that the sweep in sla-sweep.ts never looks inside a minute:
// a change at 12:00:30 makes minute 12:00 the worse of the two statuses.
import type { CoveredComponentRegion, SlaMaintenance, SlaTerms } from "./sla.ts";
import { DAY_MS, MINUTE_MS, SlaInputError } from "./sla-calendar.ts";
import type { ComponentStatus } from "./status.ts";

/** Severity levels; UNKNOWN (no data) sorts below every status, so a minute's level is a max. */
export const UNKNOWN = -1;
export const OPERATIONAL = 0;
export const DEGRADED = 1;
export const PARTIAL = 2;
export const MAJOR = 3;

/** under_maintenance weighs nothing by itself: maintenance is judged from the windows, not the status. */
const LEVEL: Readonly<Record<ComponentStatus, number>> = {
  operational: OPERATIONAL,
  under_maintenance: OPERATIONAL,
  degraded_performance: DEGRADED,
  partial_outage: PARTIAL,
  major_outage: MAJOR,
};

export function levelOf(status: ComponentStatus | null): number {
  return status === null ? UNKNOWN : LEVEL[status];
}

/** What a SweepEvent changes. */
export const EventKind = {
  /** A ComponentRegion's level changes to `value`. */
  Level: 0,
  /** A ComponentRegion enters (+1) or leaves (−1) a maintenance window: `value` = ±1 qualifying, ±2 not. */
  Maintenance: 1,
  /** A contract year starts: the allowance is whole again. */
  AllowanceReset: 2,
  /** Only a segment boundary (report start, term, UTC day). */
  Split: 3,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export interface SweepEvent {
  minute: number;
  kind: EventKind;
  index: number;
  value: number;
}

/** Milliseconds of a date, or a SlaInputError naming the field. */
export function timeOf(date: Date, field: string): number {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new SlaInputError(field, `${field} must be a valid date`);
  return t;
}

/**
 * The level at minute `start` and one event per minute whose level differs from the one before,
 * for minutes in [start, end). A minute's level is the worst status held during any part of it.
 */
export function statusEvents(cr: CoveredComponentRegion, index: number, start: number, end: number, out: SweepEvent[]): number {
  const points = cr.history;
  const startMs = start * MINUTE_MS;
  const endMs = end * MINUTE_MS;
  let status: ComponentStatus | null = cr.initial ?? null;
  let previous = Number.NEGATIVE_INFINITY;
  let p = 0;
  const at = (k: number) => {
    const t = timeOf(points[k]!.at, "history");
    if (t < previous) throw new SlaInputError("history", `the history of ${cr.componentRegionId} must be sorted by time`);
    previous = t;
    return t;
  };
  let t = points.length > 0 ? at(0) : Number.POSITIVE_INFINITY;
  for (; p < points.length && t < startMs; ) {
    status = points[p]!.status;
    p++;
    t = p < points.length ? at(p) : Number.POSITIVE_INFINITY;
  }
  const initial = levelOf(status);
  let current = initial;
  while (p < points.length && t < endMs) {
    const minute = Math.floor(t / MINUTE_MS);
    // The status before the minute's first change counts unless that change is at the minute's very start.
    let worst = t === minute * MINUTE_MS ? UNKNOWN : levelOf(status);
    while (p < points.length && Math.floor(t / MINUTE_MS) === minute) {
      status = points[p]!.status;
      worst = Math.max(worst, levelOf(status));
      p++;
      t = p < points.length ? at(p) : Number.POSITIVE_INFINITY;
    }
    if (worst !== current) out.push({ minute, kind: EventKind.Level, index, value: worst });
    current = worst;
    const after = levelOf(status);
    const nextMinute = Math.floor(t / MINUTE_MS);
    if (after !== current && nextMinute > minute + 1 && minute + 1 < end) {
      out.push({ minute: minute + 1, kind: EventKind.Level, index, value: after });
      current = after;
    }
  }
  return initial;
}

/** Announced at least the notice days ahead of its start. */
export function isQualifying(window: SlaMaintenance, noticeDays: number): boolean {
  return timeOf(window.announcedAt, "maintenance announcedAt") <= timeOf(window.from, "maintenance from") - noticeDays * DAY_MS;
}

/** The whole minutes a maintenance window covers: a minute it only touches is not maintenance. */
export function maintenanceMinutes(window: SlaMaintenance): { from: number; to: number } {
  const from = Math.ceil(timeOf(window.from, "maintenance from") / MINUTE_MS);
  const to = Math.floor(timeOf(window.to, "maintenance to") / MINUTE_MS);
  return { from, to: Math.max(from, to) };
}

/** Enter and leave events of every covered ComponentRegion in each window, within [start, end). */
export function maintenanceEvents(
  windows: readonly SlaMaintenance[],
  indexOf: ReadonlyMap<string, number>,
  terms: SlaTerms,
  start: number,
  end: number,
  out: SweepEvent[],
): void {
  for (const window of windows) {
    const kind = isQualifying(window, terms.maintenanceNoticeDays) ? 1 : 2;
    const span = maintenanceMinutes(window);
    const from = Math.max(span.from, start);
    const to = Math.min(span.to, end);
    if (to <= from) continue;
    for (const id of new Set(window.componentRegionIds)) {
      const index = indexOf.get(id);
      if (index === undefined) continue;
      out.push({ minute: from, kind: EventKind.Maintenance, index, value: kind });
      if (to < end) out.push({ minute: to, kind: EventKind.Maintenance, index, value: -kind });
    }
  }
}
