// Start the postmortem of an incident, pre-filled from the record: measured
// impact, detection, the timeline, and drafts of Summary and Mitigation.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

export const createPostmortemInput = z.object({ incidentId: z.string().trim().min(1) });
export type CreatePostmortemInput = z.input<typeof createPostmortemInput>;

/** CONFLICT (details: { postmortemId }) when the incident already has one; NOT_FOUND for an unknown incident. */
export async function createPostmortem(db: Db, actor: Actor, input: CreatePostmortemInput, options: { now?: Date } = {}): Promise<PostmortemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
