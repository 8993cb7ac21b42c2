// Schedule a maintenance window over ComponentRegions, announced at least
// MAINTENANCE_NOTICE_HOURS ahead (an engineer may mark it urgent).
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { type Actor, can } from "../domain/roles.ts";
import { getEnv } from "../env.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { announcePublicChange } from "../public/changes.ts";
import { loadMaintenanceDetail, type MaintenanceDetail } from "./get-maintenance.ts";
import { auditState, notifyMaintenanceSubscribers } from "./maintenance-writes.ts";

export const scheduleMaintenanceInput = z
  .object({
    title: z.string().trim().min(1, "Give the maintenance a title.").max(200),
    description: z.string().trim().max(20_000).default(""),
    scheduledStart: z.coerce.date(),
    scheduledEnd: z.coerce.date(),
    componentRegionIds: z
      .array(z.string().trim().min(1))
      .min(1, "Choose at least one component and region.")
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, "A component and region is listed twice."),
    /** Start and complete on schedule by itself. */
    autoTransition: z.boolean().default(true),
    notifySubscribers: z.boolean().default(true),
    /** Skip the notice period (an emergency change). */
    urgent: z.boolean().default(false),
  })
  .refine((m) => m.scheduledEnd > m.scheduledStart, {
    path: ["scheduledEnd"],
    message: "The window must end after it starts.",
  });
export type ScheduleMaintenanceInput = z.input<typeof scheduleMaintenanceInput>;

export async function scheduleMaintenance(
  db: Db,
  actor: Actor,
  input: ScheduleMaintenanceInput,
  options: { now?: Date; noticeHours?: number } = {},
): Promise<MaintenanceDetail> {
  if (!can(actor.role, "maintenance.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins may schedule maintenance.");
  const data = parseInput(scheduleMaintenanceInput, input);
  const now = options.now ?? new Date();
  const noticeHours = options.noticeHours ?? getEnv().MAINTENANCE_NOTICE_HOURS;
  if (data.scheduledEnd <= now) {
    throw new AppError("VALIDATION", "The window is already over.", {
      fields: { scheduledEnd: ["Choose an end in the future."] },
    });
  }
  const earliest = new Date(now.getTime() + noticeHours * 3_600_000);
  if (!data.urgent && data.scheduledStart < earliest) {
    throw new AppError("VALIDATION", `Maintenance needs ${noticeHours} hours' notice.`, {
      fields: { scheduledStart: [`Start at ${earliest.toISOString()} or later, or mark the maintenance urgent.`] },
    });
  }
  return db.$transaction(async (tx) => {
    const known = await tx.componentRegion.findMany({
      where: { id: { in: data.componentRegionIds } },
      select: { id: true },
    });
    const unknown = data.componentRegionIds.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0) {
      throw new AppError("VALIDATION", "Some components and regions do not exist.", {
        fields: { componentRegionIds: [`Unknown component-region: ${unknown.join(", ")}`] },
      });
    }
    const message = data.description || `${data.title}: scheduled maintenance.`;
    const created = await tx.maintenance.create({
      data: {
        title: data.title,
        description: data.description,
        scheduledStart: data.scheduledStart,
        scheduledEnd: data.scheduledEnd,
        autoTransition: data.autoTransition,
        createdById: actor.id,
        createdAt: now,
        componentRegions: { create: data.componentRegionIds.map((componentRegionId) => ({ componentRegionId })) },
        updates: { create: { status: "scheduled", message, authorId: actor.id, createdAt: now } },
      },
    });
    const detail = (await loadMaintenanceDetail(tx, created.id))!;
    await recordAudit(tx, actor, {
      action: "maintenance.schedule",
      entityType: "Maintenance",
      entityId: created.id,
      after: { ...auditState(detail), urgent: data.urgent },
    });
    await announcePublicChange(tx, `maintenance:${created.id}`);
    if (data.notifySubscribers) await notifyMaintenanceSubscribers(tx, "maintenance_scheduled", detail, message, now);
    return detail;
  });
}
