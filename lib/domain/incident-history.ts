// How incidents are laid out over time on the public site: the last days with
// "No incidents reported" on quiet ones, months on the history page, and which
// incidents touched each day of an uptime bar. Pure; days are UTC days.
import { utcDayWindows } from "./uptime.ts";

const DAY_MS = 86_400_000;

/** Anything that started at some time and may have ended. */
export interface Span {
  startedAt: Date;
  resolvedAt: Date | null;
}

export interface Day<T> {
  /** "YYYY-MM-DD", UTC. */
  day: string;
  items: T[];
}

export interface Month<T> {
  /** "YYYY-MM", UTC. */
  month: string;
  items: T[];
}

const dayKey = (date: Date) => date.toISOString().slice(0, 10);
const newestFirst = (a: Span, b: Span) => b.startedAt.getTime() - a.startedAt.getTime();

/**
 * The last `days` UTC days up to `now`, newest first, each with the items
 * that started on it (newest first). Quiet days are kept, with no items.
 */
export function groupByStartDay<T extends Span>(items: readonly T[], now: Date, days: number): Day<T>[] {
  const windows = utcDayWindows(now, days);
  const byDay = new Map<string, T[]>(windows.map((w) => [w.day, []]));
  for (const item of items) byDay.get(dayKey(item.startedAt))?.push(item);
  return windows.reverse().map((w) => ({ day: w.day, items: byDay.get(w.day)!.sort(newestFirst) }));
}

/** Items grouped by the UTC month they started in, newest month first. */
export function groupByStartMonth<T extends Span>(items: readonly T[]): Month<T>[] {
  const months = new Map<string, T[]>();
  for (const item of [...items].sort(newestFirst)) {
    const month = item.startedAt.toISOString().slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), item]);
  }
  return [...months].map(([month, grouped]) => ({ month, items: grouped }));
}

/**
 * Which items touched each of the `days` UTC days up to `now` (an unresolved
 * one runs until now). Keyed by day; days touched by nothing are absent.
 * O(items × days each spans).
 */
export function spansByDay<T extends Span>(items: readonly T[], now: Date, days: number): Map<string, T[]> {
  const result = new Map<string, T[]>();
  if (items.length === 0) return result;
  // The same days as utcDayWindows(now, days), without building all of them: callers ask once per ComponentRegion.
  const first = utcDayWindows(now, 1)[0]!.from.getTime() - (days - 1) * DAY_MS;
  for (const item of items) {
    const start = item.startedAt.getTime();
    // An instantaneous incident still belongs to the day it happened on.
    const lastMoment = Math.max(start, (item.resolvedAt ?? now).getTime() - 1);
    const from = Math.max(0, Math.floor((start - first) / DAY_MS));
    const to = Math.min(days - 1, Math.floor((lastMoment - first) / DAY_MS));
    for (let d = from; d <= to; d++) {
      const day = new Date(first + d * DAY_MS).toISOString().slice(0, 10);
      const list = result.get(day);
      if (list) list.push(item);
      else result.set(day, [item]);
    }
  }
  for (const list of result.values()) list.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  return result;
}
