// Follow later changes to the record: new automatic timeline entries are added
// once (by sourceKey); what engineers wrote, starred or hid is never touched.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";

export const refreshFromRecordInput = z.object({ postmortemId: z.string().trim().min(1) });
export type RefreshFromRecordInput = z.input<typeof refreshFromRecordInput>;

export interface RefreshResult {
  /** Timeline entries added from the record. */
  added: number;
}

/** `actor` null: the system (e.g. on incident resolution); nothing is audited then. */
export async function refreshFromRecord(db: Db, actor: Actor | null, input: RefreshFromRecordInput, options: { now?: Date } = {}): Promise<RefreshResult> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
