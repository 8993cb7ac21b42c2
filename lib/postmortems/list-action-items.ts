// Action items across postmortems: one person's, and everyone's overdue ones.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { ActionItemListRow, AssignableUser } from "./types.ts";

/** The actor's items: unfinished first (by due date), then the finished ones. */
export async function listMyActionItems(db: Db, actor: Actor, options: { now?: Date; includeFinished?: boolean } = {}): Promise<ActionItemListRow[]> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}

/** Open or in-progress items whose due day has passed, oldest due first. */
export async function listOverdueActionItems(db: Db, now: Date): Promise<ActionItemListRow[]> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}

/** Who may own an action item: enabled ENGINEERs and ADMINs, by name. */
export async function listAssignableUsers(db: Db): Promise<AssignableUser[]> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
