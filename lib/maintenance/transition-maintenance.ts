// An engineer moves a maintenance window by hand: start it early, verify,
// complete or call it off, post a plain update, or take it off autopilot.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { checkMaintenanceTransition, MAINTENANCE_STATUSES } from "../domain/maintenance-lifecycle.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { MaintenanceStatus } from "../generated/prisma/enums.ts";
import { parseInput } from "../parse-input.ts";
import { announcePublicChange } from "../public/changes.ts";
import { loadMaintenanceDetail, type MaintenanceDetail } from "./get-maintenance.ts";
import {
  auditState,
  claimMaintenanceVersion,
  maintenanceConflict,
  notifyMaintenanceSubscribers,
} from "./maintenance-writes.ts";

export const transitionMaintenanceInput = z.object({
  maintenanceId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0),
  status: z.enum(MAINTENANCE_STATUSES),
  /** Optional when the status changes (a standard sentence is used); required for a plain update. */
  message: z.string().trim().max(20_000).optional(),
  /** Turn the automatic start/end on or off from now on. */
  autoTransition: z.boolean().optional(),
  notifySubscribers: z.boolean().default(true),
});
export type TransitionMaintenanceInput = z.input<typeof transitionMaintenanceInput>;

export const DEFAULT_MAINTENANCE_MESSAGE: Readonly<Record<MaintenanceStatus, string>> = {
  scheduled: "The maintenance is scheduled.",
  in_progress: "The maintenance has started.",
  verifying: "The work is done; we are verifying the result.",
  completed: "The maintenance is complete.",
};

export async function transitionMaintenance(
  db: Db,
  actor: Actor,
  input: TransitionMaintenanceInput,
  options: { now?: Date } = {},
): Promise<MaintenanceDetail> {
  if (!can(actor.role, "maintenance.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may change maintenance.");
  const data = parseInput(transitionMaintenanceInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await loadMaintenanceDetail(tx, data.maintenanceId);
    if (!before) throw new AppError("NOT_FOUND", "There is no such maintenance.");
    if (before.version !== data.expectedVersion) throw await maintenanceConflict(tx, data.maintenanceId);
    const check = checkMaintenanceTransition(before.status, data.status);
    if (!check.ok) throw new AppError("INVALID_TRANSITION", check.reason);
    const moving = data.status !== before.status;
    if (!moving && !data.message && data.autoTransition === undefined) {
      throw new AppError("VALIDATION", "Write the update, or choose another status.", {
        fields: { message: ["Write what changed."] },
      });
    }
    if (!(await claimMaintenanceVersion(tx, data.maintenanceId, data.expectedVersion)))
      throw await maintenanceConflict(tx, data.maintenanceId);

    const starting = data.status !== "scheduled" && before.startedAt === null && data.status !== "completed";
    await tx.maintenance.update({
      where: { id: data.maintenanceId },
      data: {
        status: data.status,
        startedAt: starting ? now : undefined,
        completedAt: data.status === "completed" ? now : undefined,
        autoTransition: data.autoTransition,
      },
    });
    const message = data.message || DEFAULT_MAINTENANCE_MESSAGE[data.status];
    if (moving || data.message) {
      await tx.maintenanceUpdate.create({
        data: { maintenanceId: data.maintenanceId, status: data.status, message, authorId: actor.id, createdAt: now },
      });
    }
    const after = (await loadMaintenanceDetail(tx, data.maintenanceId))!;
    await recordAudit(tx, actor, {
      action: moving ? "maintenance.transition" : "maintenance.update",
      entityType: "Maintenance",
      entityId: data.maintenanceId,
      before: auditState(before),
      after: { ...auditState(after), message },
    });
    await announcePublicChange(tx, `maintenance:${data.maintenanceId}`);
    if (data.notifySubscribers && moving) {
      if (starting) await notifyMaintenanceSubscribers(tx, "maintenance_started", after, message, now);
      if (data.status === "completed")
        await notifyMaintenanceSubscribers(tx, "maintenance_completed", after, message, now);
    }
    return after;
  });
}
