// Shared by the review verbs: find the postmortem, check the version the
// reviewer saw, and turn a failed rule into the right error.
import type { Prisma } from "../db.ts";
import type { ReviewCheck } from "../domain/postmortem-review.ts";
import type { PostmortemState } from "../generated/prisma/enums.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { postmortemNotFound } from "./postmortem-errors.ts";
import { postmortemConflict } from "./postmortem-version.ts";

type Tx = Prisma.TransactionClient;

export async function loadForReview(
  tx: Tx,
  actor: Actor,
  postmortemId: string,
  expectedVersion: number | undefined,
  now: Date,
) {
  const row = await tx.postmortem.findUnique({
    where: { id: postmortemId },
    include: { incident: { select: { id: true, title: true, priority: true } } },
  });
  if (!row) throw postmortemNotFound();
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw await postmortemConflict(tx, actor, postmortemId, now);
  return row;
}

export function enforce(check: ReviewCheck): void {
  if (!check.ok) throw new AppError(check.code, check.reason);
}

/** Moves state from `from` with a version bump; a concurrent step from the same state loses with CONFLICT. */
export async function moveState(
  tx: Tx,
  actor: Actor,
  postmortemId: string,
  from: PostmortemState,
  data: Prisma.PostmortemUncheckedUpdateManyInput,
  now: Date,
): Promise<void> {
  const { count } = await tx.postmortem.updateMany({
    where: { id: postmortemId, state: from },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw await postmortemConflict(tx, actor, postmortemId, now);
}
