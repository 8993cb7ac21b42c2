// Availability of a ComponentRegion, time-weighted from its confirmed status
// history. Pure: windows and `end` are arguments; all arithmetic is in UTC
// milliseconds, so month and day boundaries are exact.
import type { ComponentStatus } from "./status.ts";

/** Statuses that count as measured time; maintenance leaves the denominator. */
export type MeasuredStatus = Exclude<ComponentStatus, "under_maintenance">;

/** Fraction of each measured status that counts as downtime, in [0, 1]. */
export type UptimeWeights = Readonly<Record<MeasuredStatus, number>>;

/** Statuspage counts a partial outage as 30 % downtime and degradation as none. */
export const PUBLIC_UPTIME_WEIGHTS: UptimeWeights = Object.freeze({
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  operational: 0,
});

const MEASURED: readonly MeasuredStatus[] = ["operational", "degraded_performance", "partial_outage", "major_outage"];
const DAY_MS = 86_400_000;

/** A status change; null means no probe agent reported anything. */
export interface StatusPoint {
  at: Date;
  status: ComponentStatus | null;
}

/** Half-open [from, to). */
export interface TimeWindow {
  from: Date;
  to: Date;
}

export interface StatusDurations {
  windowMs: number;
  maintenanceMs: number;
  unknownMs: number;
  ms: Record<MeasuredStatus, number>;
}

export interface Availability extends StatusDurations {
  /** 1 − downtime / measured; null when nothing was measured. */
  availability: number | null;
  /** Weighted downtime. */
  downtimeMs: number;
  /** window − maintenance − unknown. */
  measuredMs: number;
}

export interface DailyBar {
  day: string;
  availability: number | null;
  /** Worst status seen that day; under_maintenance only if nothing worse. */
  worstStatus: ComponentStatus | null;
  unknownMs: number;
  maintenanceMs: number;
  downtimeMs: number;
}

export interface DayWindow extends TimeWindow {
  day: string;
}

interface Span {
  from: number;
  to: number;
}

type Visit = (from: number, to: number, status: ComponentStatus | null, inMaintenance: boolean) => void;

