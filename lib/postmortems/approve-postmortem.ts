// A second engineer approves: in_review → approved. Two-person rule: never the author.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

export const approvePostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  /** The version the reviewer read; approving something else is a CONFLICT. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type ApprovePostmortemInput = z.input<typeof approvePostmortemInput>;

export async function approvePostmortem(db: Db, actor: Actor, input: ApprovePostmortemInput, options: { now?: Date } = {}): Promise<PostmortemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
