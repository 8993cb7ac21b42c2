// Ask for review: draft → in_review.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { checkSubmit } from "../domain/postmortem-review.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { loadPostmortemView } from "./get-postmortem.ts";
import { enforce, loadForReview, moveState } from "./review-access.ts";
import type { PostmortemView } from "./types.ts";

export const submitForReviewInput = z.object({
  postmortemId: z.string().trim().min(1),
  /** When given, the submission is refused if someone saved since. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type SubmitForReviewInput = z.input<typeof submitForReviewInput>;

export async function submitForReview(
  db: Db,
  actor: Actor,
  input: SubmitForReviewInput,
  options: { now?: Date } = {},
): Promise<PostmortemView> {
  if (!can(actor.role, "postmortem.write"))
    throw new AppError("FORBIDDEN", "Only engineers and admins write postmortems.");
  const data = parseInput(submitForReviewInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await loadForReview(tx, actor, data.postmortemId, data.expectedVersion, now);
    enforce(checkSubmit(before.state));
    await moveState(tx, actor, before.id, before.state, { state: "in_review", submittedAt: now }, now);
    await recordAudit(tx, actor, {
      action: "postmortem.submit",
      entityType: "Postmortem",
      entityId: before.id,
      before: { state: before.state },
      after: { state: "in_review" },
    });
    return (await loadPostmortemView(tx, actor, { postmortemId: before.id }, now))!;
  });
}