function timeOf(date: Date, what: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${what} is not a valid date`);
  return t;
}

function spanOf(window: TimeWindow): Span {
  const span = { from: timeOf(window.from, "window start"), to: timeOf(window.to, "window end") };
  if (span.to < span.from) throw new RangeError("window ends before it starts");
  return span;
}

/** Maintenance clipped to the span, sorted and merged so that overlaps count once. */
function maintenanceWithin(maintenance: readonly TimeWindow[], span: Span): Span[] {
  const clipped = maintenance
    .map((m) => ({
      from: Math.max(span.from, timeOf(m.from, "maintenance start")),
      to: Math.min(span.to, timeOf(m.to, "maintenance end")),
    }))
    .filter((m) => m.to > m.from)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const m of clipped) {
    const last = merged.at(-1);
    if (last && m.from <= last.to) last.to = Math.max(last.to, m.to);
    else merged.push({ ...m });
  }
  return merged;
}

/**
 * Walks [span.from, span.to) in time order as pieces of constant status and
 * maintenance state. O(history + maintenance); each millisecond is visited once.
 */
function sweep(
  history: readonly StatusPoint[],
  span: Span,
  maintenance: readonly Span[],
  initial: ComponentStatus | null,
  visit: Visit,
): void {
  const times = history.map((p) => timeOf(p.at, "history point"));
  if (times.some((t, k) => k > 0 && t < times[k - 1]!)) throw new RangeError("history must be sorted by time");

  let i = 0;
  let status = initial;
  for (; i < times.length && times[i]! <= span.from; i++) status = history[i]!.status;

  let m = 0;
  const emit = (from: number, to: number) => {
    while (from < to) {
      while (m < maintenance.length && maintenance[m]!.to <= from) m++;
      const next = maintenance[m];
      const inside = next !== undefined && next.from <= from;
      const end = Math.min(to, next === undefined ? to : inside ? next.to : next.from);
      visit(from, end, status, inside);
      from = end;
    }
  };

  let t = span.from;
  for (; i < times.length && t < span.to; i++) {
    const until = Math.min(times[i]!, span.to);
    emit(t, until);
    t = until;
    status = history[i]!.status;
  }
  emit(t, span.to);
}

function emptyDurations(windowMs: number): StatusDurations {
  return {
    windowMs,
    maintenanceMs: 0,
    unknownMs: 0,
    ms: { operational: 0, degraded_performance: 0, partial_outage: 0, major_outage: 0 },
  };
}

function add(d: StatusDurations, ms: number, status: ComponentStatus | null, inMaintenance: boolean): void {
  if (inMaintenance || status === "under_maintenance") d.maintenanceMs += ms;
  else if (status === null) d.unknownMs += ms;
  else d.ms[status] += ms;
}

function assertWeights(weights: UptimeWeights): void {
  for (const s of MEASURED) {
    const w = weights[s];
    if (!(w >= 0 && w <= 1)) throw new RangeError(`uptime weight for ${s} must be within [0, 1], got ${w}`);
  }
}

function withAvailability(d: StatusDurations, weights: UptimeWeights): Availability {
  const measuredMs = MEASURED.reduce((sum, s) => sum + d.ms[s], 0);
  const downtimeMs = MEASURED.reduce((sum, s) => sum + weights[s] * d.ms[s], 0);
  return { ...d, measuredMs, downtimeMs, availability: measuredMs > 0 ? 1 - downtimeMs / measuredMs : null };
}

/** Durations of two disjoint windows as one: time adds up, so availability over both is exact. */
export function addDurations(a: StatusDurations, b: StatusDurations): StatusDurations {
  const ms = { ...a.ms };
  for (const s of MEASURED) ms[s] += b.ms[s];
  return {
    windowMs: a.windowMs + b.windowMs,
    maintenanceMs: a.maintenanceMs + b.maintenanceMs,
    unknownMs: a.unknownMs + b.unknownMs,
    ms,
  };
}

/** Availability from durations already counted. */
export function availabilityOf(
  durations: StatusDurations,
  weights: UptimeWeights = PUBLIC_UPTIME_WEIGHTS,
): Availability {
  assertWeights(weights);
  return withAvailability(durations, weights);
}

/** How each millisecond of the window was spent; the buckets sum to windowMs. */
export function statusDurations(
  history: readonly StatusPoint[],
  window: TimeWindow,
  maintenance: readonly TimeWindow[],
  initial: ComponentStatus | null = null,
): StatusDurations {
  const span = spanOf(window);
  const d = emptyDurations(span.to - span.from);
  sweep(history, span, maintenanceWithin(maintenance, span), initial, (from, to, status, inMaintenance) =>
    add(d, to - from, status, inMaintenance),
  );
  return d;
}

export interface AvailabilityOptions {
  weights?: UptimeWeights;
  initial?: ComponentStatus | null;
}

export function availabilityForWindow(
  history: readonly StatusPoint[],
  window: TimeWindow,
  maintenance: readonly TimeWindow[],
  options: AvailabilityOptions = {},
): Availability {
  const weights = options.weights ?? PUBLIC_UPTIME_WEIGHTS;
  assertWeights(weights);
  return withAvailability(statusDurations(history, window, maintenance, options.initial ?? null), weights);
}

function dayKey(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * `days` consecutive UTC days tiling [start of the first day, end), oldest
 * first; the newest is cut at `end` so that no future time is counted.
 */
export function utcDayWindows(end: Date, days: number): DayWindow[] {
  const endMs = timeOf(end, "end");
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  // The newest day is the one holding the last millisecond before `end`.
  const lastDayStart = Math.floor((endMs - 1) / DAY_MS) * DAY_MS;
  const windows: DayWindow[] = [];
  for (let k = days - 1; k >= 0; k--) {
    const from = lastDayStart - k * DAY_MS;
    windows.push({ day: dayKey(from), from: new Date(from), to: new Date(Math.min(from + DAY_MS, endMs)) });
  }
  return windows;
}

/** The calendar month "YYYY-MM" in UTC, [first day 00:00, next month's first day 00:00). */
export function monthWindow(month: string): TimeWindow {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month must look like YYYY-MM, got ${JSON.stringify(month)}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const from = new Date(0);
  from.setUTCFullYear(year, index, 1);
  const to = new Date(0);
  to.setUTCFullYear(year, index + 1, 1);
  return { from, to };
}

export interface DailyBarsOptions extends AvailabilityOptions {
  days: number;
  end: Date;
}

/** Index of each status in a day's accumulator, and a bit for "seen that day". */
const SLOT: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
  under_maintenance: 4,
};
const SLOTS = 6; // the five above and unknown
const UNKNOWN_SLOT = 5;
/** Worst first, by STATUS_SEVERITY, to read a day's worst status from its bits. */
const BY_SEVERITY: readonly ComponentStatus[] = [
  "major_outage",
  "partial_outage",
  "degraded_performance",
  "under_maintenance",
  "operational",
];

/**
 * The status page asks for the same days for every ComponentRegion in one
 * render; computing their keys once keeps 125 × 90 bars cheap.
 */
let lastDays: { end: number; days: number; windows: readonly { day: string; from: number; to: number }[] } | undefined;
function daySpans(end: Date, days: number): readonly { day: string; from: number; to: number }[] {
  const endMs = timeOf(end, "end");
  if (lastDays?.end !== endMs || lastDays.days !== days) {
    const windows = utcDayWindows(end, days).map((w) => ({ day: w.day, from: w.from.getTime(), to: w.to.getTime() }));
    lastDays = { end: endMs, days, windows };
  }
  return lastDays.windows;
}

/** One bar per UTC day, oldest first, from a single sweep over the history. */
export function dailyBars(
  history: readonly StatusPoint[],
  maintenance: readonly TimeWindow[],
  options: DailyBarsOptions,
): DailyBar[] {
  const weights = options.weights ?? PUBLIC_UPTIME_WEIGHTS;
  assertWeights(weights);
  const spans = daySpans(options.end, options.days);
  // Flat accumulators: time per status slot per day, and a bit per status seen.
  const ms = new Float64Array(spans.length * SLOTS);
  const seen = new Uint8Array(spans.length);
  const range = { from: spans[0]!.from, to: spans.at(-1)!.to };

  let d = 0;
  sweep(
    history,
    range,
    maintenanceWithin(maintenance, range),
    options.initial ?? null,
    (from, to, status, inMaintenance) => {
      const slot = inMaintenance ? SLOT.under_maintenance : status === null ? UNKNOWN_SLOT : SLOT[status];
      while (from < to) {
        while (spans[d]!.to <= from) d++;
        const end = Math.min(to, spans[d]!.to);
        ms[d * SLOTS + slot]! += end - from;
        if (slot !== UNKNOWN_SLOT) seen[d]! |= 1 << slot;
        from = end;
      }
    },
  );

  return spans.map((span, k) => {
    const at = k * SLOTS;
    const measured = ms[at]! + ms[at + 1]! + ms[at + 2]! + ms[at + 3]!;
    const downtimeMs =
      weights.operational * ms[at]! +
      weights.degraded_performance * ms[at + 1]! +
      weights.partial_outage * ms[at + 2]! +
      weights.major_outage * ms[at + 3]!;
    return {
      day: span.day,
      availability: measured > 0 ? 1 - downtimeMs / measured : null,
      worstStatus: BY_SEVERITY.find((s) => (seen[k]! & (1 << SLOT[s])) !== 0) ?? null,
      unknownMs: ms[at + UNKNOWN_SLOT]!,
      maintenanceMs: ms[at + SLOT.under_maintenance]!,
      downtimeMs,
    };
  });
}
