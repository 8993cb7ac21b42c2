// Action items across postmortems: one person's, everyone's overdue ones, and
// who may own one.
import type { Db } from "../db.ts";
import { dueDay, isUnfinished } from "../domain/postmortem-action-items.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { ASSIGNABLE_ROLES } from "./action-item-access.ts";
import type { ActionItemListRow, AssignableUser } from "./types.ts";
import { actionItemListInclude, toActionItemListRow } from "./views.ts";

const byDueDate = (a: ActionItemListRow, b: ActionItemListRow) =>
  (a.dueDate?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueDate?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.createdAt.getTime() - b.createdAt.getTime();

/** The actor's items: unfinished first (by due date), then the finished ones (latest first) when asked for. */
export async function listMyActionItems(
  db: Db,
  actor: Actor,
  options: { now?: Date; includeFinished?: boolean } = {},
): Promise<ActionItemListRow[]> {
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Only signed-in staff have action items.");
  const now = options.now ?? new Date();
  const rows = await db.actionItem.findMany({
    where: { ownerId: actor.id, ...(options.includeFinished ? {} : { state: { in: ["open", "in_progress"] } }) },
    include: actionItemListInclude,
  });
  const items = rows.map((row) => toActionItemListRow(row, now));
  const unfinished = items.filter((i) => isUnfinished(i.state)).sort(byDueDate);
  const finished = items
    .filter((i) => !isUnfinished(i.state))
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  return [...unfinished, ...finished];
}

/** Open or in-progress items whose due day has passed, oldest due first. */
export async function listOverdueActionItems(db: Db, now: Date): Promise<ActionItemListRow[]> {
  const rows = await db.actionItem.findMany({
    where: { state: { in: ["open", "in_progress"] }, dueDate: { lt: dueDay(now) } },
    orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    include: actionItemListInclude,
  });
  return rows.map((row) => toActionItemListRow(row, now));
}

/** Who may own an action item: enabled ENGINEERs and ADMINs, by name. */
export async function listAssignableUsers(db: Db): Promise<AssignableUser[]> {
  const users = await db.user.findMany({
    where: { disabledAt: null, role: { in: [...ASSIGNABLE_ROLES] } },
    select: { id: true, email: true, name: true, role: true },
  });
  return users.sort((a, b) => (a.name ?? a.email).localeCompare(b.name ?? b.email));
}
