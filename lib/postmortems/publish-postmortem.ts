// Publish an approved postmortem: snapshot the public version for readers,
// keep a revision, and tell subscribers the first time (or when asked).
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

export const publishPostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  expectedVersion: z.number().int().min(0).optional(),
  /** Republication only: mail subscribers again. The first publication always does. */
  notifySubscribers: z.boolean().default(false),
});
export type PublishPostmortemInput = z.input<typeof publishPostmortemInput>;

export async function publishPostmortem(db: Db, actor: Actor, input: PublishPostmortemInput, options: { now?: Date } = {}): Promise<PostmortemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
