// Action items: their lifecycle, when one is overdue, and when its owner is
// reminded. Pure; a due date is a UTC day (stored as its midnight).
import type { ActionItemState, ActionItemType } from "../generated/prisma/enums.ts";

export type { ActionItemState, ActionItemType };

export const ACTION_ITEM_STATES = [
  "open",
  "in_progress",
  "done",
  "wont_do",
] as const satisfies readonly ActionItemState[];
export const ACTION_ITEM_TYPES = [
  "mitigate",
  "prevent",
  "detect",
  "process",
] as const satisfies readonly ActionItemType[];

export const ACTION_ITEM_STATE_LABEL: Readonly<Record<ActionItemState, string>> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};

export const ACTION_ITEM_TYPE_LABEL: Readonly<Record<ActionItemType, string>> = {
  mitigate: "Mitigate",
  prevent: "Prevent",
  detect: "Detect",
  process: "Process",
};

/** Where each state may go. wont_do needs a reason (checkActionItemTransition). */
export const ACTION_ITEM_TRANSITIONS: Readonly<Record<ActionItemState, readonly ActionItemState[]>> = {
  open: ["in_progress", "wont_do"],
  in_progress: ["done", "open", "wont_do"],
  done: ["open"],
  wont_do: ["open"],
};

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkActionItemTransition(
  from: ActionItemState,
  to: ActionItemState,
  reason?: string | null,
): TransitionCheck {
  if (from === to)
    return { ok: false, reason: `The action item is already ${ACTION_ITEM_STATE_LABEL[to].toLowerCase()}.` };
  if (!ACTION_ITEM_TRANSITIONS[from].includes(to)) {
    return {
      ok: false,
      reason: `An action item that is ${ACTION_ITEM_STATE_LABEL[from].toLowerCase()} cannot become ${ACTION_ITEM_STATE_LABEL[to].toLowerCase()}.`,
    };
  }
  if (to === "wont_do" && !reason?.trim()) return { ok: false, reason: "Say why it won't be done." };
  return { ok: true };
}

export function isUnfinished(state: ActionItemState): boolean {
  return state === "open" || state === "in_progress";
}

const DAY_MS = 86_400_000;
const utcDay = (date: Date) => Math.floor(date.getTime() / DAY_MS);

/** Whole UTC days from today to the due day: 0 due today, negative past due. */
export function daysUntilDue(dueDate: Date, now: Date): number {
  return utcDay(dueDate) - utcDay(now);
}

/** Unfinished and its due day is over. */
export function isActionItemOverdue(item: { state: ActionItemState; dueDate: Date | null }, now: Date): boolean {
  return item.dueDate !== null && isUnfinished(item.state) && daysUntilDue(item.dueDate, now) < 0;
}

/** Unfinished, due within `reminderDays` days from today, and not past. */
export function needsReminder(
  item: { state: ActionItemState; dueDate: Date | null },
  now: Date,
  reminderDays: number,
): boolean {
  if (item.dueDate === null || !isUnfinished(item.state)) return false;
  const left = daysUntilDue(item.dueDate, now);
  return left >= 0 && left <= reminderDays;
}

/** The due date as stored: midnight UTC of the day given. */
export function dueDay(date: Date): Date {
  return new Date(utcDay(date) * DAY_MS);
}

/** ISO 8601 week of a UTC date, e.g. "2025-W07": the weekly digest's key. */
export function isoWeek(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
