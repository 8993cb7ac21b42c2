// Turns status histories and maintenance windows into changes at minute
// boundaries, so that the sweep in sla-sweep.ts never looks inside a minute:
// a change at 12:00:30 makes minute 12:00 the worse of the two statuses.
import type { CoveredComponentRegion, SlaMaintenance, SlaTerms } from "./sla.ts";
import { DAY_MS, MINUTE_MS, SlaInputError } from "./sla-calendar.ts";
import type { ComponentStatus } from "./status.ts";
import type { StatusPoint } from "./uptime.ts";

// Local copies: imported bindings are property reads under some loaders, and these run per change.
const MINUTE = MINUTE_MS;

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

const NO_DATA = UNKNOWN;

export function levelOf(status: ComponentStatus | null): number {
  return status === null ? NO_DATA : LEVEL[status];
}

/** What an event changes; at one minute they apply in this order. */
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

// An event is one number, (minute − origin)·2^24 + kind·2^22 + index·2^4 + value + 8, so that a
// Float64Array sorts events by minute, then kind, without a comparator or an object per event.
const MINUTE_UNIT = 2 ** 24;
const KIND_UNIT = 2 ** 22;
const INDEX_UNIT = 16;
const VALUE_OFFSET = 8;
/** Covered ComponentRegions one contract may have: the index (+1) takes 18 bits. */
export const MAX_COVERED = 2 ** 18 - 1;

/** Events of one sweep, packed; minutes count from `origin` (the sweep's start). */
const LEVEL_EVENT = EventKind.Level;

export class EventBuffer {
  private data = new Float64Array(1024);
  private length = 0;
  constructor(readonly origin: number) {}

  push(minute: number, kind: EventKind, index: number, value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] =
      (minute - this.origin) * MINUTE_UNIT + kind * KIND_UNIT + (index + 1) * INDEX_UNIT + value + VALUE_OFFSET;
  }

  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }

  minuteOf(event: number): number {
    return Math.floor(event / MINUTE_UNIT) + this.origin;
  }

  kindOf(event: number): EventKind {
    return (Math.floor(event / KIND_UNIT) % 4) as EventKind;
  }

  /** −1 for events that are not about one ComponentRegion. */
  componentRegionOf(event: number): number {
    return (Math.floor(event / INDEX_UNIT) % (KIND_UNIT / INDEX_UNIT)) - 1;
  }

  valueIn(event: number): number {
    return (event % INDEX_UNIT) - VALUE_OFFSET;
  }
}

/** Milliseconds of a date, or a SlaInputError naming the field. */
export function timeOf(date: Date, field: string): number {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new SlaInputError(field, `${field} must be a valid date`);
  return t;
}

/** The first point at or after `t`; the history is sorted (checked where it is read). */
function firstAtOrAfter(points: readonly StatusPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.at.getTime() < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The level at minute `start` and one event per minute whose level differs from the one before,
 * for minutes in [start, end). A minute's level is the worst status held during any part of it.
 */
export function statusEvents(
  cr: CoveredComponentRegion,
  index: number,
  start: number,
  end: number,
  out: EventBuffer,
): number {
  const points = cr.history;
  const endMs = end * MINUTE;
  let p = firstAtOrAfter(points, start * MINUTE);
  let status: ComponentStatus | null = p > 0 ? points[p - 1]!.status : (cr.initial ?? null);
  let previous = p > 0 ? timeOf(points[p - 1]!.at, "history") : Number.NEGATIVE_INFINITY;
  const at = (k: number) => {
    if (k >= points.length) return Number.POSITIVE_INFINITY;
    const t = timeOf(points[k]!.at, "history");
    if (t < previous)
      throw new SlaInputError("history", `the history of ${cr.componentRegionId} must be sorted by time`);
    previous = t;
    return t;
  };
  let t = at(p);
  const initial = levelOf(status);
  let current = initial;
  while (t < endMs) {
    const minute = Math.floor(t / MINUTE);
    // The status before the minute's first change counts unless that change is at the minute's very start.
    let worst = t === minute * MINUTE ? NO_DATA : levelOf(status);
    while (t < (minute + 1) * MINUTE) {
      status = points[p]!.status;
      const next = at(++p);
      // A status replaced at the same instant was never held.
      if (next !== t) worst = Math.max(worst, levelOf(status));
      t = next;
    }
    if (worst !== current) out.push(minute, LEVEL_EVENT, index, worst);
    current = worst;
    const after = levelOf(status);
    if (after !== current && t >= (minute + 2) * MINUTE && minute + 1 < end) {
      out.push(minute + 1, LEVEL_EVENT, index, after);
      current = after;
    }
  }
  return initial;
}

/** Announced at least the notice days ahead of its start. */
export function isQualifying(window: SlaMaintenance, noticeDays: number): boolean {
  return (
    timeOf(window.announcedAt, "maintenance announcedAt") <=
    timeOf(window.from, "maintenance from") - noticeDays * DAY_MS
  );
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
  out: EventBuffer,
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
      out.push(from, EventKind.Maintenance, index, kind);
      if (to < end) out.push(to, EventKind.Maintenance, index, -kind);
    }
  }
}
