// The worker's postmortem jobs: remind owners before an action item is due,
// and a weekly digest of overdue items to every engineer and admin. The
// dedupe keys are deterministic (item and day; user and ISO week), so two
// runs, or two workers at once, queue each mail once (lib/mail/staff-mail.ts).
import { type ActionItemReminderData, actionItemReminderEmail } from "../../emails/action-item-reminder.ts";
import { overdueDigestEmail } from "../../emails/overdue-digest.ts";
import type { Db } from "../db.ts";
import {
  ACTION_ITEM_STATE_LABEL,
  daysUntilDue,
  dueDay,
  isoWeek,
  needsReminder,
} from "../domain/postmortem-action-items.ts";
import { formatUtcDate } from "../domain/time-display.ts";
import { getEnv } from "../env.ts";
import { enqueueStaffMail } from "../mail/staff-mail.ts";
import { SITE_NAME } from "../mail/settings.ts";
import { ASSIGNABLE_ROLES } from "./action-item-access.ts";
import { listOverdueActionItems } from "./list-action-items.ts";
import { actionItemReminderDays } from "./settings.ts";

export interface JobResult {
  /** Mails newly queued; a repeat run queues none. */
  queued: number;
}

export interface JobOptions {
  reminderDays?: number;
  /** Absolute base of console links; PUBLIC_URL by default. */
  baseUrl?: string;
}

const DAY_MS = 86_400_000;

/** Where an incident's postmortem lives in the console. */
export const postmortemConsolePath = (incidentId: string) => `/admin/incidents/${incidentId}/postmortem`;
export const ACTION_ITEMS_CONSOLE_PATH = "/admin/action-items";

export async function sendActionItemReminders(db: Db, now: Date, options: JobOptions = {}): Promise<JobResult> {
  const days = options.reminderDays ?? actionItemReminderDays();
  const base = options.baseUrl ?? getEnv().PUBLIC_URL;
  const today = dueDay(now);
  const items = await db.actionItem.findMany({
    where: {
      state: { in: ["open", "in_progress"] },
      dueDate: { gte: today, lt: new Date(today.getTime() + (days + 1) * DAY_MS) },
      owner: { disabledAt: null },
    },
    include: {
      owner: { select: { email: true, name: true } },
      postmortem: { select: { incident: { select: { id: true, title: true } } } },
    },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  let queued = 0;
  for (const item of items) {
    if (!item.owner || !needsReminder(item, now, days)) continue;
    const data: ActionItemReminderData = {
      siteName: SITE_NAME,
      ownerName: item.owner.name ?? item.owner.email,
      title: item.title,
      dueLabel: formatUtcDate(item.dueDate!),
      daysLeft: daysUntilDue(item.dueDate!, now),
      priority: item.priority,
      stateLabel: ACTION_ITEM_STATE_LABEL[item.state],
      incidentTitle: item.postmortem.incident.title,
      url: new URL(postmortemConsolePath(item.postmortem.incident.id), base).toString(),
      trackerUrl: item.trackerUrl,
    };
    const mail = actionItemReminderEmail(data);
    const key = `action-item-reminder:${item.id}:${now.toISOString().slice(0, 10)}`;
    if (await enqueueStaffMail(db, { dedupeKey: key, to: item.owner.email, ...mail }, now)) queued++;
  }
  return { queued };
}

export async function sendOverdueDigest(db: Db, now: Date, options: JobOptions = {}): Promise<JobResult> {
  const items = await listOverdueActionItems(db, now);
  if (items.length === 0) return { queued: 0 };
  const base = options.baseUrl ?? getEnv().PUBLIC_URL;
  const week = isoWeek(now);
  const recipients = await db.user.findMany({
    where: { disabledAt: null, role: { in: [...ASSIGNABLE_ROLES] } },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
  });
  const digestItems = items.map((i) => ({
    title: i.title,
    ownerName: i.owner ? (i.owner.name ?? i.owner.email) : "nobody",
    dueLabel: formatUtcDate(i.dueDate!),
    daysOverdue: -daysUntilDue(i.dueDate!, now),
    priority: i.priority,
    incidentTitle: i.incident.title,
    url: new URL(postmortemConsolePath(i.incident.id), base).toString(),
  }));
  let queued = 0;
  for (const user of recipients) {
    const mail = overdueDigestEmail({
      siteName: SITE_NAME,
      recipientName: user.name ?? user.email,
      week,
      items: digestItems,
      listUrl: new URL(ACTION_ITEMS_CONSOLE_PATH, base).toString(),
    });
    if (await enqueueStaffMail(db, { dedupeKey: `overdue-digest:${user.id}:${week}`, to: user.email, ...mail }, now))
      queued++;
  }
  return { queued };
}
