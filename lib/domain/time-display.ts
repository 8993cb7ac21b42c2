// How the public site writes times and durations. Pure and deterministic: the
// server always writes UTC (the reader's browser may then show local time),
// so the same instant reads the same everywhere without JavaScript.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const pad = (n: number) => String(n).padStart(2, "0");

function valid(date: Date): Date {
  if (Number.isNaN(date.getTime())) throw new RangeError("not a valid date");
  return date;
}

/** "21 Nov 2026" (UTC). */
export function formatUtcDate(date: Date): string {
  const d = valid(date);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * "21 Nov 2026" for a UTC day key "2026-11-21", without making a Date: uptime
 * strips write one per segment, 125 strips a page.
 */
export function formatDayKey(day: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.exec(day);
  if (!match) throw new RangeError(`day must look like YYYY-MM-DD, got ${JSON.stringify(day)}`);
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** "Sat 21 Nov 2026" (UTC), for day headings. */
export function formatUtcDay(date: Date): string {
  return `${WEEKDAYS[valid(date).getUTCDay()]} ${formatUtcDate(date)}`;
}

/** "10:05 UTC". */
export function formatUtcTime(date: Date): string {
  const d = valid(date);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "21 Nov 2026, 10:05 UTC". */
export function formatUtcDateTime(date: Date): string {
  return `${formatUtcDate(date)}, ${formatUtcTime(date)}`;
}

/** "November 2026" for a "YYYY-MM" month key. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month must look like YYYY-MM, got ${JSON.stringify(month)}`);
  return `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}`;
}

/**
 * A duration as a reader says it, rounded down to what matters at its size:
 * "less than a minute", "45 min", "2 h 5 min", "3 d 4 h".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`duration must be a finite number ≥ 0, got ${ms}`);
  if (ms < MINUTE_MS) return "less than a minute";
  if (ms < HOUR_MS) return `${Math.floor(ms / MINUTE_MS)} min`;
  if (ms < DAY_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
    return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
}

/** How long something lasted, or has lasted so far when it has not ended. */
export function elapsed(from: Date, to: Date | null, now: Date): number {
  return Math.max(0, (to ?? now).getTime() - from.getTime());
}
