// The author asks for review: draft → in_review.
import { z } from "zod";
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import type { PostmortemView } from "./types.ts";

export const submitForReviewInput = z.object({
  postmortemId: z.string().trim().min(1),
  /** When given, the submission is refused if someone saved since. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type SubmitForReviewInput = z.input<typeof submitForReviewInput>;

export async function submitForReview(db: Db, actor: Actor, input: SubmitForReviewInput, options: { now?: Date } = {}): Promise<PostmortemView> {
  throw new AppError("UNAVAILABLE", "Not built yet.");
}
