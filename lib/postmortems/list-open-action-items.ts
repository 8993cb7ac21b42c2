// Every unfinished action item (open or in progress), soonest due first, for
// the console's "All open" list. One person's and the overdue ones are in
// list-action-items.ts.
import type { Db } from "../db.ts";
import { can, type Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { ActionItemListRow } from "./types.ts";
import { actionItemListInclude, toActionItemListRow } from "./views.ts";

export const OPEN_ACTION_ITEMS_LIMIT = 500;

export async function listOpenActionItems(db: Db, actor: Actor, now: Date): Promise<ActionItemListRow[]> {
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Only signed-in staff read action items.");
  const rows = await db.actionItem.findMany({
    where: { state: { in: ["open", "in_progress"] } },
    orderBy: [{ dueDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: OPEN_ACTION_ITEMS_LIMIT,
    include: actionItemListInclude,
  });
  return rows.map((row) => toActionItemListRow(row, now));
}
