// A second engineer approves: in_review → approved. Two-person rule: never the author.
import { z } from "zod";
import { recordAudit } from "../audit/record.ts";
import type { Db } from "../db.ts";
import { checkApprove } from "../domain/postmortem-review.ts";
import { type Actor, can } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { parseInput } from "../parse-input.ts";
import { loadPostmortemView } from "./get-postmortem.ts";
import { enforce, loadForReview, moveState } from "./review-access.ts";
import type { PostmortemView } from "./types.ts";

export const approvePostmortemInput = z.object({
  postmortemId: z.string().trim().min(1),
  /** The version the reviewer read; approving something else is a CONFLICT. */
  expectedVersion: z.number().int().min(0).optional(),
});
export type ApprovePostmortemInput = z.input<typeof approvePostmortemInput>;

export async function approvePostmortem(
  db: Db,
  actor: Actor,
  input: ApprovePostmortemInput,
  options: { now?: Date } = {},
): Promise<PostmortemView> {
  if (!can(actor.role, "postmortem.review"))
    throw new AppError("FORBIDDEN", "Only engineers and admins review postmortems.");
  const data = parseInput(approvePostmortemInput, input);
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await loadForReview(tx, actor, data.postmortemId, data.expectedVersion, now);
    enforce(checkApprove(before.state, before.authorId, actor.id));
    await moveState(
      tx,
      actor,
      before.id,
      before.state,
      { state: "approved", approvedAt: now, reviewerId: actor.id },
      now,
    );
    await recordAudit(tx, actor, {
      action: "postmortem.approve",
      entityType: "Postmortem",
      entityId: before.id,
      before: { state: before.state },
      after: { state: "approved" },
    });
    return (await loadPostmortemView(tx, actor, { postmortemId: before.id }, now))!;
  });
}
