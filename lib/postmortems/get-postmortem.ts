// The console's postmortem: everything, Lessons learned included, with what
// the actor may do. Recomputes a stale due date on the way (the incident may
// have resolved, or changed priority, since).
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

export type PostmortemRef = { postmortemId: string } | { incidentId: string };

/** null when there is no such postmortem; FORBIDDEN without console.read. */
export async function getPostmortemForConsole(db: Db, actor: Actor, ref: PostmortemRef, options: { now?: Date } = {}): Promise<PostmortemView | null> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
