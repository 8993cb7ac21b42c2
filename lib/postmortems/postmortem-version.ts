// Optimistic concurrency on Postmortem.version, as incidents do it
// (lib/incidents/incident-version.ts): a writer claims the version it read
// with one conditional UPDATE; a stale writer gets CONFLICT carrying the
// current postmortem, so the text they typed can be shown beside it.
import { claimVersion } from "../database/version-claim.ts";
import type { Prisma } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { AppError } from "../errors.ts";
import { loadPostmortemView } from "./get-postmortem.ts";

type Tx = Prisma.TransactionClient;

/** lib/database/version-claim.ts on Postmortem. */
export function claimPostmortemVersion(
  tx: Pick<Tx, "$queryRawUnsafe">,
  postmortemId: string,
  expectedVersion: number,
): Promise<boolean> {
  return claimVersion(tx, "postmortem", postmortemId, expectedVersion);
}

/**
 * An edit to what readers would see (timeline, public action items) made
 * outside the section editor: an approved or published postmortem goes back
 * to review. True when it did; the version moves so a stale approval conflicts.
 */
export async function sendBackToReview(tx: Pick<Tx, "postmortem">, postmortemId: string, now: Date): Promise<boolean> {
  const { count } = await tx.postmortem.updateMany({
    where: { id: postmortemId, state: { in: ["approved", "published"] } },
    data: { state: "in_review", approvedAt: null, reviewerId: null, submittedAt: now, version: { increment: 1 } },
  });
  return count === 1;
}

export async function postmortemConflict(tx: Tx, actor: Actor, postmortemId: string, now: Date): Promise<AppError> {
  const current = await loadPostmortemView(tx, actor, { postmortemId }, now);
  return new AppError(
    "CONFLICT",
    "Someone else changed this postmortem while you were editing it. Here is its current text; your change was not saved.",
    {
      details: current,
    },
  );
}
