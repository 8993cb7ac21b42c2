// The worker's side of maintenance: windows start at scheduledStart and
// complete at scheduledEnd by themselves, and subscribers get a reminder
// before the start. Each window moves in its own transaction, claiming its
// version, so an engineer's manual move at the same moment wins cleanly and
// two replicas never move a window twice.
import type { Db } from "../db.ts";
import {
  type DueMaintenanceTransition,
  dueMaintenanceReminders,
  dueMaintenanceTransitions,
  MAINTENANCE_REMINDER_MINUTES,
} from "../domain/maintenance-lifecycle.ts";
import { announcePublicChange } from "../public/changes.ts";
import { loadMaintenanceDetail } from "./get-maintenance.ts";
import { claimMaintenanceVersion, notifyMaintenanceSubscribers, subscribersWereTold } from "./maintenance-writes.ts";

export interface MaintenanceAdvance {
  started: string[];
  completed: string[];
  reminded: string[];
}

const AUTOMATIC_MESSAGE = {
  in_progress: "The maintenance has started as scheduled.",
  completed: "The maintenance has completed as scheduled.",
} as const;

export async function advanceMaintenances(db: Db, now: Date): Promise<MaintenanceAdvance> {
  const windows = await db.maintenance.findMany({
    where: {
      status: { in: ["scheduled", "in_progress"] },
      scheduledStart: { lte: new Date(now.getTime() + MAINTENANCE_REMINDER_MINUTES * 60_000) },
    },
    select: {
      id: true,
      status: true,
      scheduledStart: true,
      scheduledEnd: true,
      autoTransition: true,
      createdAt: true,
      version: true,
    },
  });
  const result: MaintenanceAdvance = { started: [], completed: [], reminded: [] };
  if (windows.length === 0) return result;

  for (const id of dueMaintenanceReminders(now, windows)) {
    const sent = await db.$transaction(async (tx) => {
      if ((await tx.notificationEvent.count({ where: { dedupeKey: `maintenance_reminder:${id}` } })) > 0) return false;
      if (!(await subscribersWereTold(tx, id))) return false;
      const detail = (await loadMaintenanceDetail(tx, id))!;
      const starts = detail.scheduledStart.toISOString();
      return notifyMaintenanceSubscribers(
        tx,
        "maintenance_reminder",
        detail,
        `Reminder: the maintenance starts at ${starts}.`,
        now,
      );
    });
    if (sent) result.reminded.push(id);
  }

  const byWindow = new Map<string, DueMaintenanceTransition[]>();
  for (const step of dueMaintenanceTransitions(now, windows))
    byWindow.set(step.maintenanceId, [...(byWindow.get(step.maintenanceId) ?? []), step]);
  for (const [id, steps] of byWindow) {
    const version = windows.find((w) => w.id === id)!.version;
    const moved = await db.$transaction(async (tx) => {
      if (!(await claimMaintenanceVersion(tx, id, version))) return false;
      const tell = await subscribersWereTold(tx, id);
      for (const step of steps) {
        await tx.maintenance.update({
          where: { id },
          data:
            step.to === "in_progress"
              ? { status: "in_progress", startedAt: step.at }
              : { status: "completed", completedAt: step.at },
        });
        const message = AUTOMATIC_MESSAGE[step.to as keyof typeof AUTOMATIC_MESSAGE];
        await tx.maintenanceUpdate.create({
          data: { maintenanceId: id, status: step.to, message, authorId: null, createdAt: now },
        });
        if (tell) {
          const detail = (await loadMaintenanceDetail(tx, id))!;
          await notifyMaintenanceSubscribers(
            tx,
            step.to === "in_progress" ? "maintenance_started" : "maintenance_completed",
            detail,
            message,
            step.at,
          );
        }
      }
      await announcePublicChange(tx, `maintenance:${id}`);
      return true;
    });
    if (!moved) continue;
    for (const step of steps) (step.to === "in_progress" ? result.started : result.completed).push(id);
  }
  return result;
}
