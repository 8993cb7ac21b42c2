// What nobody needs once it has expired, deleted on a schedule (the worker,
// hourly): subscriptions never confirmed, console sessions, sign-in links and
// idle rate-limit buckets. Idempotent, so every replica may run it.
import type { Db } from "../db.ts";
import { deleteIdleRateBuckets } from "../rate-limits/take-token.ts";

/** An unconfirmed subscription is kept this long after its link expired, so the confirm page can still say "expired". */
export const PENDING_SUBSCRIPTION_GRACE_MS = 24 * 3_600_000;
/** Longer than any rate-limit window (the longest is an hour): such a bucket is full again. */
export const IDLE_RATE_BUCKET_MS = 24 * 3_600_000;

export interface PurgeCounts {
  pendingSubscribers: number;
  expiredConfirmLinks: number;
  sessions: number;
  verificationTokens: number;
  rateBuckets: number;
}

export async function purgeExpired(db: Db, now: Date): Promise<PurgeCounts> {
  const graceEnd = new Date(now.getTime() - PENDING_SUBSCRIPTION_GRACE_MS);
  const pendingSubscribers = await db.subscriber.deleteMany({
    where: {
      confirmedAt: null,
      OR: [{ confirmExpiresAt: { lt: graceEnd } }, { confirmExpiresAt: null, createdAt: { lt: graceEnd } }],
    },
  });
  // A lapsed subscriber who asked again and never confirmed keeps its row; only the dead link's hash goes.
  const expiredConfirmLinks = await db.subscriber.updateMany({
    where: { confirmedAt: { not: null }, confirmExpiresAt: { lt: graceEnd } },
    data: { confirmTokenHash: null, confirmExpiresAt: null },
  });
  const sessions = await db.session.deleteMany({ where: { expires: { lt: now } } });
  const verificationTokens = await db.verificationToken.deleteMany({ where: { expires: { lt: now } } });
  const rateBuckets = await deleteIdleRateBuckets(db, new Date(now.getTime() - IDLE_RATE_BUCKET_MS));
  return {
    pendingSubscribers: pendingSubscribers.count,
    expiredConfirmLinks: expiredConfirmLinks.count,
    sessions: sessions.count,
    verificationTokens: verificationTokens.count,
    rateBuckets,
  };
}
