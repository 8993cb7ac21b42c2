// Postmortems that policy requires and nobody has published yet: missing,
// due and overdue, with owner and age, for the incidents list and console home.
import type { Db } from "../db.ts";
import type { PostmortemPolicyStatus } from "../domain/postmortem-policy.ts";
import { AppError } from "../errors.ts";
import type { PostmortemDueRow } from "./types.ts";

/** Overdue first, then by due date. */
export async function listPostmortemsDue(db: Db, now: Date): Promise<PostmortemDueRow[]> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}

/** Each incident's postmortem status (for badges on incident lists); incidents not found are absent. */
export async function postmortemStatuses(db: Db, incidentIds: readonly string[], now: Date): Promise<Map<string, PostmortemPolicyStatus>> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
