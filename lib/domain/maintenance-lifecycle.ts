// The maintenance lifecycle: scheduled → in_progress → verifying → completed.
// Windows start and end on schedule by themselves (dueMaintenanceTransitions,
// run by the worker); an engineer may move them by hand at any time.
import type { MaintenanceStatus } from "../generated/prisma/enums.ts";
import type { TransitionCheck } from "./incident-lifecycle.ts";

export type { MaintenanceStatus };

export const MAINTENANCE_STATUSES = [
  "scheduled",
  "in_progress",
  "verifying",
  "completed",
] as const satisfies readonly MaintenanceStatus[];

export const MAINTENANCE_STATUS_LABEL: Readonly<Record<MaintenanceStatus, string>> = {
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
};

/** Subscribers get one reminder this long before a window starts. */
export const MAINTENANCE_REMINDER_MINUTES = 60;

const step = (status: MaintenanceStatus) => MAINTENANCE_STATUSES.indexOf(status);

/**
 * Forward moves and skipping ahead are allowed (scheduled → completed calls a
 * window off); staying put posts a plain update; verification that fails goes
 * back to in_progress; nothing follows completed.
 */
export function checkMaintenanceTransition(from: MaintenanceStatus, to: MaintenanceStatus): TransitionCheck {
  if (from === "completed")
    return { ok: false, reason: "This maintenance is already completed; schedule a new window instead." };
  if (step(to) >= step(from)) return { ok: true };
  if (from === "verifying" && to === "in_progress") return { ok: true };
  return {
    ok: false,
    reason: `A maintenance that is ${MAINTENANCE_STATUS_LABEL[from].toLowerCase()} cannot go back to ${MAINTENANCE_STATUS_LABEL[to].toLowerCase()}; only verification can return to in progress.`,
  };
}

export function nextMaintenanceStatuses(from: MaintenanceStatus): MaintenanceStatus[] {
  return MAINTENANCE_STATUSES.filter((to) => checkMaintenanceTransition(from, to).ok);
}

export interface MaintenanceWindow {
  id: string;
  status: MaintenanceStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  autoTransition: boolean;
  /** When it was scheduled: a window scheduled inside the reminder period gets no reminder. */
  createdAt: Date;
}

export interface DueMaintenanceTransition {
  maintenanceId: string;
  from: MaintenanceStatus;
  to: MaintenanceStatus;
  /** The scheduled moment the move belongs to (startedAt / completedAt). */
  at: Date;
}

/**
 * The automatic moves due at `now`, in order: a scheduled window starts at
 * scheduledStart and an in-progress one completes at scheduledEnd (both, in
 * order, when the worker was away for the whole window). `verifying` is an
 * engineer's state: it is completed by hand. Windows with autoTransition off
 * never move by themselves.
 */
export function dueMaintenanceTransitions(
  now: Date,
  windows: readonly MaintenanceWindow[],
): DueMaintenanceTransition[] {
  const due: DueMaintenanceTransition[] = [];
  for (const w of windows) {
    if (!w.autoTransition) continue;
    let status = w.status;
    if (status === "scheduled" && now >= w.scheduledStart) {
      due.push({ maintenanceId: w.id, from: status, to: "in_progress", at: w.scheduledStart });
      status = "in_progress";
    }
    if (status === "in_progress" && now >= w.scheduledEnd) {
      due.push({ maintenanceId: w.id, from: status, to: "completed", at: w.scheduledEnd });
    }
  }
  return due;
}

/** Windows whose reminder is due: still scheduled, starting within the reminder period, scheduled before it began. */
export function dueMaintenanceReminders(now: Date, windows: readonly MaintenanceWindow[]): string[] {
  const lead = MAINTENANCE_REMINDER_MINUTES * 60_000;
  return windows
    .filter((w) => {
      const remindAt = w.scheduledStart.getTime() - lead;
      return (
        w.status === "scheduled" &&
        now.getTime() >= remindAt &&
        now < w.scheduledStart &&
        w.createdAt.getTime() < remindAt
      );
    })
    .map((w) => w.id);
}
